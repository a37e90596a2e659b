"""Who the console is connected as, and with which role, read from PostgreSQL's catalog.

The group roles and their grants are made by ``db roles`` (``services/security``);
this only asks which of them the session's login is a member of, so the window can
hide what the database would refuse and the status bar can say "anna · supervisor".
A SQLite file has no roles: one user, who may do everything.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import text

from supervisor_app.domain.permissions import GROUP_ROLES, Role
from supervisor_app.services.database import Database

_OWNER_SQL = text(
    """
    SELECT session_user AS login,
           r.rolsuper
           OR EXISTS (SELECT 1 FROM pg_tables t
                      WHERE t.tablename = 'alembic_version' AND t.schemaname = current_schema()
                        AND t.tableowner = session_user) AS owner
    FROM pg_roles r WHERE r.rolname = session_user
    """
)
# pg_has_role(…, 'MEMBER'): directly or through another role; a missing group role is
# simply no match (the join on pg_roles drops it).
_GROUPS_SQL = text(
    "SELECT r.rolname FROM pg_roles r "
    "WHERE r.rolname = ANY(:names) AND pg_has_role(session_user, r.oid, 'MEMBER')"
)


@dataclass(frozen=True)
class SessionIdentity:
    """The login and its role; ``label`` is what the status bar shows."""

    login: str
    role: Role
    shared: bool

    @property
    def label(self) -> str:
        if not self.shared:
            return f"local file · {self.role}"
        return f"{self.login} · {self.role}"


def session_role(db: Database) -> SessionIdentity:
    """The session's login and role: ``Role.SINGLE_USER`` on SQLite, ``Role.OWNER`` for
    the schema owner or a superuser, else the strongest ``sc_*`` group it belongs to."""
    if db.dialect != "postgresql":
        return SessionIdentity(getpass.getuser(), Role.SINGLE_USER, shared=False)
    with db.engine.connect() as conn:
        row = conn.execute(_OWNER_SQL).one()
        if row.owner:
            return SessionIdentity(row.login, Role.OWNER, shared=True)
        names = [name for name, _role in GROUP_ROLES]
        member = set(conn.execute(_GROUPS_SQL, {"names": names}).scalars())
    for name, role in GROUP_ROLES:
        if name in member:
            return SessionIdentity(row.login, role, shared=True)
    return SessionIdentity(row.login, Role.NONE, shared=True)
