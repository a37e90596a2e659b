"""Generate a week's forecast from history and store it, replacing that week's forecast.

The rule (weights, holidays, DST) is ``domain.forecast``'s; this module reads
the history sums, hands them over per queue and day, and writes the result
in one transaction with an audit row, so a planner's regenerate is all or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete

from supervisor_app.domain.forecast import (
    DEFAULT_WEEKS,
    check_growth,
    check_week_start,
    check_weeks,
    forecast_day,
)
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.planning.forecast_history import actuals_by_interval
from supervisor_app.services.planning.settings import holidays_between, load_queue_plans, load_site
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Forecast


@dataclass(frozen=True, slots=True)
class GeneratedForecast:
    week_start: date
    queues: int
    intervals: int  # rows written
    total_volume: float
    holidays_left_out: tuple[tuple[date, str], ...]  # history days not used
    holidays_flagged: tuple[tuple[date, str], ...]  # days of the forecast week


def generate_forecast(
    db: Database,
    week_start: date,
    *,
    weeks: int = DEFAULT_WEEKS,
    growth: float = 1.0,
    queue_ids: Collection[int] | None = None,
    actor: str | None = None,
    site_id: int | None = None,
) -> GeneratedForecast:
    """Forecast each queue's intervals of the week from Monday ``week_start`` and store it."""
    check_week_start(week_start)
    check_weeks(weeks)
    check_growth(growth)
    with db.sessions.begin() as session:
        site = load_site(session, site_id)
        zone = ZoneInfo(site.timezone)
        plans = load_queue_plans(session, site.site_id, queue_ids)
        ids = [p.queue_id for p in plans]
        first_past = week_start - timedelta(days=7 * weeks)
        hist_start, _ = local_day_bounds(first_past, zone)
        week_begin, _ = local_day_bounds(week_start, zone)
        _, week_end = local_day_bounds(week_start + timedelta(days=6), zone)
        actual = actuals_by_interval(session, hist_start, week_begin, site.interval_minutes, ids)
        history: dict[int, dict[datetime, tuple[float, float, float]]] = defaultdict(dict)
        for (queue_id, start), a in actual.items():
            history[queue_id][start] = (float(a.offered), float(a.handled), a.handle_seconds)
        past_holidays = holidays_between(site, first_past, week_start - timedelta(days=1))
        flagged = holidays_between(site, week_start, week_start + timedelta(days=6))
        rows = []
        for queue_id in ids:
            h = history.get(queue_id, {})
            handled = sum(v[1] for v in h.values())
            fallback = sum(v[2] for v in h.values()) / handled if handled else 0.0
            for d in range(7):
                for start, volume, aht in forecast_day(
                    week_start + timedelta(days=d),
                    zone,
                    site.interval_minutes,
                    h,
                    weeks=weeks,
                    growth=growth,
                    skip_days=past_holidays,
                    fallback_aht=fallback,
                ):
                    rows.append(
                        {
                            "queue_id": queue_id,
                            "interval_start": start,
                            "volume": volume,
                            "aht_seconds": aht,
                        }
                    )
        session.execute(
            delete(Forecast).where(
                Forecast.queue_id.in_(ids),
                Forecast.interval_start >= week_begin,
                Forecast.interval_start < week_end,
            )
        )
        if rows:
            session.execute(Forecast.__table__.insert(), rows)
        total = sum(r["volume"] for r in rows)
        audit.record(
            session,
            actor=actor or audit.current_actor(),
            action="forecast.generate",
            entity="forecasts",
            entity_id=week_start.isoformat(),
            after={
                "week_start": week_start,
                "weeks": weeks,
                "growth": growth,
                "queue_ids": ids,
                "intervals": len(rows),
                "total_volume": round(total, 3),
            },
        )
        announce(session.connection(), ["forecasts"])
    return GeneratedForecast(
        week_start=week_start,
        queues=len(ids),
        intervals=len(rows),
        total_volume=total,
        holidays_left_out=tuple(past_holidays.items()),
        holidays_flagged=tuple(flagged.items()),
    )
