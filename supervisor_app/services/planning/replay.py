"""A saved week replayed through the event loop (``domain.simulation``), per queue and day.

This module only translates: the forecast demands and the schedule into the
loop's queues and agents, and the loop's sums back into a service level per
queue and local day (``domain.kpi.service_level``, the KPI's own formula).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import select

from supervisor_app.domain.coverage import QueueCoverage, QueueDemand, coverage
from supervisor_app.domain.enums import Channel, TimeOffStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.forecast import check_week_start
from supervisor_app.domain.kpi import (
    ContactSums,
    abandon_rate,
    average_speed_of_answer,
    service_level,
)
from supervisor_app.domain.plan_accuracy import day_service_level
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.domain.simulation import (
    ReplayAgent,
    ReplayQueue,
    replay,
    replay_runs,
)
from supervisor_app.services.database import Database
from supervisor_app.services.planning.coverage import coverage_inputs
from supervisor_app.services.planning.patience import estimated_patience
from supervisor_app.services.planning.settings import load_site
from supervisor_app.services.schedules import load_week
from supervisor_app.store.models import Queue

RUNS = 8
SEED = 17
MAX_RUNS = 200


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


@dataclass(frozen=True, slots=True)
class IntervalSimulation:
    """One queue in one interval (or local day) of a simulated week: the mean over runs and
    a 90 % band across them."""

    queue_id: int
    queue: str
    start: datetime | date  # the interval's UTC start, or the local day
    forecast: float
    erlang_service_level: float | None  # the coverage panel's figure, for comparison
    service_level: float | None  # over every run's contacts together
    service_level_low: float | None  # 5th percentile of the runs
    service_level_high: float | None  # 95th percentile of the runs
    asa_seconds: float | None
    abandon_rate: float | None


def simulate_week(
    db: Database,
    week_start: date,
    *,
    site_id: int | None = None,
    runs: int = 20,
    history_days: int = 28,
    by_day: bool = False,
    schedule: ScheduleWeek | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[IntervalSimulation]:
    """The saved (draft or published) schedule of the week from Monday ``week_start`` run
    ``runs`` times against its forecast; patience from the ``history_days`` before it.

    ``schedule`` replays an unsaved draft of that week instead; ``progress`` hears the
    share of runs done after each (it may raise to stop: the window's Cancel).
    """
    if not 1 <= runs <= MAX_RUNS:
        raise UserError(f"runs must be 1 to {MAX_RUNS}, got {runs}")
    check_week_start(week_start)
    with db.sessions() as session:
        site = load_site(session, site_id)
    zone = ZoneInfo(site.timezone)
    patience = estimated_patience(
        db, week_start - timedelta(days=history_days), week_start - timedelta(days=1), zone
    )
    inputs = coverage_inputs(db, week_start, site_id=site.site_id)
    demands = tuple(
        dataclasses.replace(d, patience_seconds=patience.get(d.queue_id, d.patience_seconds))
        for d in inputs.demands
    )
    week = schedule if schedule is not None else load_week(db, week_start, site_id=site.site_id)
    erlang = coverage(week, demands, inputs.holidays)
    t0 = np.array([s.timestamp() for s in erlang.starts], dtype=np.float64)
    facts = queue_facts(db, site.site_id)
    queues = [_queue(d, len(t0), *facts.get(d.queue_id, (0.0, Channel.VOICE))) for d in demands]
    agents = _agents(week, demands)
    per_run = []
    step = week.interval_minutes * 60.0
    for run in replay_runs(t0, step, queues, agents, runs=runs, seed=SEED):
        per_run.append(run)
        if progress is not None:
            progress(len(per_run) / runs)
    groups = _groups(erlang.starts, zone, by_day)
    out = []
    for k, q in enumerate(erlang.queues):
        for label, idx in groups:
            cells = [sum((run[k][i] for i in idx), ContactSums()) for run in per_run]
            out.append(_figures(q, label, idx, cells))
    return out


def _groups(
    starts: Sequence[datetime], zone: ZoneInfo, by_day: bool
) -> list[tuple[datetime | date, list[int]]]:
    """(the interval's UTC start or the local day, the intervals it holds), in order."""
    if not by_day:
        return [(s, [i]) for i, s in enumerate(starts)]
    days: dict[date, list[int]] = {}
    for i, s in enumerate(starts):
        days.setdefault(s.astimezone(zone).date(), []).append(i)
    return list(days.items())


def _figures(
    q: QueueCoverage, label: datetime | date, idx: list[int], cells: list[ContactSums]
) -> IntervalSimulation:
    """A group's figures: the mean over runs, the runs' 5th–95th percentile band, and the
    Erlang figure weighted by the forecast contacts of its intervals."""
    total = sum(cells, ContactSums())
    levels = [v for v in (service_level(c) for c in cells) if v is not None]
    band = (np.percentile(levels, 5), np.percentile(levels, 95)) if levels else (None, None)
    forecast = [q.forecast[i] for i in idx]
    return IntervalSimulation(
        queue_id=q.queue_id,
        queue=q.name,
        start=label,
        forecast=float(sum(forecast)),
        erlang_service_level=day_service_level(forecast, [q.expected_sl[i] for i in idx]),
        service_level=service_level(total),
        service_level_low=None if band[0] is None else float(band[0]),
        service_level_high=None if band[1] is None else float(band[1]),
        asa_seconds=average_speed_of_answer(total),
        abandon_rate=abandon_rate(total),
    )


def queue_facts(db: Database, site_id: int) -> dict[int, tuple[float, Channel]]:
    """Each queue's short-abandon limit as set today and its channel, for the replay."""
    query = select(Queue.id, Queue.short_abandon_seconds, Queue.channel).where(
        Queue.site_id == site_id
    )
    with db.sessions() as session:
        return {int(q): (float(s), Channel(c)) for q, s, c in session.execute(query)}
