"""The keyboard does what the mouse does: move, resize, create, activities, delete, copy,
paste, undo and redo (Ctrl+Z / Ctrl+Shift+Z through the tab's own shortcuts)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.ui.schedules import SchedulesTab
from supervisor_app.ui.shell import MainWindow

from .conftest import ANN, BEN, CID, MONDAY, MakeTab, OpenDb, at, build_site
from .test_schedule_mouse import point, shifts_of

K = Qt.Key
M = Qt.KeyboardModifier


def select_ann(qtbot: QtBot, tab: SchedulesTab) -> None:
    tab.grid.show_day(0)
    qtbot.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, ANN, at(0, 11)))
    assert len(tab.draft.selection.keys) == 1
    assert tab.grid.hasFocus()


def test_arrows_move_shift_resize_and_delete_then_undo_and_redo_by_shortcut(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    select_ann(qtbot, tab)
    g = tab.grid
    qtbot.keyClick(g, K.Key_Right)
    qtbot.keyClick(g, K.Key_Right)
    assert shifts_of(tab, ANN) == [(at(0, 8, 30), at(0, 17))]
    qtbot.keyClick(g, K.Key_Right, M.ShiftModifier)  # the end, one interval later
    assert shifts_of(tab, ANN) == [(at(0, 8, 30), at(0, 17, 15))]
    qtbot.keyClick(g, K.Key_Left, M.ShiftModifier | M.AltModifier)  # the start, earlier
    assert shifts_of(tab, ANN) == [(at(0, 8, 15), at(0, 17, 15))]
    qtbot.keyClick(g, K.Key_Delete)
    assert shifts_of(tab, ANN) == []
    assert tab.undo_stack.count() == 5

    qtbot.keyClick(g, K.Key_Z, M.ControlModifier)
    assert shifts_of(tab, ANN) == [(at(0, 8, 15), at(0, 17, 15))]
    for _ in range(4):
        qtbot.keyClick(g, K.Key_Z, M.ControlModifier)
    assert shifts_of(tab, ANN) == [(at(0, 8), at(0, 16, 30))]
    assert not tab.draft.dirty
    qtbot.keyClick(g, K.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert shifts_of(tab, ANN) == [(at(0, 8, 15), at(0, 16, 45))]


def test_alt_down_hands_the_shift_to_the_next_agent(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    select_ann(qtbot, tab)
    qtbot.keyClick(tab.grid, K.Key_Down, M.AltModifier)
    assert shifts_of(tab, ANN) == []
    assert shifts_of(tab, BEN) == [(at(0, 8), at(0, 16, 30))]


def test_enter_creates_a_shift_at_the_cursor_and_letters_add_activities(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(2)
    g = tab.grid
    # Click Ben's empty Wednesday at 07:05: the cursor cell is 07:00–07:15.
    qtbot.mouseClick(g.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, BEN, at(2, 7, 5)))
    assert g.cursor_time == at(2, 7) and g.cursor_agent_id() == BEN
    for _ in range(4):
        qtbot.keyClick(g, K.Key_Right)  # no selection: the cursor moves, to 08:00
    qtbot.keyClick(g, K.Key_Return)
    assert shifts_of(tab, BEN) == [(at(2, 8), at(2, 16))]
    for _ in range(8):
        qtbot.keyClick(g, K.Key_Right, M.NoModifier)  # the new shift is selected: it moves
    assert shifts_of(tab, BEN) == [(at(2, 10), at(2, 18))]
    qtbot.keyClick(g, K.Key_Escape)
    assert g.cursor_time == at(2, 10)  # the cursor followed the shift
    qtbot.keyClick(g, K.Key_L)
    week = tab.draft.week
    assert week is not None
    (shift,) = [s for s in week.shifts if s.agent_id == BEN]
    assert [(a.kind, a.starts_at, a.ends_at) for a in shift.activities] == [
        (ActivityKind.LUNCH, at(2, 10), at(2, 10, 30))
    ]
    assert tab.draft.selection.activity == shift.activities[0].key
    qtbot.keyClick(g, K.Key_Right)  # the selected lunch moves, the shift stays
    qtbot.keyClick(g, K.Key_Right, M.ShiftModifier)  # and gets 15 minutes longer
    week = tab.draft.week
    assert week is not None
    (shift,) = [s for s in week.shifts if s.agent_id == BEN]
    assert (shift.starts_at, shift.ends_at) == (at(2, 10), at(2, 18))
    assert [(a.starts_at, a.ends_at) for a in shift.activities] == [(at(2, 10, 15), at(2, 11))]
    qtbot.keyClick(g, K.Key_Delete)  # deletes the lunch, not the shift
    week = tab.draft.week
    assert week is not None
    assert [s.activities for s in week.shifts if s.agent_id == BEN] == [()]


def test_ctrl_c_and_ctrl_v_copy_a_day_to_another_agent_and_day(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    select_ann(qtbot, tab)
    g = tab.grid
    qtbot.keyClick(g, K.Key_C, M.ControlModifier)
    tab.grid.show_week()
    qtbot.mouseClick(g.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, CID, at(3, 3)))
    assert tab.draft.selection.keys == ()
    qtbot.keyClick(g, K.Key_V, M.ControlModifier)
    assert shifts_of(tab, CID) == [(at(3, 8), at(3, 16, 30))]
    week = tab.draft.week
    assert week is not None
    (copy,) = [s for s in week.shifts if s.agent_id == CID]
    assert [(a.kind, a.starts_at) for a in copy.activities] == [
        (ActivityKind.BREAK, at(3, 10)),
        (ActivityKind.LUNCH, at(3, 12)),
        (ActivityKind.BREAK, at(3, 14, 30)),
    ]
    assert copy.id is None and tab.undo_stack.undoText() == "Paste day"


def test_a_week_copied_with_ctrl_shift_c_pastes_into_the_next_week(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    select_ann(qtbot, tab)
    qtbot.keyClick(tab.grid, K.Key_C, M.ControlModifier | M.ShiftModifier)
    tab.toolbar.next_week.trigger()
    qtbot.waitUntil(
        lambda: tab.draft.week is not None and tab.draft.week.week_start == at(7, 0).date()
    )
    assert shifts_of(tab, ANN) == []
    tab.grid.show_day(3)
    qtbot.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=point(tab, ANN, at(10, 3)))
    qtbot.keyClick(tab.grid, K.Key_V, M.ControlModifier | M.ShiftModifier)
    assert shifts_of(tab, ANN) == [(at(7, 8), at(7, 16, 30))]  # Monday again, a week later
    assert tab.undo_stack.undoText() == "Paste week"


def test_in_the_main_window_ctrl_z_undoes_through_the_edit_menu(
    qtbot: QtBot, make_window: Callable[..., MainWindow], sqlite_url: str, open_db: OpenDb
) -> None:
    build_site(open_db(sqlite_url))
    window = make_window(sqlite_url)
    window.tabs.setCurrentWidget(window.schedules)
    qtbot.waitUntil(lambda: window.schedules.page is not None, timeout=20_000)  # built on sight
    tab = window.schedules.page
    qtbot.waitUntil(lambda: tab.draft.week is not None and not tab.loading, timeout=20_000)
    tab.go_to_week(MONDAY)
    qtbot.waitUntil(
        lambda: tab.draft.week is not None and tab.draft.week.week_start == MONDAY, timeout=20_000
    )
    assert not any(s.isEnabled() for s in tab.undo_shortcuts)  # the Edit menu has the keys
    select_ann(qtbot, tab)
    qtbot.keyClick(tab.grid, K.Key_Right)
    assert shifts_of(tab, ANN) == [(at(0, 8, 15), at(0, 16, 45))]
    assert window.actions_by_name["undo"].isEnabled()
    qtbot.keyClick(tab.grid, K.Key_Z, M.ControlModifier)
    assert shifts_of(tab, ANN) == [(at(0, 8), at(0, 16, 30))]
    qtbot.keyClick(tab.grid, K.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert shifts_of(tab, ANN) == [(at(0, 8, 15), at(0, 16, 45))]
    tab.undo_stack.setClean()  # nothing to ask about when the window closes
