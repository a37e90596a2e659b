"""The role → commands table: what the issue and the brief say each role may do, by hand."""

from __future__ import annotations

import pytest

from supervisor_app.domain.permissions import ALLOWED, Action, Role, may

A = Action
# Written from issue 14's list, not from the table under test: a director only reads;
# a supervisor has no Setup and no Publish (and writes escalations, not schedules);
# a planner has everything but Setup; an admin, the owner and a SQLite user everything.
EXPECTED = {
    Role.DIRECTOR: set(),
    Role.SUPERVISOR: {A.ESCALATE},
    Role.PLANNER: {A.IMPORT, A.SAVE_SCHEDULE, A.PUBLISH, A.EDIT_FORECAST, A.ESCALATE},
    Role.ADMIN: {
        A.SETUP, A.IMPORT, A.SAVE_SCHEDULE, A.PUBLISH, A.EDIT_FORECAST, A.ESCALATE,
    },
    Role.OWNER: {
        A.SETUP, A.IMPORT, A.SAVE_SCHEDULE, A.PUBLISH, A.EDIT_FORECAST, A.ESCALATE,
    },
    Role.SINGLE_USER: {
        A.SETUP, A.IMPORT, A.SAVE_SCHEDULE, A.PUBLISH, A.EDIT_FORECAST, A.ESCALATE,
    },
    Role.INGEST: {A.IMPORT},
    Role.NONE: set(),
}  # fmt: skip


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_exactly_its_list(role: Role) -> None:
    assert {action for action in Action if may(role, action)} == EXPECTED[role]


def test_every_role_is_in_the_table() -> None:
    assert set(ALLOWED) == set(Role)
