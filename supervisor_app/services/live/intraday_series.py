"""Today interval by interval: offered against forecast, service level, agents available.

The Live tab's intraday chart. Every figure is summed in SQL, grouped by
interval index (UTC seconds from local midnight divided by the interval
length, which is how ``domain.timeutil.interval_starts`` lays intervals out,
DST days included), so the work stays bounded whatever the size of the floor:
contacts are never loaded, and agent state spans come back as one row per
(first interval, last interval) pair, spread over the intervals here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from supervisor_app.domain import kpi
from supervisor_app.domain.enums import WORKING
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.reforecast import reforecast
from supervisor_app.domain.timeutil import business_day_of, interval_starts, local_day_bounds
from supervisor_app.services.contact_sums import (
    grouped_sums,
    interval_filters,
    interval_index,
)
from supervisor_app.services.database import Database
from supervisor_app.services.live.waiting_history import waiting_last_hour
from supervisor_app.services.sites import sites_in, the_site, variant_of
from supervisor_app.services.targets import targets_on, targets_table
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    AgentStateSpan,
    Contact,
    Forecast,
    Queue,
)
from supervisor_app.store.sqlfunc import floor_int, instant, seconds_between


@dataclass(frozen=True, slots=True)
class IntervalPoint:
    start: datetime
    offered: int
    forecast: float | None
    service_level: float | None
    service_level_target: float | None
    agents_available: float


@dataclass(frozen=True, slots=True)
class IntradaySeries:
    day_start: datetime
    interval_minutes: int
    timezone: str
    points: tuple[IntervalPoint, ...]
    waiting_last_hour: tuple[tuple[datetime, int], ...]
    # The intervals after the one under way: (start, forecast, reforecast at today's level
    # so far, ``domain.reforecast``; None until there is enough to go on).
    rest: tuple[tuple[datetime, float | None, float | None], ...] = ()


def intraday(
    db: Database,
    *,
    queue_ids: frozenset[int] | None = None,
    team_ids: frozenset[int] | None = None,
    now: datetime | None = None,
    site_id: int | None = None,
) -> IntradaySeries:
    """Today's intervals at ``site_id`` up to the one holding ``now`` (default: the clock).

    ``site_id`` may be left out only where the database has one site. With
    several, no queue filter means the site's queues (and agents skilled for them).

    ``queue_ids`` keeps those queues' contacts and forecasts and the agents
    skilled for them; ``team_ids`` keeps those teams' agents and the contacts
    they handled (waiting contacts, handled by nobody yet, are those of the
    queues the teams are skilled for).
    """
    now = now or datetime.now(UTC)
    with db.reading() as session:  # the replica, when there is one
        site = the_site(session, site_id)
        if queue_ids is None and len(sites_in(session)) > 1:
            queue_ids = frozenset(session.scalars(select(Queue.id).where(Queue.site_id == site.id)))
        zone = ZoneInfo(site.timezone)
        day = business_day_of(now, zone)
        day_start, day_end = local_day_bounds(day, zone)
        day_starts = interval_starts(day, zone, site.interval_minutes)
        starts = [s for s in day_starts if s <= now]
        step = site.interval_minutes * 60.0
        site_queues = select(Queue.id).where(
            Queue.site_id == site.id,
            *([Queue.id.in_(sorted(queue_ids))] if queue_ids is not None else []),
        )
        in_force = targets_on(session, day, list(session.scalars(site_queues)))
        targets = {q: t.service_level_target for q, t in in_force.items()}
        handled_by = None if team_ids is None else _agent_filter(None, team_ids)
        contacts = _contacts(session, day_start, now, step, targets.keys(), handled_by)
        forecast = _forecast(session, day_start, day_end, step, targets.keys())
        horizon = min(now, day_end)
        available = _working_seconds(
            session, day_start, horizon, step, len(starts), _agent_filter(queue_ids, team_ids)
        )
        single = next(iter(targets.values())) if len(targets) == 1 else None
        points = []
        for k, start in enumerate(starts):
            length = (min(start + timedelta(seconds=step), horizon) - start).total_seconds()
            sums, by_offered = contacts.get(k, (ContactSums(), None))
            volume, by_volume = forecast.get(k, (None, None))
            points.append(
                IntervalPoint(
                    start=start,
                    offered=sums.offered,
                    forecast=volume,
                    service_level=kpi.service_level(sums, variant_of(site.service_level_variant)),
                    service_level_target=single or by_offered or by_volume,
                    agents_available=available[k] / length if length > 0 else 0.0,
                )
            )
        waiting_queues = _waiting_queues(queue_ids, team_ids, targets.keys())
        return IntradaySeries(
            day_start=day_start,
            interval_minutes=site.interval_minutes,
            timezone=site.timezone,
            points=tuple(points),
            waiting_last_hour=waiting_last_hour(session, now, waiting_queues),
            rest=_rest_of_day(day_starts, points, forecast),
        )


def _rest_of_day(
    day_starts: list[datetime],
    points: list[IntervalPoint],
    forecast: dict[int, tuple[float, float | None]],
) -> tuple[tuple[datetime, float | None, float | None], ...]:
    """The intervals after the one under way, with their forecast and reforecast: the
    level is read from the closed intervals (all points but the last, still open)."""
    volumes = [forecast.get(k, (None, None))[0] for k in range(len(day_starts))]
    actual: list[float | None] = [float(p.offered) for p in points[:-1]]
    now_index = max(len(points) - 1, 0)
    again = reforecast(
        [v or 0.0 for v in volumes], actual + [None] * (len(day_starts) - len(actual)), now_index
    )
    return tuple((day_starts[k], volumes[k], again[k]) for k in range(len(points), len(day_starts)))


def _agent_filter(queue_ids: frozenset[int] | None, team_ids: frozenset[int] | None) -> Select[Any]:
    """Ids of the agents the chart counts: in the teams, and skilled for the queues."""
    query = select(Agent.id)
    if team_ids is not None:
        query = query.where(Agent.team_id.in_(sorted(team_ids)))
    if queue_ids is not None:
        skilled = select(AgentSkill.agent_id).where(AgentSkill.queue_id.in_(sorted(queue_ids)))
        query = query.where(Agent.id.in_(skilled))
    return query


def _waiting_queues(
    queue_ids: frozenset[int] | None, team_ids: frozenset[int] | None, site_queues: Iterable[int]
) -> Select[Any] | list[int]:
    if team_ids is None:
        return sorted(site_queues)
    served = select(AgentSkill.queue_id).join(Agent, Agent.id == AgentSkill.agent_id)
    served = served.where(Agent.team_id.in_(sorted(team_ids)))
    if queue_ids is not None:
        served = served.where(AgentSkill.queue_id.in_(sorted(queue_ids)))
    return served


def _contacts(
    session: Session,
    day_start: datetime,
    now: datetime,
    step: float,
    queues: Iterable[int],
    handled_by: Select[Any] | None,
) -> dict[int, tuple[ContactSums, float | None]]:
    """Per interval: the contact sums, and the queues' targets weighted by contacts offered.

    The weighted target is the mean over the interval's contacts of their
    queue's target, taken in the same pass as the sums.
    """
    index = interval_index(day_start, Contact.arrived_at, step)
    where = interval_filters(day_start, now + timedelta(microseconds=1), list(queues), handled_by)
    targets = targets_table(session, start=day_start, end=now + timedelta(microseconds=1))
    target = func.avg(targets.c.sl_target_percent / 100.0)
    rows = grouped_sums(session, [index], *where, extra=[target], targets=targets)
    return {k: (sums, None if t is None else float(t)) for (k,), sums, (t,) in rows}


def _forecast(
    session: Session, day_start: datetime, day_end: datetime, step: float, queues: Iterable[int]
) -> dict[int, tuple[float, float | None]]:
    """Per interval: forecast volume, and the queues' targets weighted by it.

    The weighted target stands in for intervals nobody has called in yet.
    """
    index = interval_index(day_start, Forecast.interval_start, step)
    volume = func.sum(Forecast.volume)
    targets = targets_table(session, start=day_start, end=day_end)
    weighted = func.sum(Forecast.volume * targets.c.sl_target_percent / 100.0)
    query = (
        select(index, volume, weighted)
        .join(
            targets,
            and_(
                targets.c.queue_id == Forecast.queue_id,
                Forecast.interval_start >= targets.c.starts_at,
                Forecast.interval_start < targets.c.ends_at,
            ),
        )
        .where(
            Forecast.interval_start >= day_start,
            Forecast.interval_start < day_end,
            Forecast.queue_id.in_(sorted(queues)),
        )
        .group_by(index)
    )
    return {
        k: (float(v), float(w) / float(v) if v else None)
        for k, v, w in session.connection().execute(query).all()
    }


def _working_seconds(
    session: Session,
    day_start: datetime,
    horizon: datetime,
    step: float,
    intervals: int,
    agents: Select[Any] | None,
) -> list[float]:
    """Agent-seconds in a working state per interval, from ``day_start`` up to ``horizon``.

    Each span is clipped to [day_start, horizon]; SQL groups them by the
    interval their start and their end fall in, with the sums of their offsets
    from midnight. A group that starts and ends in one interval adds the
    difference there; a longer one adds the part up to its first boundary, a
    whole interval for each between, and the part after its last boundary.
    """
    working = AgentStateSpan.state.in_(WORKING)
    ended = AgentStateSpan.ended_at
    end = case((or_(ended.is_(None), ended > horizon), instant(horizon)), else_=ended)
    # Offsets from midnight are computed inside each branch of the UNION: the
    # outer query then reads them as values instead of recomputing them per use.
    end_off = seconds_between(instant(day_start), end)
    today = select(
        seconds_between(instant(day_start), AgentStateSpan.started_at).label("s"),
        end_off.label("e"),
    )
    today = today.where(
        AgentStateSpan.started_at >= day_start, AgentStateSpan.started_at < horizon, working
    )
    # The span each agent was in at midnight, if a working one: as a correlated
    # look-up per agent, so no planner can turn it into a scan of every span.
    at_midnight = (
        select(case((and_(working, or_(ended.is_(None), ended > day_start)), end_off)))
        .where(AgentStateSpan.agent_id == Agent.id, AgentStateSpan.started_at < day_start)
        .order_by(AgentStateSpan.started_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    straddling = select(literal(0.0).label("s"), at_midnight.label("e"))
    if agents is not None:
        today = today.where(AgentStateSpan.agent_id.in_(agents))
        straddling = straddling.where(Agent.id.in_(agents))
    straddling = straddling.select_from(Agent)
    spans = today.union_all(straddling).subquery()
    ks = floor_int(spans.c.s / step)
    ke = floor_int(spans.c.e / step)
    query = select(ks, ke, func.count(), func.sum(spans.c.s), func.sum(spans.c.e))
    query = query.group_by(ks, ke)
    seconds = [0.0] * intervals
    for first, last, n, s_sum, e_sum in session.execute(query):
        if last is None:
            continue  # agents not working at midnight
        _spread(seconds, first, last, n, float(s_sum), float(e_sum), step)
    return seconds


def _spread(
    seconds: list[float], first: int, last: int, n: int, s_sum: float, e_sum: float, step: float
) -> None:
    """Add ``n`` spans from interval ``first`` to interval ``last`` to ``seconds``."""
    count = len(seconds)
    if first == last:
        if 0 <= first < count:
            seconds[first] += e_sum - s_sum
        return
    if 0 <= first < count:
        seconds[first] += n * (first + 1) * step - s_sum
    for k in range(max(first + 1, 0), min(last, count)):
        seconds[k] += n * step
    if 0 <= last < count:
        seconds[last] += e_sum - n * last * step
