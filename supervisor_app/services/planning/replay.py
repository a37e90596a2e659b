"""A saved week replayed through the event loop (``domain.simulation.replay``), per queue and day.

This module only translates: the forecast demands and the schedule into the
loop's queues and agents, and the loop's sums back into a service level per
queue and local day (``domain.kpi.service_level``, the KPI's own formula).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import numpy as np

from supervisor_app.domain.coverage import QueueDemand
from supervisor_app.domain.enums import Channel, TimeOffStatus
from supervisor_app.domain.kpi import ContactSums, service_level
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.domain.simulation.replay import ReplayAgent, ReplayQueue, replay

RUNS = 8
SEED = 17


def simulated_levels(
    week: ScheduleWeek,
    demands: Sequence[QueueDemand],
    starts: Sequence[datetime],
    facts: dict[int, tuple[float, Channel]],
    days: Sequence[date],
) -> dict[tuple[int, date], float | None]:
    """(queue id, local day) → the service level the week's plan achieves in the loop."""
    if not starts:
        return {}
    t0 = np.array([s.timestamp() for s in starts], dtype=np.float64)
    step = week.interval_minutes * 60.0
    size = len(starts)
    queues = [_queue(d, size, *facts.get(d.queue_id, (0.0, Channel.VOICE))) for d in demands]
    totals = replay(t0, step, queues, _agents(week, demands), runs=RUNS, seed=SEED)
    out: dict[tuple[int, date], float | None] = {}
    for d, cells in zip(demands, totals, strict=True):
        by_day: dict[date, ContactSums] = {}
        for day, cell in zip(days, cells, strict=True):
            by_day[day] = by_day.get(day, ContactSums()) + cell
        for day, sums in by_day.items():
            out[(d.queue_id, day)] = service_level(sums)
    return out


def _queue(demand: QueueDemand, size: int, short_abandon: float, channel: Channel) -> ReplayQueue:
    def row(value: float | tuple[float, ...]) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=np.float64), (size,)).copy()

    return ReplayQueue(
        email=channel is Channel.EMAIL,
        volume=row(demand.volume),
        aht_seconds=row(demand.aht_seconds),
        threshold_seconds=row(demand.answer_seconds),
        short_abandon_seconds=row(short_abandon),
        patience_seconds=demand.patience_seconds,
    )


def _agents(week: ScheduleWeek, demands: Sequence[QueueDemand]) -> list[ReplayAgent]:
    """Every agent with their skills (as demand indices), shifts, activities and time off."""
    column = {d.name: k for k, d in enumerate(demands)}
    off: dict[int, list[tuple[float, float]]] = {}
    for band in week.time_off:
        if band.status == TimeOffStatus.APPROVED:
            off.setdefault(band.agent_id, []).append(
                (band.starts_at.timestamp(), band.ends_at.timestamp())
            )
    shifts: dict[int, list[tuple[float, float, tuple[tuple[float, float], ...]]]] = {}
    for s in week.shifts:
        away = [(a.starts_at.timestamp(), a.ends_at.timestamp()) for a in s.activities]
        away += off.get(s.agent_id, [])
        start, end = s.starts_at.timestamp(), s.ends_at.timestamp()
        clipped = tuple(
            (max(a, start), min(b, end)) for a, b in away if min(b, end) > max(a, start)
        )
        shifts.setdefault(s.agent_id, []).append((start, end, clipped))
    return [
        ReplayAgent(
            queues=tuple(sorted(column[q] for q in a.skills if q in column)),
            shifts=tuple(shifts.get(a.agent_id, ())),
        )
        for a in week.agents
    ]
