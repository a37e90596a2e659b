"""What each role may do in the console: what the window reads to hide commands.

Read from the grant matrix (``domain.grants``), the one list the database enforces:
each command names the table and verb it writes, so the window offers exactly what
the database would accept, and a change to the matrix changes both. A role comes
from the session (``services/session_role.py``): a SQLite file has one user who may do
everything, the schema owner too; a login is a member of one ``sc_*`` group role.
"""

from __future__ import annotations

from enum import StrEnum

from supervisor_app.domain.grants import may as granted


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
    RECORD_TRAINING = "record training completions"
    ADD_COACHING = "add coaching notes"
    EDIT_COACHING = "edit coaching notes and close follow-ups"
    ADD_RECORD = "add restricted records"
    ACKNOWLEDGE_RECORD = "record an agent's acknowledgement"
    EVALUATE = "evaluate contacts"


# The write each command makes, which the grant matrix must allow the role.
NEEDS: dict[Action, tuple[str, str]] = {
    Action.SETUP: ("sites", "UPDATE"),
    Action.IMPORT: ("contacts", "INSERT"),
    Action.SAVE_SCHEDULE: ("shifts", "UPDATE"),
    Action.PUBLISH: ("schedule_publications", "INSERT"),
    Action.EDIT_FORECAST: ("forecasts", "UPDATE"),
    Action.ESCALATE: ("escalations", "UPDATE"),
    Action.RECORD_TRAINING: ("training_completions", "INSERT"),
    Action.ADD_COACHING: ("coaching_notes", "INSERT"),
    Action.EDIT_COACHING: ("coaching_notes", "UPDATE"),
    Action.ADD_RECORD: ("restricted_records", "INSERT"),
    Action.ACKNOWLEDGE_RECORD: ("restricted_records", "UPDATE"),
    Action.EVALUATE: ("qa_evaluations", "INSERT"),
}
_EVERYTHING = frozenset(Action)


def _granted(group: str) -> frozenset[Action]:
    return frozenset(a for a, (table, verb) in NEEDS.items() if granted(group, table, verb))


ALLOWED: dict[Role, frozenset[Action]] = {
    Role.SINGLE_USER: _EVERYTHING,
    Role.OWNER: _EVERYTHING,
    **{role: _granted(group) for group, role in GROUP_ROLES},
    Role.NONE: frozenset(),
}


def may(role: Role, action: Action) -> bool:
    """True when ``role`` may make ``action`` (the window shows the command)."""
    return action in ALLOWED[role]
