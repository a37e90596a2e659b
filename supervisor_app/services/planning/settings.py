"""The site and queue planning settings the forecast, coverage and capacity services share.

Holiday country: the site's ``site_planning.country_code`` when a planner set
one; otherwise derived from the site's time zone through the time-zone
database's ``zone.tab`` (Europe/London → GB, America/Chicago → US), which names
the one country each zone belongs to. A zone with no country (UTC) or no
``zone.tab`` on the machine means no holidays until the country is set.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.sites import the_site
from supervisor_app.services.targets import targets_on, targets_today
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Queue, QueuePlanning, SitePlanning

DEFAULT_SHRINKAGE = 0.3
DEFAULT_MAX_OCCUPANCY = 0.85
DEFAULT_FTE_HOURS = 40.0


@dataclass(frozen=True, slots=True)
class SiteInfo:
    site_id: int
    name: str
    timezone: str
    interval_minutes: int
    country_code: str | None  # as set, or derived from the zone; None: no holidays
    subdivision: str | None
    fte_weekly_hours: float


@dataclass(frozen=True, slots=True)
class QueuePlan:
    """A queue's targets as fractions and its planning parameters (defaults filled in)."""

    queue_id: int
    name: str
    service_level: float
    answer_seconds: float
    shrinkage: float
    max_occupancy: float
    patience_seconds: float | None
    deferred: bool = False  # email: answered when no call or chat waits (a backlog)


def load_site(session: Session, site_id: int | None) -> SiteInfo:
    """The site ``site_id`` (None: the only one) with its planning settings; a UserError
    when there is none, or several and none chosen (``sites.the_site``)."""
    site = the_site(session, site_id)
    plan = session.get(SitePlanning, site.id)
    country = plan.country_code if plan and plan.country_code else country_of_zone(site.timezone)
    return SiteInfo(
        site_id=site.id,
        name=site.name,
        timezone=site.timezone,
        interval_minutes=site.interval_minutes,
        country_code=country,
        subdivision=plan.subdivision if plan else None,
        fte_weekly_hours=float(plan.fte_weekly_hours) if plan else DEFAULT_FTE_HOURS,
    )


def load_queue_plans(
    session: Session,
    site_id: int,
    queue_ids: Collection[int] | None = None,
    on: date | None = None,
) -> list[QueuePlan]:
    """The site's queues (or those of ``queue_ids``) in name order, with planning defaults,
    and the targets in force on local day ``on`` (default: today in the queue's zone)."""
    query = (
        select(Queue, QueuePlanning)
        .outerjoin(QueuePlanning, QueuePlanning.queue_id == Queue.id)
        .where(Queue.site_id == site_id)
        .order_by(Queue.name)
    )
    if queue_ids is not None:
        query = query.where(Queue.id.in_(sorted(queue_ids)))
    rows = session.execute(query).all()
    ids = [q.id for q, _ in rows]
    in_force = targets_today(session, queue_ids=ids) if on is None else targets_on(session, on, ids)
    return [
        QueuePlan(
            queue_id=q.id,
            name=q.name,
            service_level=in_force[q.id].service_level_target,
            answer_seconds=float(in_force[q.id].threshold_seconds),
            shrinkage=p.shrinkage if p else DEFAULT_SHRINKAGE,
            max_occupancy=p.max_occupancy if p else DEFAULT_MAX_OCCUPANCY,
            patience_seconds=p.patience_seconds if p else None,
            deferred=Channel(q.channel) is Channel.EMAIL,
        )
        for q, p in rows
    ]


@cache
def _zone_countries() -> dict[str, str]:
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            out = {}
            for line in path.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) >= 3 and not line.startswith("#"):
                    out[parts[2]] = parts[0]
            return out
    return {}


def country_of_zone(zone: str) -> str | None:
    """ISO country of an IANA zone from ``zone.tab``, or None (UTC, unknown)."""
    return _zone_countries().get(zone)


def holidays_between(site: SiteInfo, first: date, last: date) -> dict[date, str]:
    """Public holidays of the site's country from ``first`` to ``last`` inclusive."""
    if site.country_code is None:
        return {}
    try:
        calendar = holidays.country_holidays(
            site.country_code, subdiv=site.subdivision, years=range(first.year, last.year + 1)
        )
    except NotImplementedError:
        return {}  # a country the holidays package doesn't know: no holidays, said in README
    return {d: name for d, name in sorted(calendar.items()) if first <= d <= last}


def set_site_planning(
    db: Database,
    *,
    country_code: str | None,
    subdivision: str | None = None,
    fte_weekly_hours: float | None = None,
    site_id: int | None = None,
) -> None:
    """Set the site's holiday country (None: derive it from the time zone) and, when
    given, its full-time weekly hours (otherwise they stay as they are)."""
    if country_code is not None:
        country_code = country_code.strip().upper()
        try:
            holidays.country_holidays(country_code, subdiv=subdivision)
        except NotImplementedError:
            raise UserError(f"unknown holiday country or region: {country_code!r}") from None
    if fte_weekly_hours is not None and not 0 < fte_weekly_hours <= 80:
        raise UserError(
            f"full-time weekly hours must be above 0 and at most 80, got {fte_weekly_hours}"
        )
    with db.sessions.begin() as session:
        site = load_site(session, site_id)
        plan = session.get(SitePlanning, site.site_id)
        if plan is None:
            plan = SitePlanning(site_id=site.site_id, fte_weekly_hours=DEFAULT_FTE_HOURS)
            session.add(plan)
        plan.country_code, plan.subdivision = country_code, subdivision
        if fte_weekly_hours is not None:
            plan.fte_weekly_hours = fte_weekly_hours
        announce(session.connection(), ["site_planning"])


def set_queue_planning(
    db: Database,
    queue_id: int,
    *,
    shrinkage: float = DEFAULT_SHRINKAGE,
    max_occupancy: float = DEFAULT_MAX_OCCUPANCY,
    patience_seconds: float | None = None,
) -> None:
    """Set a queue's shrinkage, maximum occupancy and callers' patience (None: Erlang C)."""
    if not 0 <= shrinkage < 1:
        raise UserError(f"shrinkage must be at least 0 and below 1, got {shrinkage}")
    if not 0 < max_occupancy <= 1:
        raise UserError(f"maximum occupancy must be above 0 and at most 1, got {max_occupancy}")
    if patience_seconds is not None and not patience_seconds > 0:
        raise UserError(f"patience must be above 0 seconds, got {patience_seconds}")
    with db.sessions.begin() as session:
        if session.get(Queue, queue_id) is None:
            raise UserError(f"no queue with id {queue_id}")
        plan = session.get(QueuePlanning, queue_id) or QueuePlanning(queue_id=queue_id)
        plan.shrinkage, plan.max_occupancy = shrinkage, max_occupancy
        plan.patience_seconds = patience_seconds
        session.add(plan)
        announce(session.connection(), ["queue_planning"])
