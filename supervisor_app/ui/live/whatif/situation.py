"""From the live snapshot and the interval's forecast to a what-if ``Situation``.

Plain Python (no Qt), so it is tested without a window. The arithmetic on the
situation is ``domain.whatif``'s; this only picks the inputs:

- waiting: the queue's contacts waiting now; agents: its agents available, on a
  contact or in wrap-up (``QueueRow.staffed``). For all queues together, the
  waiting add up and each working agent counts once.
- forecast for the rest of the interval: the interval's forecast volume × the
  share of the interval still to come (arrivals spread evenly over it).
- AHT: the forecast's, else today's so far, else 300 s (said in the notes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from supervisor_app.domain import kpi
from supervisor_app.domain.enums import WORKING

if TYPE_CHECKING:  # services load SQLAlchemy: on the worker, after the window's first paint
    from supervisor_app.domain.whatif import Outcome, Situation
    from supervisor_app.services.live import LiveSnapshot, QueueRow
    from supervisor_app.services.planning import IntervalForecast

FALLBACK_AHT = 300.0
WhatIfKey = tuple[int | None, int, float]  # queue id (None: all), agents to move, break minutes


@dataclass(frozen=True, slots=True)
class Context:
    situation: Situation
    title: str
    interval_start: datetime
    interval_end: datetime
    notes: tuple[str, ...]


def current_interval(snapshot: LiveSnapshot) -> tuple[datetime, datetime]:
    step = timedelta(minutes=snapshot.interval_minutes)
    k = (snapshot.taken_at - snapshot.day_start) // step
    start = snapshot.day_start + k * step
    return start, start + step


def situation_of(
    snapshot: LiveSnapshot,
    queue_id: int | None,
    forecast: Mapping[int, IntervalForecast] | None,
) -> Context | None:
    """The what-if inputs for one queue (None: all queues); None if the queue isn't there."""
    rows = [q for q in snapshot.queues if queue_id is None or q.queue_id == queue_id]
    if not rows:
        return None
    forecast = forecast or {}
    start, end = current_interval(snapshot)
    fs = [forecast[q.queue_id] for q in rows if q.queue_id in forecast]
    if fs:
        start, end = fs[0].interval_start, fs[0].interval_end
    length = (end - start).total_seconds()
    left = max((end - snapshot.taken_at).total_seconds(), 0.0)
    volume = sum(f.reforecast for f in fs)
    notes = []
    if not fs:
        notes.append("no forecast for this interval: only the contacts waiting count")
    moved = [f for f in fs if f.level is not None and abs(f.level - 1.0) >= 0.005]
    if moved:
        level = sum(f.reforecast for f in fs) / max(sum(f.volume for f in fs), 1e-9)
        notes.append(f"reforecast from today's contacts so far: {level - 1.0:+.0%} on the forecast")
    aht = _aht(rows, fs)
    if aht is None:
        aht = FALLBACK_AHT
        notes.append(f"no handle time known yet: {FALLBACK_AHT:.0f} s assumed")
    patience = _weighted([(f.patience_seconds, f.volume) for f in fs if f.patience_seconds])
    if patience is None:
        notes.append("callers' patience not set for the queue: 3 minutes assumed")
    if queue_id is None:
        agents = sum(1 for a in snapshot.agents if a.state in WORKING)
        title = "All queues"
    else:
        agents = rows[0].staffed
        title = rows[0].name
    answer = _weighted([(float(q.answer_threshold_seconds), 1.0) for q in rows]) or 20.0
    from supervisor_app.domain.whatif import Situation  # numpy: not at GUI start-up

    situation = Situation(
        waiting=sum(q.waiting for q in rows),
        forecast_rest=volume * left / length if length > 0 else 0.0,
        seconds_left=left,
        agents=agents,
        aht_seconds=aht,
        answer_seconds=answer,
        patience_seconds=patience,
    )
    return Context(situation, title, start, end, tuple(notes))


def _aht(rows: list[QueueRow], fs: list[IntervalForecast]) -> float | None:
    by_forecast = _weighted([(f.aht_seconds, f.volume) for f in fs if f.aht_seconds > 0])
    if by_forecast is not None:
        return by_forecast
    total = rows[0].today
    for q in rows[1:]:
        total = total + q.today
    return kpi.average_handle_time(total)


def _weighted(pairs: list[tuple[float | None, float]]) -> float | None:
    pairs = [(v, w) for v, w in pairs if v is not None]
    weight = sum(w for _, w in pairs)
    if not pairs:
        return None
    if weight <= 0:
        return sum(v for v, _ in pairs) / len(pairs)  # type: ignore[misc]
    return sum(v * w for v, w in pairs) / weight  # type: ignore[operator]


@dataclass(frozen=True, slots=True)
class WhatIfResult:
    """The panel's figures for one queue and one choice of moves and break length, worked out
    wherever is cheapest (the Live tab's refresh worker); ``key`` says for which."""

    key: WhatIfKey
    context: Context | None
    outcomes: tuple[Outcome, ...]


def what_if_for(
    snapshot: LiveSnapshot,
    forecast: Mapping[int, IntervalForecast] | None,
    key: WhatIfKey,
) -> WhatIfResult:
    queue_id, moves, break_minutes = key
    context = situation_of(snapshot, queue_id, forecast)
    from supervisor_app.domain.whatif import what_if  # numpy: not at GUI start-up

    outcomes = () if context is None else what_if(context.situation, moves, break_minutes)
    return WhatIfResult(key, context, outcomes)
