"""Role courtesy in the profile: Coaching, Restricted records and Quality offer their buttons
only to the roles the grant matrix lets write those tables.

Expected by hand from issue 18 and the shared-database guide, not from the matrix: supervisors
and admins keep coaching notes and restricted records and evaluate contacts; a director only
reads; a planner plans schedules and keeps none of these. A SQLite file has one user who may
do everything.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.domain.permissions import Role
from supervisor_app.services.database import Database
from supervisor_app.services.setup import list_agents
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import open_agent_profile
from supervisor_app.ui.people.coaching_section import CoachingSection
from supervisor_app.ui.people.quality_section import QualitySection
from supervisor_app.ui.people.records_section import RecordsSection

from .conftest import NOW

WAIT = 60_000
ALL = {"add note", "edit note", "follow-up done", "add record", "acknowledged", "evaluate"}
EXPECTED: dict[Role, set[str]] = {
    Role.SINGLE_USER: ALL,
    Role.ADMIN: ALL,
    Role.SUPERVISOR: ALL,
    Role.DIRECTOR: set(),
    Role.PLANNER: set(),
}


def _shown(dialog: Any) -> set[str]:
    coaching, records, quality = (
        dialog.section(CoachingSection),
        dialog.section(RecordsSection),
        dialog.section(QualitySection),
    )
    buttons = {
        "add note": coaching.add_button,
        "edit note": coaching.edit_button,
        "follow-up done": coaching.done_button,
        "add record": records.add_button,
        "acknowledged": records.ack_button,
        "evaluate": quality.evaluate_button,
    }
    return {name for name, button in buttons.items() if button.isVisibleTo(dialog)}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_the_people_buttons_it_may_use(
    qtbot: QtBot, workers: Workers, db: Database, role: Role
) -> None:
    agent = next(a for a in list_agents(db) if a.team_id is not None)
    dialog = open_agent_profile(None, workers, db, agent.id, now=NOW, role=role)
    qtbot.waitUntil(lambda: bool(dialog.frames) and not dialog.busy_sections(), timeout=WAIT)
    assert _shown(dialog) == EXPECTED[role]
    coaching = dialog.section(CoachingSection)
    assert isinstance(coaching, CoachingSection)
    assert coaching.may_edit is (role in (Role.SINGLE_USER, Role.ADMIN, Role.SUPERVISOR))
    dialog.close()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=WAIT)
