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
from supervisor_app.services.kpi.rollup_build import build_day
from supervisor_app.services.kpi.rollup_store import (
    dependencies,
    valid_days,
    version_sum,
    write_day,
)
from supervisor_app.services.sites import sites_in
from supervisor_app.store.models import KpiRollupDay


def rebuild_rollup_days(
    session: Session, first: date, last: date | None, *, now: datetime | None = None
) -> list[date]:
    """Rebuild, in ``session``'s transaction, every kept rollup day from ``first`` to
    ``last`` (None: every later day) whose versions no longer match; the days rebuilt.

    Call it after flushing the change: the versions and the data are then read in
    the same transaction, so the stored sum matches what the rollup was built from.
    """
    session.flush()
    now = now or datetime.now(UTC)
    query = select(KpiRollupDay.day).where(KpiRollupDay.day >= first)
    if last is not None:
        query = query.where(KpiRollupDay.day <= last)
    kept = sorted(session.scalars(query))
    if not kept:
        return []
    stale = [d for d in kept if d not in valid_days(session, kept[0], kept[-1])]
    if not stale:
        return []
    sites = sites_in(session)
    if len(sites) != 1:
        return []  # with several sites the reports read the raw tables, never the rollups
    zone = ZoneInfo(sites[0].timezone)  # the zone the reports keep days in
    for day in stale:
        deps = dependencies(*local_day_bounds(day, zone))
        built_from = version_sum(session, *deps)
        write_day(session, build_day(session, day, zone, now), deps, built_from)
    return stale
