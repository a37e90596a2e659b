"""``simulate``: the seed's engine in real time (or ``speed`` times faster), writing as it goes.

Every demo site runs (London and New York after ``demo seed``), each with its
own engine, on one simulated clock.

On start it closes whatever a killed run left open, then replays today's
traffic so far in a few batched transactions, then follows the clock: each
arrival, answer, end and agent state change is written when it happens, in
its own short transaction, and announced on the change feed. Each new local
day's shifts (if none are published) and arrivals are generated as the clock
reaches it. Each simulated hour (and after each day of catching up) the
KPI summaries of the days that ended are kept (``services.kpi.keep_summaries``),
so a report never waits for them; the three days before today are summarised
again because today's repeat contacts change their FCR. Setting ``stop`` (or
Ctrl+C / SIGTERM when run from the main thread) ends calls in progress, sends
agents offline and returns.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.simulator.live_events import EventSource
from supervisor_app.ingest.simulator.live_plan import DayPlanner
from supervisor_app.ingest.simulator.roster import DEMO_SITES, ONE_SITE, build_roster
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import SummaryUpkeep
from supervisor_app.services.writers.simulation import (
    LiveWriter,
    RosterSpec,
    create_roster,
    read_rosters,
)

LIVE_SEED = 7919  # live days are reproducible for a roster, not reshuffled on every run
CATCH_UP_S = 60.0  # behind the clock by more than this (simulated seconds): catch up in batches
# A whole day per catch-up transaction: a console watching the replay must never see
# a half-replayed morning (every agent "hours out of adherence", a flood of alerts).
CATCH_UP_STEP_S = 86_400.0
MAX_SLEEP_S = 1.0  # wall seconds between looks at the stop flag
BURST = 50  # more events than this in one tick share a transaction


def run_live(
    db: Database,
    *,
    speed: float = 1.0,
    stop: threading.Event | None = None,
    now: datetime | None = None,
) -> None:
    """Simulate live traffic into ``db`` until ``stop`` is set (blocks until then).

    ``now`` is where the simulated clock starts (default: the real time); it then
    runs ``speed`` times faster than the wall clock.
    """
    if isinstance(speed, bool) or not isinstance(speed, int | float) or not speed > 0:
        raise UserError(f"--speed must be a number above 0, not {speed!r}")
    if not math.isfinite(speed):
        raise UserError("--speed must be a finite number")
    if now is not None and now.tzinfo is None:
        raise UserError("now must carry a timezone")
    own_stop = stop is None
    stop = stop or threading.Event()
    with _stop_on_signals(stop, enabled=own_stop):
        _LiveRun(db, float(speed), stop, now or datetime.now(UTC)).run()


class _SiteRun:
    """One demo site's engine, planner and writer, following the shared clock."""

    def __init__(self, db: Database, roster: RosterSpec, now: datetime) -> None:
        self.writer = LiveWriter(db)
        self.planner = DayPlanner(roster, self.writer, LIVE_SEED)
        start = self.writer.start(roster, self.planner.day_containing(now.timestamp()).start)
        self.resume_at = start.resume_at
        self.engine = self.planner.model.engine(
            start.resume_at, since=[start.since[a.id] for a in roster.agents], journal=True
        )
        self.events = EventSource(self.planner.model, self.engine)
        self.planner.attach(self.engine, self.events)
        for key, contact_id in self.events.adopt(start.waiting, self.planner.rng_for_adopted()):
            self.writer.bind(key, contact_id)

    def advance(self, target: float, *, together: bool) -> None:
        self.planner.ensure_days(target)
        self.engine.run_until(target)
        events = self.events.drain()
        if together or len(events) > BURST:
            self.writer.apply(events)
        else:
            for event in events:
                self.writer.apply([event])

    def close(self, end: float) -> None:
        self.planner.ensure_days(end)
        self.engine.close(end)
        self.writer.apply(self.events.drain())


class _LiveRun:
    """Every demo site (London and New York, or the one-site demo) on one clock."""

    def __init__(self, db: Database, speed: float, stop: threading.Event, now: datetime) -> None:
        rosters = read_rosters(db, [s.name for s in (ONE_SITE, *DEMO_SITES)]) or [
            create_roster(db, lambda reserve: build_roster(60, 6, LIVE_SEED, reserve))
        ]
        self.speed = speed
        self.stop = stop
        self.upkeep = SummaryUpkeep(db)  # on the simulated clock
        self.sites = [_SiteRun(db, roster, now) for roster in rosters]
        self.clock0 = max(now.timestamp(), *(site.resume_at for site in self.sites))

    def run(self) -> None:
        wall0 = time.monotonic()

        def sim_now() -> float:
            return self.clock0 + (time.monotonic() - wall0) * self.speed

        try:
            while not self.stop.is_set():
                target = sim_now()
                behind = [s for s in self.sites if target - s.engine.now > CATCH_UP_S]
                if behind:
                    for site in behind:
                        site.advance(min(site.engine.now + CATCH_UP_STEP_S, target), together=True)
                    self.upkeep.tick(_utc(min(site.engine.now for site in self.sites)))
                    continue
                for site in self.sites:
                    site.advance(target, together=False)
                self.upkeep.tick(_utc(target))
                due = min(site.engine.next_time() for site in self.sites)
                self.stop.wait(min(max((due - sim_now()) / self.speed, 0.0), MAX_SLEEP_S))
        except KeyboardInterrupt:
            pass  # Ctrl+C where no handler of ours runs: stop all the same
        for site in self.sites:
            site.close(max(sim_now(), site.engine.now))


def _utc(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


@contextmanager
def _stop_on_signals(stop: threading.Event, *, enabled: bool) -> Iterator[None]:
    """Turn Ctrl+C and SIGTERM into ``stop``, when we own the flag and run on the main thread."""
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = [signal.SIGINT, signal.SIGTERM]
    previous = {s: signal.getsignal(s) for s in signals}

    def handler(signum: int, frame: object) -> None:
        stop.set()

    for s in signals:
        signal.signal(s, handler)
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
