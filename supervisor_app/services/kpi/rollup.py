"""The KPI report from per-day rollups: the same sums and percentiles, without rescanning months.

A local day is rolled up (``kpi_rollup_build``) the first time a report asks
for it once it is settled: it has ended and so has the FCR window after it
(72 h), so live traffic no longer changes it. The rollup is kept and reused
while the versions of the UTC days it read are unchanged (``kpi_rollup_store``:
triggers on every table behind a KPI bump them, whoever writes). Days not yet
settled (today, the last three) are summarised the same way on the fly and
not kept. A report then sums the cells of its days in SQL, maps them to its
groups and merges their sorted values for exact percentiles (``kpi_rollup_read``).

Cells are kept at two grains: (quarter-hour, queue) for queue, time and "all"
rows, (queue, answering agent) for agent and team rows and for team filters;
agent time per quarter-hour and per agent. A team filter grouped by interval
has no grain to read and goes the raw way (``rollup_parts`` returns None).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.periods import BUCKET_SECONDS, Grouping
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.database import Database
from supervisor_app.services.kpi.buckets import TimeLayout
from supervisor_app.services.kpi.fcr import FCR_WINDOW
from supervisor_app.services.kpi.people import Totals, merge
from supervisor_app.services.kpi.percentiles import Percentiles
from supervisor_app.services.kpi.rollup_build import BY_AGENT, BY_BUCKET, DayRollup, build_day
from supervisor_app.services.kpi.rollup_read import (
    CellQuery,
    Place,
    ValueMerger,
    contact_cells,
    time_cells,
    value_cells,
)
from supervisor_app.services.kpi.rollup_store import (
    dependencies,
    ensure_versions,
    has_rollups,
    store_day,
    valid_days,
    version_sum,
)
from supervisor_app.services.kpi.scope import KpiFilter, prepare_session
from supervisor_app.services.kpi.sums import QualitySums
from supervisor_app.store.models import Agent

Found = dict[tuple[Any, ...], tuple[ContactSums, QualitySums]]
Parts = tuple[Found, dict[tuple[Any, ...], Percentiles], Totals]


def settled(day: date, zone: ZoneInfo, now: datetime) -> bool:
    return local_day_bounds(day, zone)[1] + FCR_WINDOW <= now


def rollup_parts(
    db: Database,
    session: Session,
    by: Grouping,
    span: tuple[date, date, ZoneInfo],
    layout: TimeLayout | None,
    narrow: KpiFilter,
    now: datetime,
) -> Parts | None:
    """(contact sums, percentiles, agent time) per group key, as the raw queries give them;
    None when this report is better read raw (nothing settled, or no grain fits)."""
    first, last, zone = span
    by_agent = by in (Grouping.AGENT, Grouping.TEAM) or narrow.team_ids is not None
    if (by_agent and by is Grouping.INTERVAL) or not has_rollups(db):
        return None
    days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    kept = [d for d in days if settled(d, zone, now)]
    if not kept:
        return None
    try:
        stored = refresh(db, kept, zone, now)
    except DBAPIError:  # e.g. a user who may only read: no rollups for them
        return None
    live = [build_day(session, d, zone, now) for d in days if d not in stored]
    team_of = {a: t for a, t in session.execute(select(Agent.id, Agent.team_id))}
    key_of = _key_function(by, layout, team_of, zone)
    q = CellQuery(
        days=tuple(sorted(stored)),
        grain=BY_AGENT if by_agent else BY_BUCKET,
        by=_contact_places(by, by_agent),
        queue_ids=narrow.queue_ids,
        team_ids=narrow.team_ids,
        answered_only=by_agent,
    )
    found: Found = {}
    for place, sums, quality in [*contact_cells(session, q), *_live_contacts(live, q, team_of)]:
        key = key_of(place)
        if key in found:
            sums, quality = found[key][0] + sums, found[key][1] + quality
        found[key] = (sums, quality)
    merger = ValueMerger()
    for place, waits, handles in [*value_cells(session, q), *_live_values(live, q, team_of)]:
        merger.add(key_of(place), waits, handles)
    agent_time: Totals = {}
    if by is not Grouping.QUEUE and narrow.agent_time:
        per_agent = by_agent
        tq = replace(q, by=_time_places(by, per_agent))
        for place, seconds in [
            *time_cells(session, tq, per_agent),
            *_live_time(live, tq, per_agent, team_of),
        ]:
            merge(agent_time, {key_of(place): seconds})
    return found, merger.percentiles(), agent_time


def refresh(db: Database, days: list[date], zone: ZoneInfo, now: datetime) -> set[date]:
    """Build and keep every settled day that has no valid rollup; the days now kept."""
    bounds = {d: local_day_bounds(d, zone) for d in days}
    ensure_versions(db, dependencies(*bounds[days[0]])[0], dependencies(*bounds[days[-1]])[1])
    with db.sessions() as session:
        valid = valid_days(session, days[0], days[-1])
    stored = set(valid)
    for day in days:
        if day in valid:
            continue
        deps = dependencies(*bounds[day])
        with db.sessions() as session:
            prepare_session(session)
            built_from = version_sum(session, *deps)  # before the data: see kpi_rollup_store
            rollup = build_day(session, day, zone, now)
        if store_day(db, rollup, deps, built_from):
            stored.add(day)
    return stored


def _contact_places(by: Grouping, by_agent: bool) -> tuple[str, ...]:
    if by is Grouping.QUEUE:
        return ("queue_id",)
    if by in (Grouping.AGENT, Grouping.TEAM):
        return ("agent_id",)
    if by is Grouping.ALL:
        return ()
    return ("day",) if by_agent else ("day", "bucket")


def _time_places(by: Grouping, per_agent: bool) -> tuple[str, ...]:
    if by in (Grouping.AGENT, Grouping.TEAM):
        return ("agent_id",)
    if by is Grouping.ALL:
        return ()
    return ("day",) if per_agent else ("day", "bucket")


def _key_function(
    by: Grouping, layout: TimeLayout | None, team_of: dict[int, int | None], zone: ZoneInfo
) -> Any:
    if by is Grouping.QUEUE:
        return lambda p: (p[2],)
    if by is Grouping.AGENT:
        return lambda p: (p[3],)
    if by is Grouping.TEAM:
        return lambda p: (team_of.get(p[3]),)
    if layout is None:
        return lambda p: ()
    groups = layout.bucket_groups()
    offsets: dict[date, int] = {}

    def key(p: Place) -> tuple[int]:
        day = p[0]
        if day not in offsets:
            seconds = (local_day_bounds(day, zone)[0] - layout.start).total_seconds()
            offsets[day] = int(seconds) // BUCKET_SECONDS
        return (groups[offsets[day] + (p[1] or 0)],)

    return key


def _place(q_by: tuple[str, ...], day: date, bucket: Any, queue_id: Any, agent_id: Any) -> Place:
    values = {"day": day, "bucket": bucket, "queue_id": queue_id, "agent_id": agent_id}
    return tuple(
        values[n] if n in q_by else None for n in ("day", "bucket", "queue_id", "agent_id")
    )  # type: ignore[return-value]


def _kept(q: CellQuery, queue_id: Any, agent_id: Any, team_of: dict[int, int | None]) -> bool:
    if q.queue_ids is not None and queue_id not in q.queue_ids:
        return False
    if q.answered_only and agent_id is None:
        return False
    return q.team_ids is None or (agent_id in team_of and team_of[agent_id] in q.team_ids)


def _live_contacts(
    live: list[DayRollup], q: CellQuery, team_of: dict[int, int | None]
) -> list[Any]:
    return [
        (_place(q.by, r.day, c.bucket, c.queue_id, c.agent_id), c.contacts, c.quality)
        for r in live
        for c in r.contacts
        if c.grain == q.grain and _kept(q, c.queue_id, c.agent_id, team_of)
    ]


def _live_values(live: list[DayRollup], q: CellQuery, team_of: dict[int, int | None]) -> list[Any]:
    return [
        (
            _place(q.by, r.day, c.bucket, c.queue_id, c.agent_id),
            c.waits.tobytes(),
            c.handles.tobytes(),
        )
        for r in live
        for c in r.contacts
        if c.grain == q.grain and _kept(q, c.queue_id, c.agent_id, team_of)
    ]


def _live_time(
    live: list[DayRollup], q: CellQuery, per_agent: bool, team_of: dict[int, int | None]
) -> list[Any]:
    out = []
    for r in live:
        for t in r.agent_time:
            if per_agent != (t.agent_id is not None):
                continue
            if per_agent and q.team_ids is not None and team_of.get(t.agent_id) not in q.team_ids:  # type: ignore[arg-type]
                continue
            seconds = {n: float(t.seconds.get(n, 0.0)) for n in _TIME}
            out.append((_place(q.by, r.day, t.bucket, None, t.agent_id), seconds))
    return out


_TIME = ("handling_seconds", "available_seconds", "scheduled_seconds", "adherent_seconds")
