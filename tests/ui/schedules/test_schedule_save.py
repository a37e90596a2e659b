"""Saving through the tab on a real SQLite file: what is saved reloads the same; a colleague's
change since loading is refused, named, and reloaded or overwritten only on request."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from supervisor_app.domain.schedule_edits import move_shift
from supervisor_app.services.database import Database
from supervisor_app.services.schedules import load_week, save_week
from supervisor_app.store.models import AuditEntry
from supervisor_app.ui.schedules import SchedulesTab
from supervisor_app.ui.schedules.dialogs.conflict_dialog import ConflictDialog

from .conftest import ANN, BEN, MONDAY, MakeTab, OpenDb, at
from .test_schedule_mouse import drag, point, shifts_of

K, M = Qt.Key, Qt.KeyboardModifier
BOB = "bob@ws-2"


def spans(db: Database, agent_id: int) -> list[tuple[datetime, datetime]]:
    week = load_week(db, MONDAY)
    return sorted((s.starts_at, s.ends_at) for s in week.shifts if s.agent_id == agent_id)


def saved(qtbot: QtBot, tab: SchedulesTab) -> None:
    qtbot.waitUntil(lambda: not tab.saver.busy and not tab.workers.busy(), timeout=10_000)


def edit_ann_and_ben(qtbot: QtBot, tab: SchedulesTab) -> None:
    """Ann's Monday 15 minutes later (keyboard); a new Tuesday shift for Ben (mouse)."""
    tab.grid.show_day(0)
    qtbot.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, ANN, at(0, 11)))
    qtbot.keyClick(tab.grid, K.Key_Right)
    tab.grid.show_day(1)
    drag(qtbot, tab, point(tab, BEN, at(1, 9, 2)), point(tab, BEN, at(1, 17, 2)))
    assert shifts_of(tab, ANN) == [(at(0, 8, 15), at(0, 16, 45))]
    assert shifts_of(tab, BEN) == [(at(1, 9), at(1, 17))]


def test_ctrl_s_saves_and_another_console_loads_the_same_week(
    qtbot: QtBot, any_db: Database, make_tab: MakeTab, open_db: OpenDb
) -> None:
    db = any_db
    tab = make_tab(db)
    edit_ann_and_ben(qtbot, tab)
    assert tab.toolbar.save.isEnabled()
    qtbot.keyClick(tab.grid, K.Key_S, M.ControlModifier)
    saved(qtbot, tab)
    assert not tab.draft.dirty and tab.undo_stack.count() == 0
    other = open_db(db.url)
    assert spans(other, ANN) == [(at(0, 8, 15), at(0, 16, 45))]
    assert spans(other, BEN) == [(at(1, 9), at(1, 17))]
    second = make_tab(other)
    assert shifts_of(second, ANN) == shifts_of(tab, ANN)
    assert shifts_of(second, BEN) == shifts_of(tab, BEN)
    week = second.draft.week
    assert week is not None
    (ann,) = [s for s in week.shifts if s.agent_id == ANN]
    assert len(ann.activities) == 3 and ann.activities[0].starts_at == at(0, 10, 15)


def colleague_moves_ann(db: Database) -> None:
    """Bob, in another console, moves Ann's Monday shift an hour later and saves."""
    week = load_week(db, MONDAY)
    (ann,) = [s for s in week.shifts if s.agent_id == ANN]
    result = save_week(db, week, move_shift(week, ann.key, timedelta(hours=1)), BOB)
    assert not result.conflicts


def conflict_after_save(qtbot: QtBot, tab: SchedulesTab) -> ConflictDialog:
    with qtbot.waitSignal(tab.saver.conflicts_shown, timeout=10_000) as blocker:
        tab.save()
    dialog = blocker.args[0]
    assert isinstance(dialog, ConflictDialog)
    return dialog


