"""Which local days a KPI report must summarise: days with data, found without visiting the rest.

A report over 2000–2100 must cost what its data costs, so the days to build
are never listed from the calendar. From a cursor, one indexed probe per
table that feeds a KPI (contacts by arrival, state spans and published shifts
by start) finds the next instant with data; its local day is taken, and the
cursor jumps past it, or past the run of days already kept, which cost one
probe in all. A stretch with nothing in it costs one probe, whatever its
length. The day after a day with data is taken too: a state span or shift
that starts before midnight runs into it (an agent's time on a day with no
arrival and nothing starting in it), also when that day with data was kept
before (the day after a run of kept days is probed for). Spans and shifts count up to ``now`` only,
as agent time does. Days to build are then grouped into
stretches built a few statements at a time (``kpi_rollup_build.build_days``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.kpi.scope import KpiFilter
from supervisor_app.store.models import AgentStateSpan, Contact, Shift

STRETCH_DAYS = 31  # days built by one set of statements at most (bounds memory, paces progress)
GAP_DAYS = 7  # days without data inside a stretch cost nothing to summarise, so bridge short gaps


def days_to_build(
    session: Session,
    span: tuple[date, date, ZoneInfo],
    kept: set[date],
    narrow: KpiFilter,
    now: datetime,
) -> list[date]:
    """Days of ``first..last`` with data (and the day after each) that are not in ``kept``.

    Agent time is read up to ``now`` only, so spans and shifts after it (a
    published plan for next week) don't make a day worth summarising."""
    first, last, zone = span
    if first > last:
        return []
    end = local_day_bounds(last, zone)[1]
    cursor = local_day_bounds(first, zone)[0]
    out: list[date] = []
    while cursor < end:
        found = _next_instant(session, cursor, (end, min(end, now)), narrow)
        if found is None:
            break
        day = max(found.astimezone(zone).date(), first)
        if day in kept:  # a run of kept days: probe again after it
            while day in kept:
                day += timedelta(days=1)
            if day <= last and _starts_on(session, day - timedelta(days=1), zone, now, narrow):
                out.append(day)  # what starts on the run's last day may run into this one
            cursor = local_day_bounds(day, zone)[0]
            continue
        for d in (day, day + timedelta(days=1)):
            if d <= last and d not in kept and (not out or out[-1] < d):
                out.append(d)
        cursor = local_day_bounds(day, zone)[1]
    return out


def stretches(days: list[date]) -> Iterator[tuple[date, date]]:
    """Sorted days as (first, last) stretches: gaps up to ``GAP_DAYS`` bridged, at most
    ``STRETCH_DAYS`` long."""
    if not days:
        return
    a = b = days[0]
    for d in days[1:]:
        if (d - b).days <= GAP_DAYS and (d - a).days < STRETCH_DAYS:
            b = d
            continue
        yield a, b
        a = b = d
    yield a, b


def _starts_on(
    session: Session, day: date, zone: ZoneInfo, now: datetime, narrow: KpiFilter
) -> bool:
    """Whether anything a KPI reads starts on local ``day`` (agent time up to ``now``)."""
    start, end = local_day_bounds(day, zone)
    return _next_instant(session, start, (end, min(end, now)), narrow) is not None


def _next_instant(
    session: Session, cursor: datetime, ends: tuple[datetime, datetime], narrow: KpiFilter
) -> datetime | None:
    """The first arrival in [cursor, end), or state span or published shift start in
    [cursor, agent_end)."""
    end, agent_end = ends
    probes: list[Any] = [
        select(Contact.arrived_at)
        .where(
            Contact.arrived_at >= cursor,
            Contact.arrived_at < end,
            *narrow.site_queues(Contact.queue_id),
        )
        .order_by(Contact.arrived_at),
        select(AgentStateSpan.started_at)
        .where(
            AgentStateSpan.started_at >= cursor,
            AgentStateSpan.started_at < agent_end,
            *narrow.agents(AgentStateSpan.agent_id),
        )
        .order_by(AgentStateSpan.started_at),
        select(Shift.starts_at)
        .where(
            Shift.starts_at >= cursor,
            Shift.starts_at < agent_end,
            Shift.status == ShiftStatus.PUBLISHED,
            *narrow.agents(Shift.agent_id),
        )
        .order_by(Shift.starts_at),
    ]
    found = [session.scalar(p.limit(1)) for p in probes]
    present = [f for f in found if f is not None]
    return min(present) if present else None
