"""The Live tab's pipeline with a scripted snapshot: coalescing, back-off, stalls, filters, keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from live_factories import NOW, FakeExtras, ScriptedTake, agent, queue, replace, snapshot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from supervisor_app.domain.enums import AgentState
from supervisor_app.domain.errors import UserError
from supervisor_app.ui.live import LiveTab

MakeTab = Callable[..., LiveTab]
DB = object()  # the tab only hands the database to the op, which the script ignores

FLOOR = snapshot(
    [queue(1, "Voice", waiting=2), queue(2, "Chat", waiting=1)],
    [
        agent(1, "Ann", team="North", queue_ids=(1,)),
        agent(2, "Bob", team="South", state=AgentState.BREAK, queue_ids=(2,)),
        agent(3, "Cat", team="North", queue_ids=(1, 2)),
    ],
)


def lost() -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception("server closed the connection"))


def started(qtbot: QtBot, make_tab: MakeTab, take: ScriptedTake, **kwargs: object) -> LiveTab:
    tab = make_tab(take=take, extras=FakeExtras(), **kwargs)
    with qtbot.waitSignal(tab.refreshed, timeout=5000):
        tab.set_database(DB)  # type: ignore[arg-type]
    return tab


def test_first_snapshot_fills_the_tables(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = started(qtbot, make_tab, ScriptedTake(FLOOR))
    assert tab.queue_model.rowCount() == 3
    assert tab.agent_model.rowCount() == 3
    assert tab.ui.filters.updated.text() == "Updated 14:00:00"  # London in March: UTC
    assert tab.ui.agent_tools.count.text() == "3 agents"
    assert not tab.ui.banner.isVisible()


def test_changes_during_a_snapshot_coalesce_into_one_more(qtbot: QtBot, make_tab: MakeTab) -> None:
    take = ScriptedTake(FLOOR)
    tab = started(qtbot, make_tab, take)
    take.gate.clear()
    for _ in range(5):
        tab.on_changed(frozenset({"contacts"}), NOW)
    qtbot.waitUntil(lambda: take.calls == 2)
    for _ in range(5):
        tab.on_changed(frozenset({"contacts"}), NOW)
    assert tab.refresher.in_flight
    take.gate.set()
    qtbot.waitUntil(lambda: take.calls == 3 and not tab.refresher.in_flight)
    qtbot.wait(200)
    assert take.calls == 3, "one in flight, then exactly one more for everything meanwhile"


def test_a_lost_connection_keeps_the_data_and_backs_off(qtbot: QtBot, make_tab: MakeTab) -> None:
    take = ScriptedTake(FLOOR)
    tab = started(qtbot, make_tab, take)
    take.script = [lost(), lost()]
    tab.refresh_now()
    qtbot.waitUntil(tab.ui.banner.isVisible)
    assert tab.ui.banner.text() == "Showing data from 14:00:00 — reconnecting (next try in 1 s)"
    assert "server closed the connection" in tab.ui.banner.toolTip()
    assert tab.agent_model.rowCount() == 3 and tab.queue_model.rowCount() == 3
    calls = take.calls
    tab.on_changed(frozenset({"contacts"}), NOW)
    assert take.calls == calls, "no snapshot while waiting out the back-off"
    qtbot.waitUntil(lambda: "next try in 2 s" in tab.ui.banner.text(), timeout=3000)
    with qtbot.waitSignal(tab.refreshed, timeout=5000):
        pass
    assert not tab.ui.banner.isVisible()


def test_the_change_feed_lost_then_back_reloads(qtbot: QtBot, make_tab: MakeTab) -> None:
    take = ScriptedTake(FLOOR)
    tab = started(qtbot, make_tab, take)
    tab.on_connection_lost("could not connect to server", 8.0)
    assert tab.ui.banner.text() == "Showing data from 14:00:00 — reconnecting (next try in 8 s)"
    with qtbot.waitSignal(tab.refreshed, timeout=5000):
        tab.on_connected()
    assert not tab.ui.banner.isVisible()


def test_a_stalled_snapshot_is_said_and_nothing_waits_for_it(
    qtbot: QtBot, make_tab: MakeTab
) -> None:
    take = ScriptedTake(FLOOR)
    tab = started(qtbot, make_tab, take, stall_ms=150)
    take.gate.clear()
    tab.refresh_now()
    qtbot.waitUntil(tab.ui.banner.isVisible, timeout=3000)
    assert tab.ui.banner.text().endswith("the database is slow to answer; still waiting")
    qtbot.wait(50)  # the GUI thread is free: events run, the clock ticks
    take.gate.set()
    qtbot.waitUntil(lambda: not tab.ui.banner.isVisible(), timeout=5000)


def test_a_bug_is_reported_once_and_a_user_error_explained(qtbot: QtBot, make_tab: MakeTab) -> None:
    take = ScriptedTake(FLOOR, UserError("the database has no site yet"))
    tab = make_tab(take=take, extras=FakeExtras())
    reported: list[BaseException] = []
    tab.failed.connect(reported.append)
    tab.set_database(DB)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: take.calls == 1 and not tab.refresher.in_flight)
    assert tab.ui.queue_view.empty_text() == "the database has no site yet"
    assert not reported
    take.script = [ValueError("boom"), ValueError("boom")]
    tab.refresh_now()
    qtbot.waitUntil(lambda: take.calls == 2 and not tab.refresher.in_flight)
    tab.refresh_now()
    qtbot.waitUntil(lambda: take.calls == 3 and not tab.refresher.in_flight)
    assert [str(e) for e in reported] == ["boom"]


def test_queue_and_team_filter_every_table_and_the_extras(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = started(qtbot, make_tab, ScriptedTake(FLOOR))
    filters, extras = tab.ui.filters, tab.extras
    assert isinstance(extras, FakeExtras)
    filters.queue.setCurrentIndex(filters.queue.findData(2))
    assert [tab.queue_model.index(r, 0).data() for r in range(2)] == ["Chat", "Total (1 queue)"]
    assert extras.filters[-1] == (frozenset({2}), None)
    assert sorted(tab.agent_model.index(r, 0).data() for r in range(2)) == ["Bob", "Cat"]
    filters.team.setCurrentIndex(filters.team.findData("North"))
    assert [tab.agent_model.index(r, 0).data() for r in range(1)] == ["Cat"]
    assert tab.ui.agent_tools.count.text() == "1 of 3 agents"
    tools = tab.ui.agent_tools
    tools.state.setCurrentIndex(tools.state.findData(AgentState.BREAK.value))
    assert tab.agent_model.rowCount() == 0
    assert tab.ui.agent_view.empty_text() == "No agent matches the filter."
    filters.queue.setCurrentIndex(0)
    filters.team.setCurrentIndex(0)
    tools.state.setCurrentIndex(0)
    tools.search.setText("bo")
    assert [tab.agent_model.index(0, 0).data()] == ["Bob"]


def test_ctrl_f_f5_and_double_click(qtbot: QtBot, make_tab: MakeTab) -> None:
    take = ScriptedTake(FLOOR)
    tab = started(qtbot, make_tab, take)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.ui.queue_view.setFocus()
    qtbot.keyClick(tab.ui.queue_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.ui.agent_tools.search
    calls = take.calls
    with qtbot.waitSignal(tab.refreshed, timeout=5000):
        qtbot.keyClick(tab.ui.agent_view, Qt.Key.Key_F5)
    assert take.calls == calls + 1
    extras = tab.extras
    assert isinstance(extras, FakeExtras) and extras.refreshes >= 1
    view = tab.ui.agent_view
    profiles: list[tuple[object, int]] = []
    tab.open_profile = lambda _parent, _workers, db, agent_id: profiles.append((db, agent_id))  # type: ignore[assignment,misc]
    rect = view.visualRect(tab.agent_model.index(1, 2))  # the state: the agent's day
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert extras.timelines == [tab.agent_model.key_at(1)] and profiles == []
    rect = view.visualRect(tab.agent_model.index(1, 0))  # the name: the agent's profile
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert profiles == [(DB, tab.agent_model.key_at(1))]
    assert extras.timelines == [tab.agent_model.key_at(1)]


@pytest.mark.parametrize("active", [True, False])
def test_alerts_from_snapshots_and_the_tray_only_when_away(
    qtbot: QtBot, make_tab: MakeTab, active: bool
) -> None:
    class Tray:
        def __init__(self) -> None:
            self.messages: list[tuple[str, str]] = []

        def notify(self, title: str, message: str) -> None:
            self.messages.append((title, message))

    from supervisor_app.services.live import QueueThresholds

    red = QueueThresholds(waiting_amber=2, waiting_red=4)
    calm = replace(FLOOR, queues=(queue(1, "Voice", waiting=1, thresholds=red),))
    busy = replace(FLOOR, queues=(queue(1, "Voice", waiting=6, thresholds=red),))
    take = ScriptedTake(calm)
    tray = Tray()
    tab = started(qtbot, make_tab, take, notifier=tray, is_window_active=lambda: active)
    assert tab.alerts.model.rowCount() == 0
    take.default = busy
    for _ in range(3):  # still red: one alert, not three
        with qtbot.waitSignal(tab.refreshed, timeout=5000):
            tab.refresh_now()
    assert tab.alerts.model.rowCount() == 1
    assert tab.alerts.model.index(0, 3).data() == "6 contacts waiting, over the red limit of 4"
    side = tab.ui.side_tabs
    assert side.tabText(side.indexOf(tab.alerts)) == "Alerts (1)"
    assert tray.messages == (
        [] if active else [("Voice: alert", tab.alerts.model.index(0, 3).data())]
    )
    tab.alerts.acknowledge_all()
    assert side.tabText(side.indexOf(tab.alerts)) == "Alerts"


def test_time_columns_tick_from_the_tab_clock(qtbot: QtBot, make_tab: MakeTab) -> None:
    recent = replace(FLOOR, taken_at=NOW, agents=(agent(1, "Ann", since=NOW - timedelta(hours=2)),))
    tab = started(qtbot, make_tab, ScriptedTake(recent))
    assert tab.clock.isActive()
    before = tab.agent_model.index(0, 4).data()
    tab.tick()  # the real clock is long after NOW: the cell moves on
    assert tab.agent_model.index(0, 4).data() != before
