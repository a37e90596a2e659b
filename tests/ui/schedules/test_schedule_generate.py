"""Generate… in the Schedules toolbar: asks which shifts stay, runs on a worker, lands as one
unsaved undo step with its summary in the status line and a dialog, and Cancel reaches the
solver."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from supervisor_app.domain.autoschedule import Keep
from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.domain.schedule_types import PlannedShift, ScheduleWeek
from supervisor_app.services.database import Database
from supervisor_app.ui.schedules.generate_options import GenerateOptionsDialog

from .conftest import ANN, MakeTab


def test_generate_is_one_undo_step_with_a_summary(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    tab = make_tab(db)
    before = tab.draft.week
    assert before is not None and [s.agent_id for s in before.shifts] == [ANN]
    assert tab.toolbar.generate.isEnabled()
    tab.toolbar.generate.trigger()
    options = tab.generator.options
    assert options is not None and options.isVisible()
    assert options.keep() is Keep.PUBLISHED  # Ann's shift is a draft: drafts are replaced
    qtbot.mouseClick(options.go, Qt.MouseButton.LeftButton)
    assert tab.generator.busy  # the GUI thread is back at once; the worker does the rest
    assert tab.generator.dialog is not None and tab.generator.dialog.isVisible()
    qtbot.waitUntil(lambda: not tab.generator.busy, timeout=60_000)
    # No forecast on this site: nothing to cover, so Ann's draft shift (not kept: only
    # published shifts are) is replaced by nothing.
    assert tab.draft.week is not None and tab.draft.week.shifts == ()
    assert tab.draft.dirty
    assert "Generated" in tab.toolbar.status.text()
    assert "0 rule break(s)" in tab.toolbar.status.text()
    assert tab.undo_stack.count() == 1
    summary = tab.generator.summary
    assert summary is not None and summary.isVisible()
    assert summary.model.item(3, 0).text() == "Rule breaks"
    assert summary.model.item(3, 2).text() == "0"
    tab.undo_stack.undo()
    assert tab.draft.week == before
    assert not tab.draft.dirty


def test_cancel_sets_the_solver_stop(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    tab = make_tab(db)
    tab.toolbar.generate.trigger()
    assert tab.generator.options is not None
    tab.generator.options.accept()
    event = tab.generator.cancel
    assert event is not None and tab.generator.dialog is not None
    button = tab.generator.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert event.is_set()
    qtbot.waitUntil(lambda: not tab.generator.busy, timeout=60_000)


def test_the_keep_choice_suggests_planning_afresh_only_when_all_is_published(
    qtbot: QtBot,
) -> None:
    def shift(status: ShiftStatus) -> PlannedShift:
        start = datetime(2026, 12, 7, 8, tzinfo=UTC)
        return PlannedShift(ANN, start, start.replace(hour=12), status=status)

    def suggested(*statuses: ShiftStatus) -> Keep:
        week = ScheduleWeek(date(2026, 12, 7), "UTC", 15, (), tuple(map(shift, statuses)), ())
        dialog = GenerateOptionsDialog(week)
        qtbot.addWidget(dialog)
        return dialog.keep()

    assert suggested(ShiftStatus.PUBLISHED, ShiftStatus.DRAFT) is Keep.PUBLISHED
    assert suggested(ShiftStatus.PUBLISHED, ShiftStatus.PUBLISHED) is Keep.NONE
    assert suggested() is Keep.NONE
