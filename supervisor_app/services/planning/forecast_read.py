"""Reading stored forecasts: a planning week laid out interval by interval, and the interval now.

Forecast rows are keyed by UTC interval start; a week is laid out on
``domain.forecast.week_interval_starts`` (668, 672 or 676 quarter-hours), and an
interval with no row reads as no contacts. Holidays of the week are attached so
every view of the forecast flags them the same way.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from supervisor_app.domain.forecast import check_week_start, week_interval_starts
from supervisor_app.domain.reforecast import level_factor
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.database import Database
from supervisor_app.services.planning.settings import (
    QueuePlan,
    SiteInfo,
    holidays_between,
    load_queue_plans,
    load_site,
)
from supervisor_app.services.targets import targets_in_force
from supervisor_app.store.models import Contact, Forecast


@dataclass(frozen=True, slots=True)
class QueueForecast:
    plan: QueuePlan  # with the targets in force on the week's first day
    volume: tuple[float, ...]  # one per interval of the week
    aht_seconds: tuple[float, ...]
    # Per interval, the targets in force that day, where they change within the week
    # (None: the plan's hold all week).
    service_levels: tuple[float, ...] | None = None
    answer_seconds: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class ForecastWeek:
    week_start: date
    timezone: str
    interval_minutes: int
    starts: tuple[datetime, ...]  # UTC
    queues: tuple[QueueForecast, ...]
    holidays: tuple[tuple[date, str], ...]


@dataclass(frozen=True, slots=True)
class IntervalForecast:
    """One queue's forecast for the interval holding a moment, for the what-if panel."""

    queue_id: int
    interval_start: datetime
    interval_end: datetime
    volume: float
    aht_seconds: float
    patience_seconds: float | None
    # Today's level so far, actual ÷ forecast shrunk towards 1 (``domain.reforecast``);
    # None before there is enough to go on. ``reforecast`` is the volume at that level.
    level: float | None = None

    @property
    def reforecast(self) -> float:
        return self.volume if self.level is None else self.volume * self.level


def load_forecast_week(
    session: Session, site: SiteInfo, week_start: date, queue_ids: Collection[int] | None
) -> ForecastWeek:
    zone = ZoneInfo(site.timezone)
    starts = week_interval_starts(week_start, zone, site.interval_minutes)
    plans = load_queue_plans(session, site.site_id, queue_ids, on=week_start)
    dated = _targets_by_interval(session, [p.queue_id for p in plans], starts, week_start, zone)
    end = starts[-1] + timedelta(minutes=site.interval_minutes)
    pos = {s: i for i, s in enumerate(starts)}
    volume = {p.queue_id: [0.0] * len(starts) for p in plans}
    aht = {p.queue_id: [0.0] * len(starts) for p in plans}
    rows = session.execute(
        select(
            Forecast.queue_id, Forecast.interval_start, Forecast.volume, Forecast.aht_seconds
        ).where(
            Forecast.queue_id.in_(list(volume)),
            Forecast.interval_start >= starts[0],
            Forecast.interval_start < end,
        )
    ).all()
    for queue_id, start, v, h in rows:
        i = pos.get(start)
        if i is not None:  # a row off the interval grid (another interval length) is ignored
            volume[queue_id][i], aht[queue_id][i] = float(v), float(h)
    return ForecastWeek(
        week_start=week_start,
        timezone=site.timezone,
        interval_minutes=site.interval_minutes,
        starts=tuple(starts),
        queues=tuple(
            QueueForecast(
                p, tuple(volume[p.queue_id]), tuple(aht[p.queue_id]), *dated.get(p.queue_id, ())
            )
            for p in plans
        ),
        holidays=tuple(holidays_between(site, week_start, week_start + timedelta(days=6)).items()),
    )


def _targets_by_interval(
    session: Session, queue_ids: list[int], starts: list[datetime], week_start: date, zone: ZoneInfo
) -> dict[int, tuple[tuple[float, ...], tuple[float, ...]]]:
    """Per queue whose targets change within the week: its target and threshold of each
    interval, those in force on the interval's local day."""
    if not queue_ids:
        return {}
    week = targets_in_force(session, queue_ids, week_start, week_start + timedelta(days=6))
    days = [s.astimezone(zone).date() for s in starts]
    out = {}
    for queue_id, per_day in week.items():
        if len(set(per_day.values())) > 1:
            out[queue_id] = (
                tuple(per_day[d].service_level_target for d in days),
                tuple(float(per_day[d].threshold_seconds) for d in days),
            )
    return out


def forecast_week(
    db: Database,
    week_start: date,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> ForecastWeek:
    """The stored forecast of the week from Monday ``week_start``, per queue and interval."""
    check_week_start(week_start)
    with db.sessions() as session:
        return load_forecast_week(session, load_site(session, site_id), week_start, queue_ids)


def forecast_now(
    db: Database, now: datetime | None = None, *, site_id: int | None = None
) -> dict[int, IntervalForecast]:
    """Each queue's forecast for the interval holding ``now`` (default: the clock), with
    the level today's closed intervals have shown against their forecast."""
    now = now or datetime.now(UTC)
    with db.sessions() as session:
        site = load_site(session, site_id)
        plans = {p.queue_id: p for p in load_queue_plans(session, site.site_id)}
        step = timedelta(minutes=site.interval_minutes)
        rows = session.execute(
            select(
                Forecast.queue_id, Forecast.interval_start, Forecast.volume, Forecast.aht_seconds
            ).where(Forecast.interval_start > now - step, Forecast.interval_start <= now)
        ).all()
        current = {q: s for q, s, _, _ in rows if q in plans}
        levels = _levels_today(session, site.timezone, current)
    return {
        q: IntervalForecast(
            q, s, s + step, float(v), float(h), plans[q].patience_seconds, levels.get(q)
        )
        for q, s, v, h in rows
        if q in plans
    }


def _levels_today(
    session: Session, timezone: str, current: dict[int, datetime]
) -> dict[int, float | None]:
    """Per queue: ``domain.reforecast.level_factor`` of the day's intervals before the
    current one (contacts that arrived against the forecast for them)."""
    if not current:
        return {}
    zone = ZoneInfo(timezone)
    now_start = min(current.values())
    day_start, _ = local_day_bounds(now_start.astimezone(zone).date(), zone)
    queues = sorted(current)
    forecast = dict(
        session.execute(
            select(Forecast.queue_id, func.coalesce(func.sum(Forecast.volume), 0.0))
            .where(
                Forecast.queue_id.in_(queues),
                Forecast.interval_start >= day_start,
                Forecast.interval_start < now_start,
            )
            .group_by(Forecast.queue_id)
        ).all()
    )
    actual = dict(
        session.execute(
            select(Contact.queue_id, func.count())
            .where(
                Contact.queue_id.in_(queues),
                Contact.arrived_at >= day_start,
                Contact.arrived_at < now_start,
            )
            .group_by(Contact.queue_id)
        ).all()
    )
    return {q: level_factor(float(actual.get(q, 0)), float(forecast.get(q, 0.0))) for q in queues}
