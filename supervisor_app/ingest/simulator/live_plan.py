"""The days of a live run: shifts as published (or generated and published), and arrivals."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from supervisor_app.domain.simulation import Engine
from supervisor_app.ingest.simulator.arrivals import day_arrivals, forecast
from supervisor_app.ingest.simulator.days import LocalDay, local_date, local_day
from supervisor_app.ingest.simulator.history import (
    STREAM_ARRIVALS,
    STREAM_FORECAST,
    STREAM_SHIFTS,
    Model,
    day_rng,
    quarter_day,
)
from supervisor_app.ingest.simulator.live_events import EventSource
from supervisor_app.ingest.simulator.shifts import day_shifts
from supervisor_app.services.writers.simulation import LiveWriter, RosterSpec

STREAM_ADOPTED = 5
# Arrivals this close after the resume time were written by the run before (see _load).
RESUME_MARGIN_S = 1e-3


class DayPlanner:
    """Loads each local day into the engine before the clock reaches it.

    A day whose shifts are already published (by the seed, an earlier run or a
    planner) is worked as published; a day with none gets generated shifts and
    forecasts, written first so the console shows the plan the agents follow.
    """

    def __init__(self, roster: RosterSpec, writer: LiveWriter, seed: int) -> None:
        self.model = Model.of(roster)
        self._writer = writer
        self._seed = seed
        self._loaded: set[date] = set()
        self._engine: Engine | None = None
        self._events: EventSource | None = None

    def attach(self, engine: Engine, events: EventSource) -> None:
        self._engine = engine
        self._events = events

    def day_containing(self, t: float) -> LocalDay:
        tz = self.model.tz
        return local_day(local_date(t, tz), tz, self.model.roster.interval_minutes)

    def rng_for_adopted(self) -> np.random.Generator:
        assert self._engine is not None
        return day_rng(self._seed, local_date(self._engine.now, self.model.tz), STREAM_ADOPTED)

    def ensure_days(self, t: float) -> None:
        """Every day from the engine's clock up to the one holding ``t`` is loaded."""
        assert self._engine is not None
        day = self.day_containing(self._engine.now)
        while True:
            if day.date not in self._loaded:
                self._load(day)
            if day.end >= t:
                return
            day = local_day(day.date + timedelta(days=1), self.model.tz, day.interval_minutes)

    def _load(self, day: LocalDay) -> None:
        assert self._engine is not None and self._events is not None
        model, roster = self.model, self.model.roster
        shifts = self._writer.day_shifts(roster, day.start, day.end)
        if shifts is None:
            absent = self._writer.absent(roster, day.start, day.end)
            rng = day_rng(self._seed, day.date, STREAM_SHIFTS)
            shifts = day_shifts(roster, model.patterns, day, rng, absent)
            rng = day_rng(self._seed, day.date, STREAM_FORECAST)
            volume, aht = forecast(day, model.demand, model.channels, rng)
            rows = [
                (queue.id, start, float(volume[k, j]), float(aht[k, j]))
                for k, queue in enumerate(roster.queues)
                for j, start in enumerate(day.interval_starts.tolist())
            ]
            self._writer.publish(shifts, rows, published_at=self._engine.now)
        self._engine.add_shifts(model.plans(shifts))
        rng = day_rng(self._seed, day.date, STREAM_ARRIVALS)
        arrivals = day_arrivals(quarter_day(day), model.demand, model.channels, rng)
        # Whatever "arrived" before the run started was never seen: only later arrivals count.
        # A restart resumes at the last time the database holds, to the microsecond, while the
        # arrival written then is a float a fraction of a microsecond later: without the margin
        # it would arrive again and collide with itself (contacts.external_id).
        cut = int(np.searchsorted(arrivals.t, self._engine.now + RESUME_MARGIN_S, side="right"))
        self._events.add(arrivals.slice(cut, len(arrivals)))
        self._loaded.add(day.date)
