"""``demo seed``: a deterministic simulated history written in one bulk transaction."""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.simulator.history import simulate_history
from supervisor_app.ingest.simulator.roster import DEMO_SITES, ONE_SITE, DemoSite, build_roster
from supervisor_app.ingest.simulator.seed_coaching import seed_coaching
from supervisor_app.ingest.simulator.seed_quality import seed_quality
from supervisor_app.ingest.simulator.seed_training import seed_training
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import keep_summaries
from supervisor_app.services.writers.simulation import SeedWriter

# Shifts, time off and forecasts are also planned for this many days from ``until``'s
# day on, so the live run and the planners find a published week ahead.
AHEAD_DAYS = 7
WRITING_SHARE = 0.85  # of the progress bar; keeping the KPI summaries takes the rest
LIMITS = {"days": (1, 366), "agents": (1, 5000), "queues": (1, 50), "sites": (1, 2)}
# Each further site's history draws from its own seed, far from the first's.
SITE_SEED_STEP = 1_000_003


@dataclass(frozen=True, slots=True)
class SeedSummary:
    days: int
    agents: int  # every site's together
    queues: int
    contacts: int
    state_spans: int
    shifts: int
    seconds: float  # simulating and writing the history, commit included
    sites: tuple[str, ...] = ()
    summarised_days: int = 0  # the KPI summaries kept for the written days (every site)
    summary_seconds: float = 0.0  # … and what keeping them took, after the writing


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the seed (reference counting still frees memory).

    A seed builds hundreds of thousands of small tuples and lists, none in a
    cycle, and the collector would keep rescanning them: about a tenth of the run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate(**values: int) -> None:
    for name, value in values.items():
        low, high = LIMITS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise UserError(f"--{name} must be a whole number from {low} to {high}, not {value!r}")


def seed_demo(
    db: Database,
    *,
    days: int = 28,
    agents: int = 60,
    queues: int = 6,
    seed: int = 1,
    until: datetime | None = None,
    progress: Callable[[float], None] | None = None,
    sites: int = 1,
    training: bool = True,
) -> SeedSummary:
    """Simulate the ``days`` full local days before ``until``'s local day and write them.

    ``sites=2`` is the demo the console shows: London (15-minute intervals) with
    ``agents`` and ``queues``, and New York (30-minute intervals) with half as many,
    each with its own teams; ``sites=1`` is one site (benchmarks and most tests).
    Deterministic for (seed, until's local date, sizes): the same arguments give
    the same rows. Refuses (``UserError``) a database that already has contacts.
    ``progress`` is called with the fraction done, 0..1, as days are written.
    ``training=False`` leaves the training record empty (tests that build their own).
    """
    validate(days=days, agents=agents, queues=queues, sites=sites)
    if not isinstance(seed, int) or seed < 0:
        raise UserError(f"--seed must be a whole number of 0 or more, not {seed!r}")
    if until is None:
        until = datetime.now(UTC)
    elif until.tzinfo is None:
        raise UserError("until must carry a timezone")
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    plan = site_plan(sites, agents, queues)
    with _collector_paused(), SeedWriter(db) as writer:
        for k, (site, site_agents, site_queues) in enumerate(plan):
            roster = build_roster(site_agents, site_queues, seed, writer.reserve_ids, site)
            writer.write_roster(roster)
            last_day = until.astimezone(ZoneInfo(roster.timezone)).date()
            chunks = simulate_history(
                roster,
                seed=seed + SITE_SEED_STEP * site.stream,
                first_day=last_day - timedelta(days=days),
                days=days,
                ahead_days=AHEAD_DAYS,
                reserve_ids=writer.reserve_ids,
            )
            for chunk in chunks:
                for batch in chunk.batches:
                    writer.write(batch)
                    counts[batch.table] += len(batch)
                if progress is not None:
                    progress(WRITING_SHARE * (k + chunk.fraction) / len(plan))
    if training:
        seed_training(db, until.astimezone(ZoneInfo(plan[0][0].timezone)).date(), days)
    seed_coaching(db, until, seed)
    seed_quality(db, seed=seed, until=until, days=days)
    written = time.perf_counter() - started
    # The history's KPI summaries, as any writer keeps them: a first report reads, not builds.
    kept = keep_summaries(db, now=until, progress=_after_writing(progress))
    if progress is not None:
        progress(1.0)
    return SeedSummary(
        days=days,
        agents=sum(a for _, a, _ in plan),
        queues=sum(q for _, _, q in plan),
        contacts=counts["contacts"],
        state_spans=counts["agent_state_spans"],
        shifts=counts["shifts"],
        seconds=written,
        sites=tuple(s.name for s, _, _ in plan),
        summarised_days=kept.days,
        summary_seconds=kept.seconds,
    )


def _after_writing(progress: Callable[[float], None] | None) -> Callable[[float], None] | None:
    """The summaries' share of the seed's progress: what follows the writing."""
    if progress is None:
        return None
    return lambda fraction: progress(WRITING_SHARE + (1 - WRITING_SHARE) * fraction)


def site_plan(sites: int, agents: int, queues: int) -> list[tuple[DemoSite, int, int]]:
    """(site, agents, queues) of each demo site: the first has ``agents`` and ``queues``,
    a second half as many (at least one of each)."""
    if sites == 1:
        return [(ONE_SITE, agents, queues)]
    first, second = DEMO_SITES
    return [(first, agents, queues), (second, max(1, agents // 2), max(1, queues // 2))]
