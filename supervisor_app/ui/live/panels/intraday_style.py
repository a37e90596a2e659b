"""Colours and the hover read-out of the intraday charts, kept apart from the drawing.

The read-out doubles as the legend: each figure carries the swatch of its line,
so the charts need no legend boxes over the data.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from supervisor_app.ui.common.local_time import hm
from supervisor_app.ui.common.theme import chart_colors, is_dark

if TYPE_CHECKING:
    from supervisor_app.services.live import IntervalPoint, IntradaySeries

OFFERED = "#9db7d8"
FORECAST = "#1c2b3a"
SERVICE_LEVEL = "#1e7b34"
TARGET = "#b3261e"
AGENTS = "#6b4fa0"
WAITING = "#c26a00"
NOW = "#8895a7"
AXIS_TEXT = "#4a5666"
AXIS_LINE = "#c5cfdb"
GRID_ALPHA = 0.12

DARK_AXIS_TEXT = "#a9b1bc"


def forecast_ink() -> str:
    """The forecast's line and the chart titles: navy on white, the chart's ink on dark."""
    return chart_colors()[1] if is_dark() else FORECAST


def axis_ink() -> str:
    """Axis labels and notes on the charts, readable in the current theme."""
    return DARK_AXIS_TEXT if is_dark() else AXIS_TEXT


# IntervalPoint.service_level and its target are fractions 0..1; the charts show percent.
PERCENT = 100.0


def percent(value: float | None) -> float:
    return math.nan if value is None else value * PERCENT


def _swatch(colour: str, mark: str) -> str:
    return f'<span style="color:{colour}; font-weight:700">{mark}</span>'


def _fig(value: float | None, fmt: str, unit: str = "") -> str:
    return "–" if value is None else f"{value:{fmt}}{unit}"


def readout_html(series: IntradaySeries, index: int | None) -> str:
    """The figures of one interval (or the legend alone when ``index`` is None)."""
    point: IntervalPoint | None = None
    if index is not None and 0 <= index < len(series.points):
        point = series.points[index]
    parts = []
    if point is not None:
        end = point.start.timestamp() + series.interval_minutes * 60
        end_dt = datetime.fromtimestamp(end, point.start.tzinfo)
        parts.append(f"<b>{hm(point.start, series.timezone)}–{hm(end_dt, series.timezone)}</b>")

    def item(colour: str, mark: str, name: str, value: str | None) -> str:
        shown = f" <b>{value}</b>" if value is not None else ""
        return f"{_swatch(colour, mark)} {name}{shown}"

    p = point
    parts += [
        item(OFFERED, "■", "Offered", None if p is None else str(p.offered)),
        item(forecast_ink(), "━", "Forecast", None if p is None else _fig(p.forecast, ".1f")),
        item(
            SERVICE_LEVEL,
            "━",
            "Service level",
            None if p is None else _fig(_pct_or_none(p.service_level), ".0f", " %"),
        ),
        item(
            TARGET,
            "┅",
            "Target",
            None if p is None else _fig(_pct_or_none(p.service_level_target), ".0f", " %"),
        ),
        item(AGENTS, "━", "Agents available", None if p is None else f"{p.agents_available:.1f}"),
    ]
    level = reforecast_level(series)
    if level is not None:
        parts.append(item(forecast_ink(), "┈", "Rest of day at today's level", f"{level - 1:+.0%}"))
    return "&nbsp;&nbsp;&nbsp;".join(parts)


def reforecast_level(series: IntradaySeries) -> float | None:
    """Reforecast ÷ forecast of the rest of the day (the level today has shown so far)."""
    pairs = [(f, r) for _, f, r in series.rest if f and r is not None]
    if not pairs:
        return None
    return sum(r for _, r in pairs) / sum(f for f, _ in pairs)


def _pct_or_none(value: float | None) -> float | None:
    return None if value is None else value * PERCENT


def current_index(series: IntradaySeries, now: datetime) -> int | None:
    """The interval holding ``now`` (else the last one): what the read-out shows at rest."""
    if not series.points:
        return None
    step = series.interval_minutes * 60
    for i, point in enumerate(series.points):
        if point.start.timestamp() <= now.timestamp() < point.start.timestamp() + step:
            return i
    return len(series.points) - 1
