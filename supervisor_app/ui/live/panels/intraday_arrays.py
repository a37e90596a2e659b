"""Turn an ``IntradaySeries`` into the arrays the charts plot: plain numpy, no Qt.

x is epoch seconds. Step lines take the interval edges (one more than the
values); bars and the service-level dots sit at interval mid-points. A missing
figure (no forecast, no answered contact yet) is NaN, which the curves leave as
a gap rather than drawing a misleading zero. Agents available in intervals that
have not started yet is unknown, not zero, so it is a gap too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

from supervisor_app.ui.live.panels.intraday_style import percent

if TYPE_CHECKING:
    from supervisor_app.services.live import IntradaySeries

HEADROOM = 1.15
WAITING_WINDOW = timedelta(hours=1)
HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class IntradayArrays:
    step: float  # seconds per interval
    edges: np.ndarray  # n + 1 interval boundaries
    mids: np.ndarray
    offered: np.ndarray
    forecast: np.ndarray
    service_level: np.ndarray  # percent
    target: np.ndarray  # percent
    agents: np.ndarray
    volume_top: float
    agents_top: float
    view: tuple[float, float]  # the x range worth showing: opening hours, and now
    # The rest of the day after the interval under way: its edges and the reforecast
    # (the forecast at today's level so far; NaN while there is too little to go on).
    rest_edges: np.ndarray = field(default_factory=lambda: np.array([], dtype=float))
    reforecast: np.ndarray = field(default_factory=lambda: np.array([], dtype=float))


def view_range(edges: np.ndarray, busy: np.ndarray, now: float) -> tuple[float, float]:
    """From an hour before the first interval with anything in it to an hour after the last.

    A day runs midnight to midnight, but a floor open 07:00–21:00 would spend a third
    of the chart on empty night; the bars get the width instead. ``now`` stays in view.
    """
    lo, hi = float(edges[0]), float(edges[-1])
    used = np.flatnonzero(busy)
    if used.size == 0:
        return lo, hi
    first = min(float(edges[used[0]]), now) - HOUR
    last = max(float(edges[used[-1] + 1]), now) + HOUR
    return max(lo, first - (first - lo) % HOUR), min(hi, last + (hi - last) % HOUR)


def _nan(values: list[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _top(*arrays: np.ndarray, floor: float) -> float:
    finite = [float(np.nanmax(a)) for a in arrays if a.size and np.isfinite(a).any()]
    return max([floor, *finite]) * HEADROOM


def intraday_arrays(series: IntradaySeries, now: datetime) -> IntradayArrays:
    step = series.interval_minutes * 60.0
    points = series.points
    starts = np.array([p.start.timestamp() for p in points], dtype=float)
    if not points:
        starts = np.array([series.day_start.timestamp()])
        edges = np.array([starts[0], starts[0] + 86_400.0])
        empty = np.array([], dtype=float)
        view = (float(edges[0]), float(edges[-1]))
        return IntradayArrays(step, edges, empty, empty, empty, empty, empty, empty, 1.0, 1.0, view)
    edges = np.append(starts, starts[-1] + step)
    agents = np.array([p.agents_available for p in points], dtype=float)
    agents[starts > now.timestamp()] = np.nan
    offered = np.array([p.offered for p in points], dtype=float)
    forecast = _nan([p.forecast for p in points])
    busy = (offered > 0) | (np.nan_to_num(forecast) > 0) | (np.nan_to_num(agents) > 0)
    rest_edges, again = _rest(series, step)
    view = view_range(edges, busy, now.timestamp())
    if np.isfinite(again).any():  # the reforecast's hours stay in view
        last = float(rest_edges[np.flatnonzero(np.nan_to_num(again) > 0)[-1] + 1])
        view = (view[0], max(view[1], min(last + HOUR, float(rest_edges[-1]))))
    return IntradayArrays(
        step=step,
        edges=edges,
        mids=starts + step / 2,
        offered=offered,
        forecast=forecast,
        service_level=np.array([percent(p.service_level) for p in points], dtype=float),
        target=np.array([percent(p.service_level_target) for p in points], dtype=float),
        agents=agents,
        volume_top=_top(offered, forecast, again, floor=1.0),
        agents_top=_top(agents, floor=1.0),
        view=view,
        rest_edges=rest_edges,
        reforecast=again,
    )


def _rest(series: IntradaySeries, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Edges and reforecast values of the intervals after the one under way."""
    if not series.rest:
        return np.array([], dtype=float), np.array([], dtype=float)
    starts = np.array([s.timestamp() for s, _, _ in series.rest], dtype=float)
    return np.append(starts, starts[-1] + step), _nan([r for _, _, r in series.rest])


@dataclass(frozen=True, slots=True)
class WaitingArrays:
    edges: np.ndarray  # each count holds from its sample to the next; the last until now
    counts: np.ndarray
    top: float


def waiting_arrays(samples: tuple[tuple[datetime, int], ...], now: datetime) -> WaitingArrays:
    lo = (now - WAITING_WINDOW).timestamp()
    hi = max(now.timestamp(), lo + 1.0)
    kept = sorted((t.timestamp(), n) for t, n in samples if t.timestamp() <= hi)
    if not kept:
        return WaitingArrays(np.array([lo, hi]), np.array([0.0]), 4.0)
    times = np.array([max(t, lo) for t, _ in kept], dtype=float)
    counts = np.array([n for _, n in kept], dtype=float)
    edges = np.append(times, hi)
    return WaitingArrays(edges, counts, _top(counts, floor=4.0 / HEADROOM))
