"""Alerts: raised once per breach (hysteresis), acknowledged by button or Del, greyed after."""

from __future__ import annotations

from datetime import timedelta

from live_factories import NOW, agent, queue, snapshot
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from supervisor_app.domain.adherence import AdherenceNow
from supervisor_app.domain.enums import ActivityKind, AgentState
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.live import QueueThresholds
from supervisor_app.ui.live.alerts.alert_feed import AlertFeed
from supervisor_app.ui.live.alerts.alerts_panel import AlertsPanel

SL = QueueThresholds(service_level_amber=0.8, service_level_red=0.7)


def with_sl(fraction: float, minute: int) -> object:
    within = round(fraction * 1000)
    today = ContactSums(offered=1000, answered=1000, answered_within_threshold=within)
    return snapshot([queue(1, "Voice", today=today, thresholds=SL)], [], NOW.replace(minute=minute))


def test_a_service_level_hovering_at_red_raises_one_alert() -> None:
    feed = AlertFeed()
    levels = [0.75, 0.69, 0.705, 0.69, 0.71, 0.695, 0.715]  # never clear of 0.70 + 2 points
    raised = [a for i, sl in enumerate(levels) for a in feed.feed(with_sl(sl, i))]
    assert [(a.subject, a.metric, a.raised_at.minute) for a in raised] == [
        ("Voice", "service_level", 1)
    ]
    assert raised[0].message == "service level 69.0 % is under the red limit of 70 %"
    assert feed.feed(with_sl(0.73, 10)) == [], "recovered past the margin: re-armed"
    assert [a.metric for a in feed.feed(with_sl(0.69, 11))] == ["service_level"]


def test_longest_wait_and_waiting_each_raise_their_own_alert() -> None:
    limits = QueueThresholds(waiting_red=3, longest_wait_red_seconds=120)
    row = queue(1, "Chat", waiting=5, oldest=NOW - timedelta(seconds=130), thresholds=limits)
    alerts = AlertFeed().feed(snapshot([row]))
    assert {a.metric: a.message for a in alerts} == {
        "longest_wait": "longest wait 0:02:10 is over the red limit of 0:02:00",
        "waiting": "5 contacts waiting, over the red limit of 3",
    }


def test_an_agent_out_of_adherence_past_the_setting() -> None:
    feed = AlertFeed(adherence_minutes=5)

    def out(minutes: float) -> object:
        since = NOW - timedelta(minutes=minutes)
        a = agent(
            7,
            "Ann {Lee}",  # braces in a name must not break the message template
            state=AgentState.AVAILABLE,
            scheduled=ActivityKind.BREAK,
            adherence=AdherenceNow(minutes <= 2, since, minutes if minutes > 2 else 0.0),
        )
        return snapshot([], [a])

    assert feed.feed(out(4)) == []
    (alert,) = feed.feed(out(6))
    assert alert.subject == "Ann {Lee}"
    assert alert.message == "out of adherence for 6 min: scheduled break, state available"
    assert feed.feed(out(9)) == []
    assert feed.feed(out(0)) == []  # back in adherence
    assert len(feed.feed(out(7))) == 1


def panel_with_alerts(qtbot: QtBot, notifier: object = None, active: bool = True) -> AlertsPanel:
    panel = AlertsPanel(notifier, lambda: active)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.show()
    feed = AlertFeed()
    limits = QueueThresholds(waiting_red=1)
    panel.add(feed.feed(snapshot([queue(1, "A", waiting=2, thresholds=limits)])))
    panel.add(
        feed.feed(
            snapshot(
                [
                    queue(1, "A", waiting=2, thresholds=limits),
                    queue(2, "B", waiting=3, thresholds=limits),
                ]
            )
        )
    )
    return panel


def test_acknowledge_with_del_and_the_button(qtbot: QtBot, qtmodeltester) -> None:
    panel = panel_with_alerts(qtbot)
    model = panel.model
    qtmodeltester.check(model)
    counts: list[int] = []
    panel.count_changed.connect(counts.append)
    assert [model.index(r, 2).data() for r in range(2)] == ["B", "A"], "newest first"
    assert [model.index(r, 1).data() for r in range(2)] == ["New", "New"]
    assert not panel.acknowledge_button.isEnabled()
    panel.view.selectRow(0)
    assert panel.acknowledge_button.isEnabled()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert model.index(0, 1).data() == "Acknowledged"
    grey = model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(grey, QBrush) and grey.color().name() == "#8a94a0"
    assert model.index(1, 3).data(Qt.ItemDataRole.ForegroundRole) is None
    panel.view.selectRow(1)
    qtbot.mouseClick(panel.acknowledge_button, Qt.MouseButton.LeftButton)
    assert model.unacknowledged() == 0
    assert counts[-1] == 0 and panel.summary.text() == "All acknowledged"


def test_tray_message_only_when_the_window_is_not_active(qtbot: QtBot) -> None:
    class Tray:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str]] = []

        def notify(self, title: str, message: str) -> None:
            self.calls.append((title, message))

    here, away = Tray(), Tray()
    panel_with_alerts(qtbot, here, active=True)
    panel_with_alerts(qtbot, away, active=False)
    assert here.calls == []
    assert away.calls == [
        ("A: alert", "2 contacts waiting, over the red limit of 1"),
        ("B: alert", "3 contacts waiting, over the red limit of 1"),
    ]
