"""What each role may do in the console: the one table the window reads to hide commands.

The database enforces the same limits with grants and row-level security (issue 14);
this table only keeps the window from offering what would be refused. A role comes
from the session (``services/session_role.py``): a SQLite file has one user who may do
everything, the schema owner too; a login is a member of one ``sc_*`` group role.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who the console is connected as; the value is what the status bar shows."""

    SINGLE_USER = "single user"  # a SQLite file: no roles
    OWNER = "owner"  # the schema owner or a superuser
    ADMIN = "admin"
    PLANNER = "planner"
    SUPERVISOR = "supervisor"
    DIRECTOR = "director"
    INGEST = "ingest"
    NONE = "no role"  # a login in none of the group roles: it may read nothing


# The group role a login is a member of, strongest first (a login in two is taken as
# the first that matches).
GROUP_ROLES: tuple[tuple[str, Role], ...] = (
    ("sc_admin", Role.ADMIN),
    ("sc_planner", Role.PLANNER),
    ("sc_supervisor", Role.SUPERVISOR),
    ("sc_director", Role.DIRECTOR),
    ("sc_ingest", Role.INGEST),
)


class Action(StrEnum):
    """A command the window offers only to the roles allowed to make it."""

    SETUP = "change the setup"
    IMPORT = "import files"
    SAVE_SCHEDULE = "change schedules"
    PUBLISH = "publish schedules"
    EDIT_FORECAST = "change forecasts"
    ESCALATE = "work on escalations"


_EVERYTHING = frozenset(Action)

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.SINGLE_USER: _EVERYTHING,
    Role.OWNER: _EVERYTHING,
    Role.ADMIN: _EVERYTHING,
    Role.PLANNER: _EVERYTHING - {Action.SETUP},
    Role.SUPERVISOR: frozenset({Action.ESCALATE}),
    Role.DIRECTOR: frozenset(),
    Role.INGEST: frozenset({Action.IMPORT}),
    Role.NONE: frozenset(),
}


def may(role: Role, action: Action) -> bool:
    """True when ``role`` may make ``action`` (the window shows the command)."""
    return action in ALLOWED[role]
