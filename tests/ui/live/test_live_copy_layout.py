"""Ctrl+C gives spreadsheet-ready TSV; column layout, sort and splitters survive a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from live_factories import FakeExtras, ScriptedTake, agent, queue, snapshot
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import AgentState
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.ui.common.copy_table import selection_as_tsv
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.live import LiveTab

MakeTab = Callable[..., LiveTab]

VOICE = ContactSums(
    offered=1000,
    answered=950,
    abandoned=50,
    short_abandoned=10,
    answered_within_threshold=776,
    answer_wait_seconds=950 * 14.2,
    handled=950,
    handle_seconds=950 * 312.0,
)
FLOOR = snapshot(
    [queue(1, "Voice", waiting=3, today=VOICE, staffed=9, available=2, on_contact=6)],
    [
        agent(1, "Ann", team="North", state=AgentState.ON_CONTACT, contact_queue="Voice"),
        agent(2, "Bob", team="South", state=AgentState.BREAK, reason="Coffee\tbreak"),
    ],
)


def started(qtbot: QtBot, make_tab: MakeTab, **kwargs: object) -> LiveTab:
    tab = make_tab(take=ScriptedTake(FLOOR), extras=FakeExtras(), **kwargs)
    with qtbot.waitSignal(tab.refreshed, timeout=5000):
        tab.set_database(object())  # type: ignore[arg-type]
    return tab


def test_ctrl_c_copies_selected_rows_as_tsv(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = started(qtbot, make_tab)
    view = tab.ui.queue_view
    view.selectAll()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    header = (
        "Queue\tWaiting\tLongest wait\tStaffed\tAvailable\tOn contact\tWrap-up\tOffered\t"
        "Answered\tAbandoned\tService level\tASA\tAHT\tAbandon rate"
    )
    # 776 / (1000 - 10) = 78.4 %; (50 - 10) / 990 = 4.0 %; ASA 14.2 s; AHT 312 s.
    voice = "Voice\t3\t\t9\t2\t6\t0\t1000\t950\t50\t78.4%\t0:00:14\t0:05:12\t4.0%"
    total = "Total (1 queue)" + voice.removeprefix("Voice")
    assert QApplication.clipboard().text() == f"{header}\n{voice}\n{total}\n"
    assert tab.queue_model.index(0, 10).data() == "78.4 % (80 % in 20 s)", "display differs"


def test_copy_follows_the_column_order_the_user_chose(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = started(qtbot, make_tab)
    view = tab.ui.agent_view
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(2), 0)  # State first
    for column in (1, 4, 5, 6, 7):  # hide Team, Time, Queue, Scheduled, Adherence
        header.hideSection(column)
    view.selectRow(1)
    assert selection_as_tsv(view) == "State\tAgent\tReason\nBreak\tBob\tCoffee break\n"
    model = tab.agent_model
    cells = QItemSelection(model.index(0, 0), model.index(1, 0))
    view.selectionModel().select(cells, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert selection_as_tsv(view) == "Agent\nAnn\nBob\n", "cells, not rows: just their columns"


def test_layout_survives_a_restart(qtbot: QtBot, make_tab: MakeTab, tmp_path: Path) -> None:
    settings = WindowSettings(tmp_path / "layout.ini")
    tab = started(qtbot, make_tab, settings=settings)
    view = tab.ui.agent_view
    header = view.horizontalHeader()
    header.moveSection(header.visualIndex(2), 0)
    header.resizeSection(0, 260)
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    tab.ui.lower.setSizes([900, 300])
    sizes = tab.ui.lower.sizes()
    tab.shutdown()

    again = started(qtbot, make_tab, settings=settings)
    header = again.ui.agent_view.horizontalHeader()
    assert header.visualIndex(2) == 0
    assert header.sectionSize(0) == 260
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        2,
        Qt.SortOrder.DescendingOrder,
    )
    assert [again.agent_model.index(r, 0).data() for r in range(2)] == ["Bob", "Ann"]
    assert again.ui.lower.sizes() == sizes
