"""Teams: list, add, rename, move to another site (their agents go with them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from supervisor_app.domain.setup_fields import check_all, field
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.setup.conflicts import refuse_if_changed
from supervisor_app.services.setup.records import TeamRecord
from supervisor_app.services.setup.saving import saving
from supervisor_app.store.models import Agent, Site, Team

_TABLES = ("teams",)


def _query() -> Any:
    count = (
        select(func.count(Agent.id)).where(Agent.team_id == Team.id).correlate(Team)
    ).scalar_subquery()
    return select(Team, Site, count).join(Site, Site.id == Team.site_id)


def _record(team: Team, site: Site, agents: int) -> TeamRecord:
    return TeamRecord(team.id, site.id, site.name, team.name, int(agents), team.version)


def _load(session: Session, team_id: int) -> TeamRecord | None:
    row = session.execute(_query().where(Team.id == team_id)).first()
    return None if row is None else _record(*row)


def list_teams(db: Database, site_id: int | None = None) -> list[TeamRecord]:
    """The teams of ``site_id`` (every site's when None), by site then name."""
    query = _query().order_by(Site.id, Team.name)
    if site_id is not None:
        query = query.where(Team.site_id == site_id)
    with db.sessions() as session:
        return [_record(*row) for row in session.execute(query).all()]


def _name_free(session: Session, site_id: int, name: str, but: int | None = None) -> None:
    other = session.scalar(select(Team.id).where(Team.site_id == site_id, Team.name == name))
    if other is not None and other != but:
        raise field("team", "name").refuse(repr(name), "the site has a team of that name")


def _site(session: Session, site_id: int) -> Site:
    site = session.get(Site, site_id)
    if site is None:
        raise LookupError(f"no site with id {site_id}")
    return site


def add_team(db: Database, site_id: int, name: str, actor: str) -> TeamRecord:
    checked = check_all("team", {"name": name})
    with saving(db, f"Team {checked['name']!r}", _TABLES) as session:
        _site(session, site_id)
        _name_free(session, site_id, checked["name"])
        team = Team(site_id=site_id, name=checked["name"])
        session.add(team)
        session.flush()
        record = _load(session, team.id)
        assert record is not None
        audit.record(
            session,
            actor=actor,
            action="team.add",
            entity="team",
            entity_id=team.id,
            after=record.values() | {"site": record.site},
        )
        return record


def update_team(
    db: Database, seen: TeamRecord, changes: Mapping[str, Any], actor: str
) -> TeamRecord:
    """Rename (``name``) or move (``site_id``) the team the user saw as ``seen``."""
    checked = check_all("team", {k: v for k, v in changes.items() if k == "name"})
    if "site_id" in changes:
        checked["site_id"] = int(changes["site_id"])
    what = f"Team {seen.name!r} ({seen.site})"
    with saving(db, what, _TABLES) as session:
        team = session.get(Team, seen.id)
        before = _load(session, seen.id)
        if team is None or before is None:
            raise field("team", "name").refuse(repr(seen.name), "it no longer exists")
        refuse_if_changed(
            session,
            entity="team",
            entity_id=team.id,
            what=what,
            seen_version=seen.version,
            now_version=before.version,
            seen=seen.values(),
            now=before.values(),
        )
        site_id = checked.get("site_id", team.site_id)
        _site(session, site_id)
        _name_free(session, site_id, checked.get("name", team.name), but=team.id)
        if before.values() == before.values() | checked:
            return before
        team.name = checked.get("name", team.name)
        if team.site_id != site_id:
            for agent in session.scalars(select(Agent).where(Agent.team_id == team.id)):
                agent.site_id = site_id  # the team's agents move with it
        team.site_id = site_id
        session.flush()
        after = _load(session, team.id)
        assert after is not None
        audit.record(
            session,
            actor=actor,
            action="team.move" if site_id != before.site_id else "team.update",
            entity="team",
            entity_id=team.id,
            before=before.values() | {"site": before.site},
            after=after.values() | {"site": after.site},
        )
        return after
