"""A queue's alert limits as ``domain.alerts.Threshold``s, and how a level is shown.

The same Threshold colours a cell and feeds the AlertTracker, so a red cell and
a raised alert always mean the same breach. A level is never colour alone: the
text carries a marker (▲ amber, ■ red) and the tooltip names the limit broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from supervisor_app.domain.alerts import Level, Threshold

if TYPE_CHECKING:
    from supervisor_app.services.live import QueueThresholds

MARKERS: dict[Level, str] = {Level.OK: "", Level.AMBER: "▲ ", Level.RED: "■ "}
LEVEL_NAMES: dict[Level, str] = {Level.OK: "", Level.AMBER: "Amber", Level.RED: "Red"}

# How far a value must recover past the red limit before a new alert may be raised.
WAITING_MARGIN = 1.0  # contacts
LONGEST_WAIT_MARGIN_SHARE = 0.1  # of the red limit, at least LONGEST_WAIT_MARGIN_MIN
LONGEST_WAIT_MARGIN_MIN = 10.0  # seconds
SERVICE_LEVEL_MARGIN = 0.02  # two percentage points


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True, slots=True)
class QueueLimits:
    waiting: Threshold
    longest_wait: Threshold  # seconds
    service_level: Threshold  # fraction 0..1, lower is worse


NO_LIMITS = QueueLimits(Threshold(None, None), Threshold(None, None), Threshold(None, None))


@cache
def queue_limits(t: QueueThresholds) -> QueueLimits:
    """Cached: a queue's limits change when someone edits them, not on every refresh."""
    wait_red = _float(t.longest_wait_red_seconds)
    wait_margin = max(LONGEST_WAIT_MARGIN_MIN, LONGEST_WAIT_MARGIN_SHARE * (wait_red or 0.0))
    return QueueLimits(
        waiting=Threshold(_float(t.waiting_amber), _float(t.waiting_red), True, WAITING_MARGIN),
        longest_wait=Threshold(_float(t.longest_wait_amber_seconds), wait_red, True, wait_margin),
        service_level=Threshold(
            _float(t.service_level_amber), _float(t.service_level_red), False, SERVICE_LEVEL_MARGIN
        ),
    )


def marked(text: str, level: Level) -> str:
    return MARKERS[level] + text


def level_tip(level: Level, what: str, threshold: Threshold, unit: str = "") -> str | None:
    """``Red: 12 waiting is at or over the red limit of 10 (amber from 5)``; None when OK."""
    if level is Level.OK:
        return None
    limit = threshold.red if level is Level.RED else threshold.amber
    side = "over" if threshold.higher_is_worse else "under"
    text = f"{LEVEL_NAMES[level]}: {what} is at or {side} the {LEVEL_NAMES[level].lower()} "
    text += f"limit of {_number(limit, unit)}"
    if level is Level.RED and threshold.amber is not None:
        text += f" (amber from {_number(threshold.amber, unit)})"
    return text


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:g} %"
    if unit == "s":
        return f"{value:g} s"
    return f"{value:g}"
