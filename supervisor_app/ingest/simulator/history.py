"""A simulated history, day by day, as batches of rows: the heart of ``demo seed``.

Pure: no database. ``seed_demo`` writes what this yields; the unit tests check
it directly. Randomness comes from one numpy stream per (seed, day, purpose),
so a day's traffic doesn't depend on how many numbers earlier days used.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from supervisor_app.domain.enums import Channel, TimeOffStatus
from supervisor_app.domain.simulation import ACTIVITY_STATE, DONE, Engine, ShiftPlan
from supervisor_app.ingest.simulator.arrivals import Arrivals, day_arrivals, forecast
from supervisor_app.ingest.simulator.days import LocalDay, local_day
from supervisor_app.ingest.simulator.demand import Demand, demand
from supervisor_app.ingest.simulator.planning import AgentPattern, weekly_patterns
from supervisor_app.ingest.simulator.rows import (
    contact_rows,
    forecast_rows,
    shift_rows,
    span_rows,
    time_off_rows,
)
from supervisor_app.ingest.simulator.shifts import day_shifts, day_time_off
from supervisor_app.services.writers.simulation import ReserveIds, RosterSpec, RowBatch, ShiftSpec

STREAM_ARRIVALS, STREAM_SHIFTS, STREAM_FORECAST, STREAM_TIME_OFF = 1, 2, 3, 4
PLAN_ONLY_WEIGHT = 0.1


def day_rng(seed: int, day: date, stream: int) -> np.random.Generator:
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence([seed, day.toordinal(), stream]))
    )


def handle_factor(proficiency: int) -> float:
    """Skilled agents are quicker: proficiency 9 takes 12% less time than the average 6."""
    return 1.0 + 0.04 * (6 - proficiency)


@dataclass(frozen=True, slots=True)
class Model:
    """What the simulator needs to know about a roster, worked out once."""

    roster: RosterSpec
    tz: ZoneInfo
    patterns: list[AgentPattern]
    demand: Demand
    channels: list[Channel]
    agent_index: dict[int, int]

    @classmethod
    def of(cls, roster: RosterSpec) -> Model:
        patterns = weekly_patterns(roster)
        return cls(
            roster,
            ZoneInfo(roster.timezone),
            patterns,
            demand(roster, patterns),
            [q.channel for q in roster.queues],
            {a.id: i for i, a in enumerate(roster.agents)},
        )

    def engine(
        self, start: float, since: Sequence[float] | None = None, journal: bool = False
    ) -> Engine:
        queue_index = {q.id: k for k, q in enumerate(self.roster.queues)}
        skills = [
            [(queue_index[q], handle_factor(p)) for q, p in a.skills] for a in self.roster.agents
        ]
        email = [c is Channel.EMAIL for c in self.channels]
        return Engine(email, skills, start=start, since=since, journal=journal)

    def plans(self, shifts: Sequence[ShiftSpec]) -> list[ShiftPlan]:
        """Shifts in engine terms; shifts of agents the roster doesn't know are ignored."""
        out: list[ShiftPlan] = []
        for s in shifts:
            a = self.agent_index.get(s.agent_id)
            if a is None:
                continue
            acts = [(*ACTIVITY_STATE[x.kind], x.starts, x.ends) for x in s.activities]
            out.append((a, s.starts, s.ends, acts))
        return out


@dataclass(frozen=True, slots=True)
class Chunk:
    batches: tuple[RowBatch, ...]
    fraction: float  # share of the work done once these are written


def simulate_history(
    roster: RosterSpec,
    *,
    seed: int,
    first_day: date,
    days: int,
    ahead_days: int,
    reserve_ids: ReserveIds,
) -> Iterator[Chunk]:
    """Simulate ``days`` local days from ``first_day``; plan ``ahead_days`` more.

    Planning means shifts, time off and forecasts; simulating adds the traffic.

    Contacts are yielded once every contact of their day is settled (an email
    that came in at night waits for the morning shift); at the end the engine is
    closed at midnight and whatever is still open goes out as open rows.
    """
    model = Model.of(roster)
    tz = model.tz
    window_end = local_day(first_day + timedelta(days=days), tz).start
    engine = model.engine(local_day(first_day, tz).start)
    pending: deque[tuple[int, Arrivals, date]] = deque()
    for k in range(days + ahead_days):
        when = first_day + timedelta(days=k)
        day = local_day(when, tz, roster.interval_minutes)
        future = k >= days
        time_off = day_time_off(
            roster, model.patterns, day, day_rng(seed, when, STREAM_TIME_OFF), future=future
        )
        absent = frozenset(a for a, status, _ in time_off if status is TimeOffStatus.APPROVED)
        shifts = day_shifts(roster, model.patterns, day, day_rng(seed, when, STREAM_SHIFTS), absent)
        volume, aht = forecast(
            day, model.demand, model.channels, day_rng(seed, when, STREAM_FORECAST)
        )
        batches = [
            *shift_rows(shifts, day, reserve_ids),
            time_off_rows(time_off, day, reserve_ids),
            forecast_rows(day, volume, aht, roster, reserve_ids),
        ]
        if not future:
            arrivals = day_arrivals(
                quarter_day(day),
                model.demand,
                model.channels,
                day_rng(seed, when, STREAM_ARRIVALS),
            )
            pending.append((engine.add_arrivals(arrivals), arrivals, when))
            engine.add_shifts(model.plans(shifts))
            engine.run_until(day.end)
            last = k == days - 1
            if last:
                engine.close(window_end)
                engine.spans.extend(
                    (a, s, r, t, float("nan"))
                    for a, (s, r, t) in enumerate(
                        zip(engine.state, engine.reason, engine.since, strict=True)
                    )
                )
            while pending and (last or _settled(engine, pending[0][0], len(pending[0][1]))):
                lo, batch, on = pending.popleft()
                prefix = f"sim{seed}-{on:%Y%m%d}-"
                external = [f"{prefix}{n:05d}" for n in range(len(batch))]
                batches += contact_rows(
                    engine, lo, batch, external, roster, reserve_ids, window_end
                )
            batches.append(span_rows(engine.spans, roster, reserve_ids))
            engine.spans.clear()
        yield Chunk(tuple(batches), _fraction(k + 1, days, ahead_days))


def quarter_day(day: LocalDay) -> LocalDay:
    """Arrivals are generated per quarter-hour whatever the site's reporting interval."""
    quarter = day.interval_starts[1] - day.interval_starts[0] == 900.0
    return day if quarter else local_day(day.date, day.tz, 15)


def _fraction(done: int, days: int, ahead_days: int) -> float:
    """Share of the work after ``done`` days; planning a day costs a tenth of simulating it."""
    work = days + PLAN_ONLY_WEIGHT * ahead_days
    return (min(done, days) + PLAN_ONLY_WEIGHT * max(0, done - days)) / work


def _settled(engine: Engine, lo: int, n: int) -> bool:
    status = engine.status
    return all(status[i] == DONE for i in range(lo, lo + n))
