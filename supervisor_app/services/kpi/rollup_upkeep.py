"""Summaries kept as the history is written, so a report reads them instead of building them.

A report summarises the ended days it needs and has no valid summary for
(``rollup.refresh``). For a director's first quarter that is most of the cost
of the report: a quarter of a small center, or a week of a 2,000-agent one,
takes tens of seconds to summarise from the raw rows, whereas reading the
summaries takes milliseconds. So whoever writes history summarises it when
it is written, once per day and set-based, with the very build a report runs:
the demo seed after its load, the live simulator when a local day ends (and
every simulated hour, for the three days before whose FCR today's repeats
change), an import after it commits, and ``db summarise`` for anything written
by other means (``psql``, an outside loader). A report then only builds what
changed since: a day written to after it was summarised (its version moved,
``rollup_store``), or a database whose writers never summarised it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from supervisor_app.services.database import Database
from supervisor_app.services.kpi.rollup import last_ended, refresh
from supervisor_app.services.kpi.rollup_store import has_rollups, valid_days
from supervisor_app.services.kpi.scope import KpiFilter
from supervisor_app.services.sites import SiteRef, sites_in
from supervisor_app.store.models import AgentStateSpan, Contact, Shift


@dataclass(frozen=True, slots=True)
class KeptSummaries:
    """What one upkeep did: the days it summarised (every site) and how long it took;
    ``refused``: the database's reason when it would not let this login keep them."""

    days: int
    seconds: float
    refused: str | None = None

    def text(self) -> str:
        """How every command and the import wizard say what was kept."""
        return f"KPI summaries of {self.days} site-days kept in {self.seconds:.1f} s"


def keep_summaries(
    db: Database, *, now: datetime | None = None, progress: Callable[[float], None] | None = None
) -> KeptSummaries:
    """Summarise every site's ended local days that have data and no valid summary.

    Days without data are never visited and days still valid are skipped, so
    calling it again costs a few indexed probes per site. ``progress`` hears
    the fraction of the sites done (and within a site, of its days). A
    database without the rollup tables or their triggers keeps nothing.
    """
    now = now or datetime.now(UTC)
    started = time.perf_counter()
    if not has_rollups(db):
        return KeptSummaries(0, 0.0)
    with db.sessions() as session:
        sites = sites_in(session)
        earliest = _earliest(session)
    if earliest is None:  # no history at all
        return KeptSummaries(0, time.perf_counter() - started)
    built = 0
    try:
        for k, site in enumerate(sites):
            step = _site_progress(progress, k, len(sites))
            built += _keep_site(db, site, earliest, now, several=len(sites) > 1, progress=step)
    except DBAPIError as exc:  # e.g. a login whose role may only read
        reason = str(exc.orig).strip().splitlines()[0]
        return KeptSummaries(built, time.perf_counter() - started, reason)
    if progress is not None:
        progress(1.0)
    return KeptSummaries(built, time.perf_counter() - started)


def _keep_site(
    db: Database,
    site: SiteRef,
    earliest: datetime,
    now: datetime,
    *,
    several: bool,
    progress: Callable[[float], None] | None,
) -> int:
    zone = ZoneInfo(site.timezone)
    first, last = earliest.astimezone(zone).date(), last_ended(zone, now)
    if last < first:
        return 0
    with db.sessions() as session:
        before = len(valid_days(session, site.site_id, first, last))
    narrow = KpiFilter(site_id=site.site_id if several else None)
    kept = refresh(db, site.site_id, (first, last, zone), now, narrow, progress)
    return 0 if kept is None else len(kept[0]) - before


def _earliest(session: Session) -> datetime | None:
    """The first instant any KPI reads: an arrival, a state span's or a shift's start."""
    found = [
        session.scalar(select(func.min(Contact.arrived_at))),
        session.scalar(select(func.min(AgentStateSpan.started_at))),
        session.scalar(select(func.min(Shift.starts_at))),
    ]
    present = [f for f in found if f is not None]
    return min(present) if present else None


def _site_progress(
    progress: Callable[[float], None] | None, k: int, n: int
) -> Callable[[float], None] | None:
    if progress is None:
        return None
    return lambda fraction: progress((k + fraction) / n)


class SummaryUpkeep:
    """``keep_summaries`` at most once every ``every`` seconds of a writer's own clock (the
    simulator's, or the wall clock of a follower), so a long-running writer keeps each day
    as it ends and the three days before it as today's repeats change their FCR.

    ``background=True`` keeps them on a thread of its own (one at a time), so a live
    feed is not held up while a large center's days are summarised (seconds a day);
    ``close`` waits for it. A failure there is the next tick's to retry: the reports
    build whatever is missing meanwhile.
    """

    def __init__(self, db: Database, every: float = 3_600.0, *, background: bool = False) -> None:
        self.db, self.every, self.background = db, every, background
        self.last: float | None = None
        self._thread: threading.Thread | None = None

    def tick(self, at: datetime) -> KeptSummaries | None:
        """Keep the summaries if ``every`` has passed since the last time; what was kept, or
        None (not due, or started in the background)."""
        t = at.timestamp()
        if self.last is not None and t - self.last < self.every:
            return None
        if self._thread is not None and self._thread.is_alive():
            return None  # the last one is still at it: try again at the next tick
        self.last = t
        if not self.background:
            return keep_summaries(self.db, now=at)
        self._thread = threading.Thread(
            target=self._keep, args=(at,), name="kpi-summary-upkeep", daemon=True
        )
        self._thread.start()
        return None

    def _keep(self, at: datetime) -> None:
        try:
            keep_summaries(self.db, now=at)
        except Exception:  # a lost connection, say: the next tick tries again
            self.last = None

    def close(self) -> None:
        """Wait for a background upkeep still running (before the database is closed)."""
        if self._thread is not None:
            self._thread.join()
