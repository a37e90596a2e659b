"""Rebuilding kept rollup days inside a change's own transaction.

A change to what past figures mean (a queue's targets from a date) bumps the
versions of the days it touches through the triggers, which alone would have
the next report rebuild them. Rebuilding them in the change's transaction
instead keeps a rollup from ever being read stale, and the report that follows
as quick as before: the new rows commit, or roll back, with the change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.kpi.rollup_build import build_days
from supervisor_app.services.kpi.rollup_plan import stretches
from supervisor_app.services.kpi.rollup_store import (
    dependencies,
    valid_days,
    version_sums,
    write_days,
)
from supervisor_app.services.kpi.scope import KpiFilter
from supervisor_app.services.sites import sites_in
from supervisor_app.store.models import KpiRollupDay


def rebuild_rollup_days(
    session: Session, first: date, last: date | None, *, now: datetime | None = None
) -> list[date]:
    """Rebuild, in ``session``'s transaction, every kept rollup day from ``first`` to
    ``last`` (None: every later day) whose versions no longer match, of every site; the
    days rebuilt.

    Call it after flushing the change: the versions and the data are then read in
    the same transaction, so the stored sum matches what the rollup was built from.
    """
    session.flush()
    now = now or datetime.now(UTC)
    sites = sites_in(session)
    rebuilt: set[date] = set()
    for site in sites:
        query = select(KpiRollupDay.day).where(
            KpiRollupDay.site_id == site.site_id, KpiRollupDay.day >= first
        )
        if last is not None:
            query = query.where(KpiRollupDay.day <= last)
        kept = sorted(session.scalars(query))
        if not kept:
            continue
        valid = valid_days(session, site.site_id, kept[0], kept[-1])
        stale = [d for d in kept if d not in valid]
        zone = ZoneInfo(site.timezone)  # the zone the site keeps its days in
        narrow = KpiFilter(site_id=site.site_id if len(sites) > 1 else None)
        for a, b in stretches(stale):
            built = [r for r in build_days(session, a, b, zone, now, narrow) if r.day in stale]
            deps = [dependencies(*local_day_bounds(r.day, zone)) for r in built]
            sums = version_sums(session, deps)
            write_days(session, site.site_id, list(zip(built, deps, sums, strict=True)))
        rebuilt.update(stale)
    return sorted(rebuilt)
