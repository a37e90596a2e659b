"""The role → commands table: what the issue and the brief say each role may do, by hand."""

from __future__ import annotations

import pytest

from supervisor_app.domain.permissions import ALLOWED, Action, Role, may

A = Action
# Written from issue 14's list of what each role writes, not from the table under test:
# a director only reads; a supervisor writes escalations; a planner writes schedules,
# forecasts and time off; ingest writes contacts (and the simulator's forecasts); an
# admin writes setup; the owner and a SQLite user do everything. Issue 18: supervisors
# record their agents' training completions, and admins keep the training records;
# supervisors and admins keep coaching notes and restricted records (adding, editing, closing
# a follow-up, the agent's acknowledgement) and evaluate contacts; nobody else does.
PEOPLE = {A.ADD_COACHING, A.EDIT_COACHING, A.ADD_RECORD, A.ACKNOWLEDGE_RECORD, A.EVALUATE}
EXPECTED = {
    Role.DIRECTOR: set(),
    Role.SUPERVISOR: {A.ESCALATE, A.RECORD_TRAINING, *PEOPLE},
    Role.PLANNER: {A.SAVE_SCHEDULE, A.PUBLISH, A.EDIT_FORECAST},
    Role.ADMIN: {A.SETUP, A.RECORD_TRAINING, *PEOPLE},
    Role.OWNER: {
        A.SETUP, A.IMPORT, A.SAVE_SCHEDULE, A.PUBLISH, A.EDIT_FORECAST, A.ESCALATE,
        A.RECORD_TRAINING, *PEOPLE,
    },
    Role.SINGLE_USER: {
        A.SETUP, A.IMPORT, A.SAVE_SCHEDULE, A.PUBLISH, A.EDIT_FORECAST, A.ESCALATE,
        A.RECORD_TRAINING, *PEOPLE,
    },
    Role.INGEST: {A.IMPORT, A.EDIT_FORECAST},
    Role.NONE: set(),
}  # fmt: skip


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_exactly_its_list(role: Role) -> None:
    assert {action for action in Action if may(role, action)} == EXPECTED[role]


def test_every_role_is_in_the_table() -> None:
    assert set(ALLOWED) == set(Role)
