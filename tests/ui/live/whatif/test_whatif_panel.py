"""The what-if panel fed a hand-made live snapshot, as the Live tab feeds it on each refresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from supervisor_app.domain.adherence import AdherenceNow
from supervisor_app.domain.enums import AgentState, Channel
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.whatif import Situation, what_if
from supervisor_app.services.live import AgentRow, LiveSnapshot, QueueRow
from supervisor_app.services.planning import IntervalForecast
from supervisor_app.ui.live.whatif.situation import situation_of
from supervisor_app.ui.live.whatif.whatif_panel import WhatIfPanel

DAY = datetime(2026, 11, 25, tzinfo=UTC)  # London in November: local = UTC
NOW = DAY + timedelta(hours=9, minutes=9)  # 6 minutes left of the 09:00 quarter


def queue(queue_id: int, name: str, waiting: int, staffed: int) -> QueueRow:
    return QueueRow(
        queue_id=queue_id,
        name=name,
        channel=Channel.VOICE,
        service_level_target=0.8,
        answer_threshold_seconds=20,
        waiting=waiting,
        oldest_waiting_since=NOW - timedelta(seconds=30) if waiting else None,
        staffed=staffed,
        available=1,
        on_contact=staffed - 1,
        wrap_up=0,
        today=ContactSums(offered=50, answered=48, handled=40, handle_seconds=40 * 200.0),
    )


def agent(agent_id: int, state: AgentState) -> AgentRow:
    return AgentRow(agent_id, f"A{agent_id}", None, state, None, NOW, None, None, None, True,
                    AdherenceNow(True, None, 0.0), (1,))  # fmt: skip


def snapshot() -> LiveSnapshot:
    agents = (*(agent(i, AgentState.ON_CONTACT) for i in range(9)), agent(9, AgentState.BREAK))
    return LiveSnapshot(NOW, "North", "Europe/London", 15, DAY,
                        (queue(1, "Sales", 4, 8), queue(2, "Billing", 1, 3)), agents)  # fmt: skip


def forecast() -> dict[int, IntervalForecast]:
    start = DAY + timedelta(hours=9)
    end = start + timedelta(minutes=15)
    return {
        1: IntervalForecast(1, start, end, 30.0, 240.0, 120.0),
        2: IntervalForecast(2, start, end, 10.0, 180.0, None),
    }


def test_situation_by_hand() -> None:
    ctx = situation_of(snapshot(), 1, forecast())
    assert ctx is not None
    # 6 of 15 minutes left: 30 × 6/15 = 12 more; 4 waiting; 8 staffed.
    assert ctx.situation == Situation(4, pytest.approx(12.0), 360.0, 8, 240.0, 20.0, 120.0)
    both = situation_of(snapshot(), None, forecast())
    assert both is not None
    s = both.situation
    # All queues: 5 waiting, 40 × 6/15 = 16 more, 9 agents working (one on a break),
    # AHT weighted by volume (30·240 + 10·180) / 40 = 225, patience known for Sales only.
    assert (s.waiting, s.forecast_rest, s.agents) == (5, pytest.approx(16.0), 9)
    assert s.aht_seconds == pytest.approx(225.0) and s.patience_seconds == 120.0
    no_forecast = situation_of(snapshot(), 2, None)
    assert no_forecast is not None
    assert no_forecast.situation.forecast_rest == 0.0
    assert no_forecast.situation.aht_seconds == pytest.approx(200.0)  # today's: 8000 / 40
    assert any("no forecast" in n for n in no_forecast.notes)
    assert situation_of(snapshot(), 99, None) is None


def test_a_reforecast_level_scales_the_rest_of_the_interval() -> None:
    start = DAY + timedelta(hours=9)
    busier = {1: IntervalForecast(1, start, start + timedelta(minutes=15), 30.0, 240.0, 120.0,
                                  level=1.25)}  # fmt: skip
    ctx = situation_of(snapshot(), 1, busier)
    assert ctx is not None
    # 6 of 15 minutes left of 30 × 1.25 = 37.5 contacts: 15 more
    assert ctx.situation.forecast_rest == pytest.approx(15.0)
    assert any("+25%" in n for n in ctx.notes)


def test_panel_shows_the_scenarios(qtbot: QtBot, tmp_path: Path) -> None:
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 360)
    panel.show(snapshot(), 1, forecast())
    assert panel.isVisible()
    want = what_if(situation_of(snapshot(), 1, forecast()).situation, 3, 15.0)  # type: ignore[union-attr]
    assert panel.outcomes == want
    assert panel.model.rowCount() == len(want) == 10
    assert panel.model.item(0, 0).text() == "now"
    assert panel.model.item(0, 2).text() == f"{100 * want[0].service_level:.1f} %"
    assert "6 min left" in panel.facts.text() and "4 waiting" in panel.facts.text()
    panel.grab().save(str(tmp_path / "whatif_panel.png"))
    # A refresh with fewer moves updates in place; Ctrl+C copies plain values.
    panel.moves.setValue(1)
    assert panel.model.rowCount() == 4
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Scenario\tAgents\tSL\tAbandoned\tASA"
    assert lines[1].split("\t")[2] == str(round(want[0].service_level, 4))


def test_queue_gone_says_so(qtbot: QtBot) -> None:
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.show(snapshot(), 42, None)
    assert panel.model.rowCount() == 0 and "not on the floor" in panel.facts.text()


def test_a_refresh_tells_the_view_once_for_every_cell(qtbot: QtBot) -> None:
    """The items are filled quietly, then one notice covers them all: the view repaints
    every changed cell, without a notice (and a repaint) per item."""
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.show(snapshot(), 1, forecast())
    before = panel.model.item(0, 2).text()
    notices: list[tuple[int, int, int, int]] = []
    panel.model.dataChanged.connect(
        lambda a, b, _roles=(): notices.append((a.row(), a.column(), b.row(), b.column()))
    )
    busier = snapshot()
    busier = LiveSnapshot(busier.taken_at, busier.site_name, busier.timezone,
                          busier.interval_minutes, busier.day_start,
                          (queue(1, "Sales", 9, 8), queue(2, "Billing", 1, 3)),
                          busier.agents)  # fmt: skip
    panel.show(busier, 1, forecast())
    assert panel.model.item(0, 2).text() != before, "nine waiting: a lower service level"
    assert notices == [(0, 0, panel.model.rowCount() - 1, 4)]
