"""Who supervises which team: their alert list's follow-ups and, on PostgreSQL, the
restricted records they may see follow it (migration 0017's policy reads this table).

A login is a PostgreSQL login name (``session_user``); on SQLite, single-user, the
list is kept all the same (a file later copied to a shared database keeps it).
Every change writes an audit row in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, literal_column, select, text
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UsageError, UserError
from supervisor_app.services.audit import record
from supervisor_app.services.database import Database
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Site, Team, TeamSupervisor

# PostgreSQL's unquoted identifiers and the logins ``user add`` makes, at most 63 bytes
_LOGIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")


@dataclass(frozen=True, slots=True)
class TeamSupervisorLine:
    team_id: int
    team: str
    site: str
    login: str


def checked_login(login: str) -> str:
    login = login.strip()
    if not _LOGIN.match(login):
        raise UsageError(
            f"login {login!r} refused: a database login (letters, digits, _ . @ -; "
            "at most 63 characters, not starting with a digit)"
        )
    return login


def list_team_supervisors(db: Database, team_id: int | None = None) -> list[TeamSupervisorLine]:
    """Every team's supervisors (or one team's), by site, team and login."""
    query = (
        select(Team.id, Team.name, Site.name, TeamSupervisor.login)
        .join(Team, Team.id == TeamSupervisor.team_id)
        .join(Site, Site.id == Team.site_id)
        .order_by(Site.name, Team.name, TeamSupervisor.login)
    )
    if team_id is not None:
        query = query.where(TeamSupervisor.team_id == team_id)
    with db.sessions() as session:
        return [TeamSupervisorLine(*row) for row in session.execute(query).all()]


def add_team_supervisor(db: Database, team_id: int, login: str, actor: str) -> None:
    """``login`` supervises the team from now on; already so is refused."""
    login = checked_login(login)
    with db.sessions.begin() as session:
        team = session.get(Team, team_id)
        if team is None:
            raise UserError(f"no team with id {team_id}")
        if session.get(TeamSupervisor, (team_id, login)) is not None:
            raise UserError(f"{login} supervises team {team.name} already")
        session.add(TeamSupervisor(team_id=team_id, login=login))
        record(
            session,
            actor=actor,
            action="team.supervisor.add",
            entity="team",
            entity_id=team_id,
            after={"team": team.name, "supervisor": login},
        )
        session.flush()
        announce(session.connection(), ("team_supervisors", "audit_log"))


def remove_team_supervisor(db: Database, team_id: int, login: str, actor: str) -> None:
    """``login`` no longer supervises the team; not a supervisor of it is refused."""
    login = login.strip()
    with db.sessions.begin() as session:
        team = session.get(Team, team_id)
        if team is None:
            raise UserError(f"no team with id {team_id}")
        gone = session.execute(
            delete(TeamSupervisor).where(
                TeamSupervisor.team_id == team_id, TeamSupervisor.login == login
            )
        ).rowcount
        if not gone:
            raise UserError(f"{login} does not supervise team {team.name}")
        record(
            session,
            actor=actor,
            action="team.supervisor.remove",
            entity="team",
            entity_id=team_id,
            before={"team": team.name, "supervisor": login},
        )
        announce(session.connection(), ("team_supervisors", "audit_log"))


def supervised_team_ids(session: Session) -> list[int] | None:
    """The teams whose follow-ups this session's person is shown: None for every team.

    Every team on SQLite (single-user) and for the schema owner or an ``sc_admin``
    member on PostgreSQL; otherwise the teams ``team_supervisors`` names for the login.
    """
    if session.get_bind().dialect.name != "postgresql":
        return None
    sees_all = session.execute(
        text(
            "SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'sc_admin' "
            "AND pg_has_role(session_user, r.oid, 'MEMBER')) "
            "OR pg_has_role(session_user, (SELECT relowner FROM pg_class "
            "WHERE oid = 'coaching_notes'::regclass), 'MEMBER')"
        )
    ).scalar_one()
    if sees_all:
        return None
    return list(
        session.scalars(
            select(TeamSupervisor.team_id).where(
                TeamSupervisor.login == literal_column("session_user")
            )
        )
    )
