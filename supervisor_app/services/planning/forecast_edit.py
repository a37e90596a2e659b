"""Planners' changes to a stored forecast: one interval set by hand, a day scaled by a percentage.

Each change is one transaction with its audit row (values before and after)
and a change announcement, so every open console redraws the forecast.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.forecast import scale_factor
from supervisor_app.domain.timeutil import interval_starts, local_day_bounds
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.planning.settings import load_queue_plans, load_site
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Forecast


def set_interval(
    db: Database,
    queue_id: int,
    interval_start: datetime,
    volume: float,
    aht_seconds: float,
    *,
    actor: str | None = None,
    site_id: int | None = None,
) -> None:
    """Set one queue's forecast for the interval starting at ``interval_start`` (UTC-aware)."""
    if not (math.isfinite(volume) and volume >= 0):
        raise UserError(f"forecast volume must be 0 or more, got {volume:g}")
    if not (math.isfinite(aht_seconds) and aht_seconds >= 0) or (volume > 0 and aht_seconds == 0):
        raise UserError(
            f"handle time must be above 0 seconds when there is volume, got {aht_seconds:g}"
        )
    with db.sessions.begin() as session:
        site = load_site(session, site_id)
        if not load_queue_plans(session, site.site_id, [queue_id]):
            raise UserError(f"no queue with id {queue_id}")
        zone = ZoneInfo(site.timezone)
        day = interval_start.astimezone(zone).date()
        if interval_start not in interval_starts(day, zone, site.interval_minutes):
            raise UserError(
                f"{interval_start.astimezone(zone):%Y-%m-%d %H:%M} is not the start of a "
                f"{site.interval_minutes}-minute interval"
            )
        row = session.scalar(
            select(Forecast).where(
                Forecast.queue_id == queue_id, Forecast.interval_start == interval_start
            )
        )
        before = None if row is None else {"volume": row.volume, "aht_seconds": row.aht_seconds}
        if row is None:
            row = Forecast(queue_id=queue_id, interval_start=interval_start)
            session.add(row)
        row.volume, row.aht_seconds = float(volume), float(aht_seconds)
        session.flush()
        audit.record(
            session,
            actor=actor or audit.current_actor(),
            action="forecast.edit",
            entity="forecasts",
            entity_id=row.id,
            before=before,
            after={
                "queue_id": queue_id,
                "interval_start": interval_start,
                "volume": volume,
                "aht_seconds": aht_seconds,
            },
        )
        announce(session.connection(), ["forecasts"])


def scale_day(
    db: Database,
    day: date,
    percent: float,
    *,
    queue_ids: Collection[int] | None = None,
    actor: str | None = None,
    site_id: int | None = None,
) -> int:
    """Scale the volumes of a local day by ``percent`` (+10 is ×1.1); returns rows changed."""
    factor = scale_factor(percent)
    with db.sessions.begin() as session:
        site = load_site(session, site_id)
        ids = [p.queue_id for p in load_queue_plans(session, site.site_id, queue_ids)]
        start, end = local_day_bounds(day, ZoneInfo(site.timezone))
        rows = session.scalars(
            select(Forecast).where(
                Forecast.queue_id.in_(ids),
                Forecast.interval_start >= start,
                Forecast.interval_start < end,
            )
        ).all()
        if not rows:
            raise UserError(f"there is no forecast on {day} to scale")
        before = sum(r.volume for r in rows)
        for r in rows:
            r.volume = r.volume * factor
        audit.record(
            session,
            actor=actor or audit.current_actor(),
            action="forecast.scale_day",
            entity="forecasts",
            entity_id=day.isoformat(),
            before={"total_volume": before},
            after={"total_volume": before * factor, "percent": percent, "queue_ids": ids},
        )
        announce(session.connection(), ["forecasts"])
        return len(rows)
