"""Cells turn amber and red by the queue's own limits, with a marker and a tooltip too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from live_factories import NOW, queue
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from supervisor_app.domain.alerts import Level
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.live import QueueThresholds
from supervisor_app.ui.live.board.queue_cells import COL
from supervisor_app.ui.live.board.queue_model import QueueModel
from supervisor_app.ui.live.board.table_model import LEVEL_COLOURS

LIMITS = QueueThresholds(
    waiting_amber=5,
    waiting_red=10,
    longest_wait_amber_seconds=60,
    longest_wait_red_seconds=120,
    service_level_amber=0.8,
    service_level_red=0.7,
)


def sums(within: int, offered: int = 100) -> ContactSums:
    return ContactSums(offered=offered, answered=offered, answered_within_threshold=within)


def cell(model: QueueModel, column: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole):
    return model.index(0, COL[column]).data(role)


def fill(model: QueueModel, column: str) -> str | None:
    brush = cell(model, column, Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if isinstance(brush, QBrush) else None


@pytest.mark.parametrize(
    ("waiting", "text", "colour", "tip"),
    [
        (4, "4", None, None),
        (
            5,
            "▲ 5",
            LEVEL_COLOURS[Level.AMBER][0],
            "Amber: 5 waiting is at or over the amber limit of 5",
        ),
        (
            12,
            "■ 12",
            LEVEL_COLOURS[Level.RED][0],
            "Red: 12 waiting is at or over the red limit of 10",
        ),
    ],
)
def test_waiting_level(waiting: int, text: str, colour: str | None, tip: str | None) -> None:
    model = QueueModel()
    model.apply([queue(1, "Voice", waiting=waiting, thresholds=LIMITS)], [], NOW)
    assert cell(model, "waiting") == text
    assert fill(model, "waiting") == colour
    shown_tip = cell(model, "waiting", Qt.ItemDataRole.ToolTipRole)
    assert shown_tip == tip or (tip is not None and shown_tip.startswith(tip))


@pytest.mark.parametrize(
    ("within", "text", "level_colour"),
    [
        (85, "85.0 % (80 % in 20 s)", None),
        (80, "▲ 80.0 % (80 % in 20 s)", LEVEL_COLOURS[Level.AMBER][0]),
        (65, "■ 65.0 % (80 % in 20 s)", LEVEL_COLOURS[Level.RED][0]),
    ],
)
def test_service_level_is_worse_when_lower(
    within: int, text: str, level_colour: str | None
) -> None:
    model = QueueModel()
    model.apply([queue(1, "Voice", today=sums(within), thresholds=LIMITS)], [], NOW)
    assert cell(model, "service_level") == text
    assert fill(model, "service_level") == level_colour
    if level_colour:
        assert "under the" in cell(model, "service_level", Qt.ItemDataRole.ToolTipRole)


def test_longest_wait_changes_level_as_the_clock_ticks(model_log: Callable[..., object]) -> None:
    model = QueueModel()
    oldest = NOW - timedelta(seconds=90)
    model.apply([queue(1, "Voice", waiting=1, oldest=oldest, thresholds=LIMITS)], [], NOW)
    assert cell(model, "longest") == "▲ 0:01:30"
    log = model_log(model)
    model.tick(NOW + timedelta(seconds=40))
    assert cell(model, "longest") == "■ 0:02:10"
    assert fill(model, "longest") == LEVEL_COLOURS[Level.RED][0]
    assert "Red: longest wait 0:02:10" in cell(model, "longest", Qt.ItemDataRole.ToolTipRole)
    longest = COL["longest"]
    assert log.events == [("dataChanged", 0, 1, longest, longest)], "queue row and total"


def test_no_limits_no_colour() -> None:
    model = QueueModel()
    model.apply([queue(1, "Voice", waiting=500, today=sums(1))], [], NOW)
    assert cell(model, "waiting") == "500"
    assert fill(model, "waiting") is None
    assert cell(model, "waiting", Qt.ItemDataRole.ForegroundRole) is None
