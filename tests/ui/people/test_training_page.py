"""Setup › Training on the seeded database: add a course required by a queue, see who is
due (never completed, and a completion expiring in the window), record a completion from the
list."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervisor_app.services.database import Database
from supervisor_app.services.people import list_courses, record_completion
from supervisor_app.services.setup import list_agents, list_audit
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import CompletionForm
from supervisor_app.ui.setup.pages_training import OVERDUE_FILL, SOON_FILL, TrainingPage

TODAY = date(2026, 12, 7)
WAIT = 30_000


def test_add_a_course_see_who_is_due_and_record_a_completion(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    page = TrainingPage(workers, db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert page.course_table.rowCount() == 0 and page.empty.isVisible()
    page.name.setText("Card payments")
    page.valid_days.setValue(365)
    first = page.queue_list.item(0)
    queue = first.text().split(" · ")[0]
    first.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.course_table.rowCount() == 1, timeout=WAIT)
    assert [page.course_table.item(0, c).text() for c in range(3)] == [
        "Card payments",
        "365 days",
        queue,
    ]
    skilled = [a for a in list_agents(db) if queue in {s.queue for s in a.skills} and a.active]
    assert page.due_table.rowCount() == len(skilled) > 1  # nobody has done it yet
    assert all(page.due_table.item(r, 3).text() == "never completed" for r in range(len(skilled)))
    assert page.due_table.item(0, 0).background().color() == OVERDUE_FILL
    course = list_courses(db)[0]
    # one agent did it on 20 Dec 2025: it ends 20 Dec 2026, inside the 30 days, not overdue
    soon = skilled[0]
    record_completion(db, soon.id, course.id, date(2025, 12, 20), "tester")
    page.reload()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    last = page.due_table.rowCount() - 1  # overdue first, so the one still valid is last
    assert page.due_table.item(last, 0).text() == soon.name
    assert page.due_table.item(last, 3).text() == "20 Dec 2026"
    assert page.due_table.item(last, 0).background().color() == SOON_FILL
    page.due_table.selectRow(0)
    chosen = page.due[0]
    assert page.record_button.isEnabled()
    page.ask_completion()
    form = page.form
    assert isinstance(form, CompletionForm) and form.course.currentText() == "Card payments"
    form.accept()
    qtbot.waitUntil(lambda: page.message.text() == "Completion recorded.", timeout=WAIT)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert chosen.agent_id not in {d.agent_id for d in page.due}
    assert page.due_table.rowCount() == len(skilled) - 1
    actions = [row.action for row in list_audit(db, entity="agent")[:2]]
    assert actions == ["training.complete", "training.complete"]