def test_a_colleagues_change_is_named_and_reloading_it_keeps_my_other_edits(
    qtbot: QtBot, any_db: Database, make_tab: MakeTab, open_db: OpenDb
) -> None:
    db = any_db
    tab = make_tab(db)
    edit_ann_and_ben(qtbot, tab)
    colleague_moves_ann(open_db(db.url))
    dialog = conflict_after_save(qtbot, tab)
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    assert len(rows) == 1
    assert rows[0][:3] == ["Ann Archer", "Mon 30 Nov", "Changed by a colleague"]
    assert BOB in rows[0][3]
    # Ben's new shift was saved; Ann's day was not, and my edit of it is still on screen.
    assert spans(db, BEN) == [(at(1, 9), at(1, 17))]
    assert spans(db, ANN) == [(at(0, 9), at(0, 17, 30))]
    assert shifts_of(tab, ANN) == [(at(0, 8, 15), at(0, 16, 45))]
    assert tab.draft.dirty
    assert not dialog.overwrite_button.isEnabled()  # not without a reason

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    saved(qtbot, tab)
    assert shifts_of(tab, ANN) == [(at(0, 9), at(0, 17, 30))]
    assert shifts_of(tab, BEN) == [(at(1, 9), at(1, 17))]
    assert not tab.draft.dirty


def test_overwriting_a_colleagues_change_needs_a_reason_and_is_audited(
    qtbot: QtBot, any_db: Database, make_tab: MakeTab, open_db: OpenDb
) -> None:
    db = any_db
    tab = make_tab(db)
    edit_ann_and_ben(qtbot, tab)
    colleague_moves_ann(open_db(db.url))
    dialog = conflict_after_save(qtbot, tab)
    dialog.reason.setText("Ann swapped with Ben, agreed with the team lead")
    assert dialog.overwrite_button.isEnabled()
    qtbot.mouseClick(dialog.overwrite_button, Qt.MouseButton.LeftButton)
    saved(qtbot, tab)
    assert spans(db, ANN) == [(at(0, 8, 15), at(0, 16, 45))]
    assert not tab.draft.dirty
    with db.sessions() as s:
        reasons = s.scalars(select(AuditEntry.reason).where(AuditEntry.actor == "ana@ws-1")).all()
    assert "Ann swapped with Ben, agreed with the team lead" in reasons


def test_changing_week_with_unsaved_edits_asks_first(
    qtbot: QtBot, db: Database, make_tab: MakeTab
) -> None:
    answers: list[str] = []
    asked: list[str] = []

    def confirm(_parent: object, what: str) -> str:
        asked.append(what)
        return answers.pop(0)

    tab = make_tab(db, confirm=confirm)
    edit_ann_and_ben(qtbot, tab)
    answers.append("cancel")
    tab.toolbar.next_week.trigger()
    assert asked == ["changing week"] and tab.week_start == MONDAY and tab.draft.dirty
    answers.append("discard")
    tab.toolbar.next_week.trigger()
    qtbot.waitUntil(lambda: tab.draft.week is not None and tab.draft.week.week_start != MONDAY)
    assert tab.week_start == MONDAY + timedelta(days=7) and not tab.draft.dirty
    assert spans(db, BEN) == []  # discarded, never saved
    answers.append("cancel")
    assert tab.confirm_close()  # nothing unsaved: no question
    assert asked == ["changing week", "changing week"]


def test_a_colleagues_save_reloads_a_clean_week_but_not_an_edited_one(
    qtbot: QtBot, db: Database, make_tab: MakeTab, open_db: OpenDb
) -> None:
    tab = make_tab(db)
    colleague_moves_ann(open_db(db.url))
    tab.on_changed(frozenset({"shifts"}), datetime.now(UTC))
    qtbot.waitUntil(lambda: shifts_of(tab, ANN) == [(at(0, 9), at(0, 17, 30))], timeout=10_000)
    week = tab.draft.week
    assert week is not None
    tab.draft.edit("Nothing much", (replace(week, shifts=()), ()))
    tab.on_changed(frozenset({"shifts"}), datetime.now(UTC))
    assert not tab.loading and tab.draft.week is not None and tab.draft.week.shifts == ()


def test_closing_with_unsaved_edits_asks_and_save_closes_once_saved(
    qtbot: QtBot, db: Database, make_tab: MakeTab
) -> None:
    answers: list[str] = []
    tab = make_tab(db, confirm=lambda _p, _what: answers.pop(0))
    edit_ann_and_ben(qtbot, tab)
    answers.append("cancel")
    assert not tab.confirm_close() and tab.draft.dirty
    answers.append("save")
    assert not tab.confirm_close()  # not yet: the save is running
    saved(qtbot, tab)
    assert spans(db, BEN) == [(at(1, 9), at(1, 17))]
    qtbot.waitUntil(lambda: not tab.isVisible())  # closed again once saved
    assert tab.confirm_close()
