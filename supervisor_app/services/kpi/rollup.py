"""The KPI report from per-day rollups: the same sums and percentiles, without rescanning months.

Each site keeps its own local days, in its own zone. A day is rolled up
(``kpi_rollup_build``) the first time a report asks for it once it has ended,
with the other days of the range that have data, a stretch at a time; days
with no data are never visited (``kpi_rollup_plan``). The rollup is kept and
reused while the versions of the UTC days it read (its own and the 72 h FCR
window after it) are unchanged (``kpi_rollup_store``: triggers on every table
behind a KPI bump them, whoever writes), so a repeat arriving today makes the
last three days be built again by the next report. Today is summarised the
same way on the fly and not kept. A report then sums the cells of its days in
SQL, maps them to its groups and merges their sorted values for exact
percentiles (``kpi_rollup_read``).

Cells are kept at three grains: (quarter-hour, queue) for interval rows, queue
for queue, "all", day, week and month rows, (queue, answering agent) for agent
and team rows and for team filters;
agent time per quarter-hour and per agent. A team filter grouped by interval
has no grain to read and goes the raw way (``rollup_parts`` returns None).
"""

from __future__ import annotations

from collections.abc import Callable
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
from supervisor_app.services.kpi.people import Totals, merge
from supervisor_app.services.kpi.percentiles import Percentiles
from supervisor_app.services.kpi.rollup_build import (
    BY_AGENT,
    BY_BUCKET,
    BY_DAY,
    DayRollup,
    build_days,
)
from supervisor_app.services.kpi.rollup_plan import days_to_build, stretches
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
    store_days,
    valid_days,
    version_sums,
)
from supervisor_app.services.kpi.scope import KpiFilter, prepare_session
from supervisor_app.services.kpi.sums import QualitySums
from supervisor_app.services.security import site_limited
from supervisor_app.store.models import Agent

Found = dict[tuple[Any, ...], tuple[ContactSums, QualitySums]]
Parts = tuple[Found, dict[tuple[Any, ...], Percentiles], Totals]
Progress = Callable[[float], None]


def last_ended(zone: ZoneInfo, now: datetime) -> date:
    """The last local day that has ended at ``now``: every day up to it is kept."""
    return now.astimezone(zone).date() - timedelta(days=1)


def rollup_parts(
    db: Database,
    session: Session,
    by: Grouping,
    span: tuple[date, date, ZoneInfo],
    layout: TimeLayout | None,
    narrow: KpiFilter,
    now: datetime,
    site_id: int,
    progress: Progress | None = None,
) -> Parts | None:
    """(contact sums, percentiles, agent time) per group key, as the raw queries give them;
    None when this report is better read raw (no day has ended, or no grain fits).

    ``site_id`` keys the site's kept days; ``narrow`` carries it too when the
    database has several sites (then the days are built from its queues and agents).
    """
    first, last, zone = span
    by_agent = by in (Grouping.AGENT, Grouping.TEAM) or narrow.team_ids is not None
    if (by_agent and by is Grouping.INTERVAL) or not has_rollups(db):
        return None
    ended = min(last, last_ended(zone, now))
    if ended < first:
        return None
    site = KpiFilter(site_id=narrow.site_id)
    # Building takes sessions of its own, for seconds or minutes: this one must not sit
    # idle in its transaction meanwhile (PostgreSQL ends such a session after a minute).
    session.rollback()
    try:
        kept = refresh(
            db, site_id, (first, ended, zone), now, site, progress, keep=not site_limited(session)
        )
    except DBAPIError:  # e.g. a user who may only read: no rollups for them
        return None
    if kept is None:  # a site-limited login keeps none: days not kept are read raw
        return None
    stored, live = kept
    prepare_session(session)  # the new transaction's settings
    if ended < last:  # today (and any later day with data), summarised on the fly, not kept
        # Probed from the last ended day: a shift or span that starts there and runs past
        # midnight makes the next day worth summarising even with nothing starting in it.
        probed = days_to_build(session, (ended, last, zone), set(), site, now)
        later = [d for d in probed if d > ended]
        for a, b in stretches(later):
            live += build_days(session, a, b, zone, now, site)
    team_of = {a: t for a, t in session.execute(select(Agent.id, Agent.team_id))}
    key_of = _key_function(by, layout, team_of, zone)
    q = CellQuery(
        site_id=site_id,
        days=tuple(sorted(stored)),
        grain=_grain(by, by_agent),
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


def refresh(
    db: Database,
    site_id: int,
    span: tuple[date, date, ZoneInfo],
    now: datetime,
    site: KpiFilter,
    progress: Progress | None = None,
    *,
    keep: bool = True,
) -> tuple[set[date], list[DayRollup]] | None:
    """Build and keep the site's days with data in ``first..last`` that have no valid
    rollup, a stretch at a time; (the days now kept, rollups built but not kept).

    ``keep=False`` (a site-limited login, which row-level security lets read its
    sites' summaries but keep none): None when a day would have to be built, since
    summarising days only to drop them costs more than the raw queries.

    Only days with data are visited (``kpi_rollup_plan``): a century with a
    month of contacts costs that month. ``progress`` hears the fraction of the
    days to build that are done.
    """
    first, last, zone = span
    with db.sessions() as session:
        valid = valid_days(session, site_id, first, last)
        todo = days_to_build(session, span, valid, site, now)
    if todo and not keep:
        return None
    stored, unkept = set(valid), []
    done = 0
    for a, b in stretches(todo):
        days = [a + timedelta(days=k) for k in range((b - a).days + 1)]
        deps = [dependencies(*local_day_bounds(d, zone)) for d in days]
        ensure_versions(db, deps[0][0], deps[-1][1])
        with db.sessions() as session:
            prepare_session(session)
            sums = version_sums(session, deps)  # before the data: see kpi_rollup_store
            rollups = build_days(session, a, b, zone, now, site)
        if store_days(db, site_id, list(zip(rollups, deps, sums, strict=True))):
            stored.update(days)
        else:
            unkept += rollups
        done += sum(1 for d in todo if a <= d <= b)
        if progress is not None:
            progress(done / len(todo))
    return stored, unkept


def _grain(by: Grouping, by_agent: bool) -> int:
    if by_agent:
        return BY_AGENT
    return BY_BUCKET if by is Grouping.INTERVAL else BY_DAY


def _contact_places(by: Grouping, by_agent: bool) -> tuple[str, ...]:
    if by is Grouping.QUEUE:
        return ("queue_id",)
    if by in (Grouping.AGENT, Grouping.TEAM):
        return ("agent_id",)
    if by is Grouping.ALL:
        return ()
    return ("day", "bucket") if by is Grouping.INTERVAL else ("day",)


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
