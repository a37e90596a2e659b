"""The grid driven like a planner drives it: mouse drags on the viewport, then undo and redo."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.ui.schedules import SchedulesTab

from .conftest import ANN, BEN, MakeTab, at

LEFT = Qt.MouseButton.LeftButton


def point(tab: SchedulesTab, agent_id: int, t: datetime) -> QPoint:
    p = tab.grid.viewport_point(agent_id, t)
    assert p is not None
    return p


def drag(qtbot: QtBot, tab: SchedulesTab, a: QPoint, b: QPoint) -> None:
    vp = tab.grid.viewport()
    qtbot.mousePress(vp, LEFT, pos=a)
    middle = QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2)
    qtbot.mouseMove(vp, middle)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, LEFT, pos=b)


def shifts_of(tab: SchedulesTab, agent_id: int) -> list[tuple[datetime, datetime]]:
    week = tab.draft.week
    assert week is not None
    return sorted((s.starts_at, s.ends_at) for s in week.shifts if s.agent_id == agent_id)


def test_dragging_an_empty_row_creates_a_shift_snapped_to_the_interval(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(1)  # Tuesday fills the width: about 0.77 px a minute
    # 09:05 and 16:56 are off the quarter-hours (a pixel is ~1.3 min); nearest: 09:00, 17:00.
    drag(qtbot, tab, point(tab, BEN, at(1, 9, 5)), point(tab, BEN, at(1, 16, 56)))
    assert shifts_of(tab, BEN) == [(at(1, 9), at(1, 17))]
    assert tab.undo_stack.count() == 1 and tab.draft.dirty
    assert tab.undo_stack.undoText() == "Create shift"
    created = tab.draft.selected_shifts()
    assert [(s.agent_id, s.starts_at) for s in created] == [(BEN, at(1, 9))]

    tab.undo_stack.undo()
    assert shifts_of(tab, BEN) == []
    assert not tab.draft.dirty
    tab.undo_stack.redo()
    assert shifts_of(tab, BEN) == [(at(1, 9), at(1, 17))]


def test_dragging_a_shift_moves_it_with_its_activities_and_its_edge_resizes_it(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(0)
    # Grab Ann's Monday shift at 11:00 (inside, between the break and the lunch), drop at 12:02.
    drag(qtbot, tab, point(tab, ANN, at(0, 11)), point(tab, ANN, at(0, 12, 2)))
    assert shifts_of(tab, ANN) == [(at(0, 9), at(0, 17, 30))]
    (shift,) = tab.draft.selected_shifts()
    assert [(a.kind, a.starts_at) for a in shift.activities] == [
        (ActivityKind.BREAK, at(0, 11)),
        (ActivityKind.LUNCH, at(0, 13)),
        (ActivityKind.BREAK, at(0, 15, 30)),
    ]
    # The end edge, from 17:30 to 18:47 → snaps to 18:45.
    drag(qtbot, tab, point(tab, ANN, at(0, 17, 30)), point(tab, ANN, at(0, 18, 47)))
    assert shifts_of(tab, ANN) == [(at(0, 9), at(0, 18, 45))]
    assert tab.undo_stack.undoText() == "Resize shift"

    tab.undo_stack.undo()
    tab.undo_stack.undo()
    assert shifts_of(tab, ANN) == [(at(0, 8), at(0, 16, 30))]
    assert not tab.draft.dirty
    tab.undo_stack.redo()
    assert shifts_of(tab, ANN) == [(at(0, 9), at(0, 17, 30))]


def test_dragging_a_shift_down_gives_it_to_the_next_agent(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(0)
    drag(qtbot, tab, point(tab, ANN, at(0, 11)), point(tab, BEN, at(0, 11)))
    assert shifts_of(tab, ANN) == []
    assert shifts_of(tab, BEN) == [(at(0, 8), at(0, 16, 30))]


def test_dragging_an_activity_moves_it_inside_its_shift_only(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(0)
    # The lunch 12:00–12:30, grabbed at 12:15, dragged an hour later, then far past the end.
    drag(qtbot, tab, point(tab, ANN, at(0, 12, 15)), point(tab, ANN, at(0, 13, 15)))
    week = tab.draft.week
    assert week is not None
    lunch = [a for a in week.shifts[0].activities if a.kind is ActivityKind.LUNCH]
    assert [(a.starts_at, a.ends_at) for a in lunch] == [(at(0, 13), at(0, 13, 30))]
    assert tab.undo_stack.undoText() == "Move lunch"
    drag(qtbot, tab, point(tab, ANN, at(0, 13, 15)), point(tab, ANN, at(0, 20, 0)))
    week = tab.draft.week
    assert week is not None
    lunch = [a for a in week.shifts[0].activities if a.kind is ActivityKind.LUNCH]
    assert [(a.starts_at, a.ends_at) for a in lunch] == [(at(0, 16), at(0, 16, 30))]


def test_ctrl_click_selects_two_shifts_that_then_move_together(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(0)
    drag(qtbot, tab, point(tab, BEN, at(0, 7)), point(tab, BEN, at(0, 15)))
    vp = tab.grid.viewport()
    qtbot.mouseClick(vp, LEFT, pos=point(tab, ANN, at(0, 11)))
    qtbot.mouseClick(vp, LEFT, Qt.KeyboardModifier.ControlModifier, point(tab, BEN, at(0, 11)))
    assert len(tab.draft.selection.keys) == 2
    drag(qtbot, tab, point(tab, BEN, at(0, 11)), point(tab, BEN, at(0, 12)))
    assert shifts_of(tab, ANN) == [(at(0, 9), at(0, 17, 30))]
    assert shifts_of(tab, BEN) == [(at(0, 8), at(0, 16))]
    assert tab.undo_stack.undoText() == "Move 2 shifts"


def test_shift_dragging_a_band_selects_the_shifts_it_crosses(
    qtbot: QtBot, db: object, make_tab: MakeTab
) -> None:
    tab = make_tab(db)
    tab.grid.show_day(0)
    drag(qtbot, tab, point(tab, BEN, at(0, 9)), point(tab, BEN, at(0, 12)))
    tab.draft.select(())
    vp = tab.grid.viewport()
    a, b = point(tab, ANN, at(0, 5)), point(tab, BEN, at(0, 8, 30))
    qtbot.mousePress(vp, LEFT, Qt.KeyboardModifier.ShiftModifier, a)
    qtbot.mouseMove(vp, b)
    assert len(tab.grid.ghosts) == 2  # the band, one row each
    qtbot.mouseRelease(vp, LEFT, Qt.KeyboardModifier.ShiftModifier, b)
    # Ann's 08:00 shift is crossed; Ben's 09:00 one starts after the band ends.
    assert [s.agent_id for s in tab.draft.selected_shifts()] == [ANN]
    b = point(tab, BEN, at(0, 10))
    qtbot.mousePress(vp, LEFT, Qt.KeyboardModifier.ShiftModifier, a)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, LEFT, Qt.KeyboardModifier.ShiftModifier, b)
    assert sorted(s.agent_id for s in tab.draft.selected_shifts()) == [ANN, BEN]
    assert tab.undo_stack.count() == 1  # selecting is not an edit
