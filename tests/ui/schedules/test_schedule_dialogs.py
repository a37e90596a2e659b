"""Publish (with the override reason when rules are broken), time off, templates and
history, each through its dialog and the real services on a SQLite file."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from supervisor_app.domain.enums import ShiftStatus, TimeOffStatus
from supervisor_app.services.database import Database
from supervisor_app.services.schedules import load_week
from supervisor_app.store.models import AuditEntry
from supervisor_app.ui.schedules import SchedulesTab
from supervisor_app.ui.schedules.dialogs.history_dialog import HistoryDialog
from supervisor_app.ui.schedules.dialogs.publish_dialog import PublishDialog
from supervisor_app.ui.schedules.dialogs.templates_dialog import TemplatesDialog
from supervisor_app.ui.schedules.dialogs.time_off_dialog import TimeOffDialog

from .conftest import ANN, BEN, MONDAY, MakeTab, at
from .test_schedule_mouse import point, shifts_of


def idle(qtbot: QtBot, tab: SchedulesTab) -> None:
    qtbot.waitUntil(lambda: not tab.workers.busy() and not tab.saver.busy, timeout=10_000)


def test_publishing_a_week_with_a_broken_rule_needs_a_written_reason(
    qtbot: QtBot, db: Database, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    # Ann's 8.5-hour Monday has two breaks and a lunch; Ben gets a 2-hour shift (too short).
    week = tab.draft.week
    assert week is not None
    from supervisor_app.ui.schedules.week import draft_edits as de

    tab.draft.edit("Create shift", de.create_shift(week, BEN, at(1, 9), at(1, 11)))
    tab.save()
    idle(qtbot, tab)
    assert len(tab.draft.violations) == 1
    tab.toolbar.publish.trigger()
    dialog = tab.dialogs.open_dialog
    assert isinstance(dialog, PublishDialog)
    assert not dialog.publish_button.isEnabled()
    dialog.reason.setText("Ben's short shift agreed for his course")
    assert dialog.publish_button.isEnabled()
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    failures: list[BaseException] = []
    tab.failed.connect(failures.append)
    qtbot.waitUntil(
        lambda: failures or "Published 2 shift(s)" in tab.toolbar.status.text(), timeout=10_000
    )
    assert not failures, (failures, tab.toolbar.status.text())
    idle(qtbot, tab)
    assert {s.status for s in load_week(db, MONDAY).shifts} == {ShiftStatus.PUBLISHED}
    with db.sessions() as s:
        reasons = s.scalars(select(AuditEntry.reason).where(AuditEntry.actor == "ana@ws-1")).all()
    assert "Ben's short shift agreed for his course" in reasons


def test_time_off_is_requested_then_approved_and_blocks_shifts_in_it(
    qtbot: QtBot, db: Database, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.cursor_row = next(
        i for i, r in enumerate(tab.grid.rows) if r.agent and r.agent.agent_id == BEN
    )
    tab.toolbar.time_off.trigger()
    dialog = tab.dialogs.open_dialog
    assert isinstance(dialog, TimeOffDialog)
    assert dialog.agent.currentData() == BEN
    # Wednesday 00:00 to Thursday 00:00, local.
    dialog.start.setDateTime(dialog.start.dateTime().addDays(2))
    dialog.end.setDateTime(dialog.end.dateTime().addDays(2))
    dialog.reason.setText("Moving house")
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    week = tab.draft.week
    assert week is not None
    (band,) = week.time_off
    assert (band.agent_id, band.starts_at, band.ends_at) == (BEN, at(2, 0), at(3, 0))
    assert band.status is TimeOffStatus.REQUESTED and dialog.table.item(0, 3).text() == "requested"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 3).text() == "approved", timeout=10_000)
    # A shift drawn in it now breaks a rule, and undoing the shift leaves the time off alone.
    tab.grid.show_day(2)
    from .test_schedule_mouse import drag

    drag(qtbot, tab, point(tab, BEN, at(2, 9)), point(tab, BEN, at(2, 17)))
    assert "time_off" in [v.rule.value for v in tab.draft.violations if v.agent_id == BEN]
    tab.undo_stack.undo()
    week = tab.draft.week
    assert week is not None and [b.status for b in week.time_off] == [TimeOffStatus.APPROVED]


def test_a_template_saved_from_a_shift_creates_shifts_on_double_click(
    qtbot: QtBot, db: Database, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(0)
    qtbot.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, ANN, at(0, 11)))
    tab.toolbar.templates.trigger()
    dialog = tab.dialogs.open_dialog
    assert isinstance(dialog, TemplatesDialog)
    dialog.name.setText("Early 8.5 h")
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert [dialog.table.item(0, c).text() for c in range(3)] == ["Early 8.5 h", "08:00", "8.5 h"]
    combo = tab.toolbar.template
    combo.setCurrentIndex(combo.findText("Early 8.5 h"))
    dialog.close()
    tab.grid.show_day(3)
    qtbot.mouseDClick(
        tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, BEN, at(3, 20))
    )
    assert shifts_of(tab, BEN) == [(at(3, 8), at(3, 16, 30))]
    week = tab.draft.week
    assert week is not None
    (ben,) = [s for s in week.shifts if s.agent_id == BEN]
    assert [a.starts_at - ben.starts_at for a in ben.activities] == [
        timedelta(hours=2),
        timedelta(hours=4),
        timedelta(hours=6, minutes=30),
    ]


def test_history_lists_who_changed_an_agent(qtbot: QtBot, db: Database, make_tab: MakeTab) -> None:
    tab = make_tab(db)
    tab.grid.show_day(0)
    qtbot.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, ANN, at(0, 11)))
    qtbot.keyClick(tab.grid, Qt.Key.Key_Right)
    tab.save()
    idle(qtbot, tab)
    tab.toolbar.audit.trigger()
    dialog = tab.dialogs.open_dialog
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(lambda: dialog.entries is not None, timeout=10_000)
    assert dialog.scope.currentData() == ANN
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "ana@ws-1"
    dialog.scope.setCurrentIndex(0)  # the week
    qtbot.waitUntil(lambda: dialog.count.text() != "Loading…", timeout=10_000)
    assert dialog.table.rowCount() == 1


def test_the_right_click_menu_adds_an_activity_and_creates_a_shift(
    qtbot: QtBot, db: Database, make_tab: MakeTab
) -> None:
    from PySide6.QtWidgets import QMenu

    tab = make_tab(db)
    tab.grid.show_day(0)

    def menu_at(agent: int, hh: int, mm: int = 0) -> QMenu:
        hit = tab.grid.hit(point(tab, agent, at(0, hh, mm)))
        assert hit is not None
        return tab.build_menu(hit)

    def action(menu: QMenu, *path: str) -> None:
        for name in path[:-1]:
            sub = next(a.menu() for a in menu.actions() if a.text() == name)
            assert isinstance(sub, QMenu)
            menu = sub
        next(a for a in menu.actions() if a.text() == path[-1]).trigger()

    action(menu_at(ANN, 11, 0), "Add activity here", "Meeting")
    week = tab.draft.week
    assert week is not None
    meetings = [a for a in week.shifts[0].activities if a.kind.value == "meeting"]
    assert [(a.starts_at, a.ends_at) for a in meetings] == [(at(0, 11), at(0, 11, 30))]
    action(menu_at(BEN, 13, 5), "New 8-hour shift here")
    assert shifts_of(tab, BEN) == [(at(0, 13), at(0, 21))]
