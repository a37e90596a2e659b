"""The Queues and Agents models: model-tester clean; a refresh is a difference, never a reset."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from live_factories import NOW, agent, floor, queue, replace
from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from supervisor_app.domain.adherence import AdherenceNow
from supervisor_app.domain.enums import ActivityKind, AgentState
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.live.board.agent_cells import AGENT_COLUMNS, agent_cells_all
from supervisor_app.ui.live.board.agent_filter import AgentFilter
from supervisor_app.ui.live.board.agent_model import AgentModel
from supervisor_app.ui.live.board.queue_model import QueueModel
from supervisor_app.ui.live.board.table_view import LiveTableView

TIME = [c.key for c in AGENT_COLUMNS].index("time")
STATE = [c.key for c in AGENT_COLUMNS].index("state")
ADHERENCE = [c.key for c in AGENT_COLUMNS].index("adherence")


def names(model: QAbstractItemModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_queue_model_passes_the_model_tester(qtmodeltester) -> None:
    model = QueueModel()
    qtmodeltester.check(model)
    q1, q2 = queue(1, "Voice", waiting=3, oldest=NOW - timedelta(seconds=40)), queue(2, "Chat")
    model.apply([q1, q2], [agent(1, "Ann")], NOW)
    qtmodeltester.check(model)
    model.apply([replace(q1, waiting=4), queue(3, "Email")], [agent(1, "Ann")], NOW)
    model.tick(NOW + timedelta(seconds=5))
    model.queue_filter = frozenset({3})
    model.apply([q1, queue(3, "Email")], [], NOW)
    qtmodeltester.check(model)
    assert names(model) == ["Email", "Total (1 queue)"]


def test_agent_model_passes_the_model_tester(qtmodeltester) -> None:
    model = AgentModel()
    qtmodeltester.check(model)
    agents = floor(60)
    model.apply(agent_cells_all(agents, NOW))
    qtmodeltester.check(model)
    model.sort(STATE, Qt.SortOrder.DescendingOrder)
    agents[5] = replace(agents[5], state=AgentState.LUNCH, state_since=NOW)
    model.apply(agent_cells_all(agents[:50] + floor(70)[60:], NOW))
    model.set_filter(AgentFilter(team="Team 03"))
    model.set_filter(AgentFilter(text="agent 000"))
    model.tick(NOW + timedelta(seconds=3))
    qtmodeltester.check(model)


def test_one_changed_agent_is_one_dataChanged_for_its_row(
    model_log: Callable[..., object],
) -> None:
    model = AgentModel()
    agents = [agent(i, name) for i, name in enumerate(["Ann", "Bob", "Cat", "Dan", "Eve"], 1)]
    model.apply(agent_cells_all(agents, NOW))
    log = model_log(model)
    agents[2] = replace(agents[2], state=AgentState.BREAK, reason="Coffee", state_since=NOW)
    model.apply(agent_cells_all(agents, NOW + timedelta(seconds=1)))
    assert log.events == [("dataChanged", 2, 2, 0, len(AGENT_COLUMNS) - 1)]
    assert model.index(2, STATE).data() == "Break"


def test_agents_appearing_and_leaving_are_row_inserts_and_removals(
    model_log: Callable[..., object],
) -> None:
    model = AgentModel()
    model.apply(agent_cells_all([agent(1, "Ann"), agent(2, "Bob"), agent(3, "Cat")], NOW))
    log = model_log(model)
    model.apply(agent_cells_all([agent(1, "Ann"), agent(3, "Cat"), agent(4, "Abe")], NOW))
    assert log.events == [("rowsRemoved", 1, 1), ("rowsInserted", 0, 0)]
    assert "modelReset" not in log.kinds()
    assert names(model) == ["Abe", "Ann", "Cat"]


def test_selection_current_and_scroll_survive_refreshes(qtbot: QtBot) -> None:
    model = AgentModel()
    view = LiveTableView("agents")
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.resize(600, 300)
    view.show()
    agents = floor(300)
    model.apply(agent_cells_all(agents, NOW))
    view.sortByColumn(STATE, Qt.SortOrder.AscendingOrder)
    target = model.row_of(150)
    assert target is not None
    view.selectionModel().setCurrentIndex(
        model.index(target, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(model.index(target, 0))
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0
    # Agents before it leave, others change state (so rows move), a newcomer arrives.
    later = [a for a in agents if a.agent_id not in (1, 2, 3)] + [agent(999, "Zed")]
    later = [replace(a, state=AgentState.BREAK) if a.agent_id % 5 == 0 else a for a in later]
    model.apply(agent_cells_all(later, NOW + timedelta(seconds=2)))
    selected = view.selectionModel().selectedRows()
    assert [model.key_at(i.row()) for i in selected] == [150]
    assert model.key_at(view.currentIndex().row()) == 150
    assert abs(view.verticalScrollBar().value() - scrolled) <= 5 * view.rowHeight(0)


def test_the_clock_tick_touches_only_clock_columns_and_never_resorts(
    model_log: Callable[..., object],
) -> None:
    model = AgentModel()
    out = AdherenceNow(False, NOW - timedelta(minutes=3), 3.0)
    agents = [
        agent(1, "Ann", since=NOW - timedelta(seconds=50)),
        agent(2, "Bob", since=NOW - timedelta(seconds=10), adherence=out),
        agent(3, "Cat", since=NOW - timedelta(seconds=30), scheduled=ActivityKind.BREAK),
    ]
    model.apply(agent_cells_all(agents, NOW))
    model.sort(TIME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Ann", "Cat", "Bob"]
    log = model_log(model)
    model.tick(NOW + timedelta(minutes=2, seconds=1))
    assert {e[0] for e in log.events} == {"dataChanged"}
    assert {(e[3], e[4]) for e in log.events} == {(TIME, TIME), (ADHERENCE, ADHERENCE)}
    assert names(model) == ["Ann", "Cat", "Bob"]
    assert model.index(0, TIME).data() == "0:02:51"
    bob = model.index(2, ADHERENCE)
    assert bob.data() == "■ Out 5 min", "red once out for the alert minutes (default 5)"
    assert "Out of adherence" in bob.data(Qt.ItemDataRole.ToolTipRole)


def test_total_row_adds_sums_and_recomputes_ratios() -> None:
    voice = ContactSums(
        offered=100,
        answered=90,
        abandoned=10,
        short_abandoned=2,
        answered_within_threshold=72,
        answer_wait_seconds=900.0,
        handled=88,
        handle_seconds=88 * 300.0,
    )
    chat = ContactSums(
        offered=50,
        answered=40,
        abandoned=10,
        answered_within_threshold=20,
        answer_wait_seconds=1200.0,
        handled=40,
        handle_seconds=40 * 200.0,
    )
    queues = [
        queue(1, "Voice", waiting=2, oldest=NOW - timedelta(seconds=75), today=voice),
        queue(2, "Chat", waiting=5, oldest=NOW - timedelta(seconds=20), today=chat),
    ]
    agents = [
        agent(1, "Ann", state=AgentState.AVAILABLE, queue_ids=(1, 2)),  # one person, two queues
        agent(2, "Bob", state=AgentState.ON_CONTACT, contact_queue="Chat", queue_ids=(2,)),
        agent(3, "Cat", state=AgentState.WRAP_UP, contact_queue="Voice", queue_ids=(1,)),
        agent(4, "Dan", state=AgentState.OFFLINE, queue_ids=(1, 2)),
        agent(5, "Eve", state=AgentState.AVAILABLE, queue_ids=(9,)),  # skilled elsewhere
    ]
    model = QueueModel()
    model.apply(queues, agents, NOW)
    total = [model.index(2, c).data() for c in range(model.columnCount())]
    copied = [model.index(2, c).data(COPY_ROLE) for c in range(model.columnCount())]
    # By hand: 92 within / (150 offered - 2 short) = 62.2 %; ASA 2100 s / 130 = 16 s;
    # AHT (26,400 + 8,000) s / 128 handled = 268.75 s; abandons (20 - 2) / 148 = 12.2 %.
    assert total[:10] == ["Total", "7", "0:01:15", "3", "1", "1", "1", "150", "130", "20"]
    assert total[10:] == ["62.2 % (80 % in 20 s)", "0:00:16", "0:04:28", "12.2 %"]
    assert copied[10:] == ["62.2%", "0:00:16", "0:04:28", "12.2%"]
    mean_of_percentages = (72 / 98 + 20 / 50) / 2
    assert f"{mean_of_percentages * 100:.1f} %" not in total[10]
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_an_approved_mismatch_reads_in_and_says_who_approved() -> None:
    model = AgentModel()
    approved = replace(agent(1, "Ann", scheduled=ActivityKind.BREAK), approved_by="sam")
    model.apply(agent_cells_all([approved], NOW))
    cell = model.index(0, ADHERENCE)
    assert cell.data() == "In (approved)"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Out of schedule, approved by sam"


def test_the_worker_reuses_rows_the_board_already_has() -> None:
    model = AgentModel()
    agents = [agent(1, "Ann"), agent(2, "Bob")]
    model.apply(agent_cells_all(agents, NOW))
    ann, bob = model.cells_at(0), model.cells_at(1)
    later = [agents[0], replace(agents[1], state=AgentState.LUNCH)]
    rows = agent_cells_all(later, NOW + timedelta(seconds=5), shown=model.rows.all())
    assert rows[0] is ann, "unchanged: the same object, clocks and all"
    assert rows[1] is not bob and rows[1].text[STATE] == "Lunch"


def test_working_agents_come_first_and_offline_ones_fold_at_the_end() -> None:
    model = AgentModel()
    offline = AgentState.OFFLINE
    agents = [
        agent(1, "Aisha", state=offline, on_shift=False),
        agent(2, "Ben"),
        agent(3, "Chloe", state=offline, on_shift=False),
        agent(4, "Dan", state=AgentState.ON_CONTACT),
    ]
    model.apply(agent_cells_all(agents, NOW))
    assert names(model) == ["Ben", "Dan", "Aisha", "Chloe"]
    model.sort(0, Qt.SortOrder.DescendingOrder)  # by name, Z to A: still working first
    assert names(model) == ["Dan", "Ben", "Chloe", "Aisha"]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    agents[1] = replace(agents[1], state=offline, state_since=NOW)  # Ben logs off
    model.apply(agent_cells_all(agents, NOW + timedelta(seconds=1)))
    assert names(model) == ["Dan", "Aisha", "Ben", "Chloe"]
