"""Planners' changes to a stored forecast: one interval set by hand, a day scaled by a percentage.

Each change is one transaction with its audit row (values before and after)
and a change announcement, so every open console redraws the forecast.

Both are safe with several planners at once:

- **Scaling** is relative, so it compounds: the save locks the day's rows
  (``write_lock``) and multiplies what is committed, so two planners' +10 %
  give +21 % and nothing is lost.
- **Setting an interval** is absolute, so it is a compare-and-swap: the planner's
  save names the figures it was made against (``seen``); if the interval holds
  other figures now, or another planner created it meanwhile (a concurrent first
  insert, refused by the unique key), the save is refused with who changed it and
  what it holds, and nothing is written.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.forecast import scale_factor
from supervisor_app.domain.timeutil import interval_starts, local_day_bounds
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.planning.settings import load_queue_plans, load_site
from supervisor_app.services.planning.write_lock import begin_write, for_update
from supervisor_app.store.changes import announce
from supervisor_app.store.models import AuditEntry, Forecast

ENTITY = "forecasts"
SCALE_ATTEMPTS = 5
_CLOSE = 1e-6


@dataclass(frozen=True, slots=True)
class ForecastSeen:
    """The interval's figures as the planner saw them (volume 0: no forecast there yet)."""

    volume: float
    aht_seconds: float


class ForecastConflict(UserError):
    """Another planner changed the interval first; nothing was written."""


def set_interval(
    db: Database,
    queue_id: int,
    interval_start: datetime,
    volume: float,
    aht_seconds: float,
    *,
    seen: ForecastSeen | None = None,
    actor: str | None = None,
    site_id: int | None = None,
) -> None:
    """Set one queue's forecast for the interval starting at ``interval_start`` (UTC-aware).

    ``seen``: what the planner's edit was made against; when the interval holds
    something else now, ``ForecastConflict``. None: set it whatever it holds.
    """
    if not (math.isfinite(volume) and volume >= 0):
        raise UserError(f"forecast volume must be 0 or more, got {volume:g}")
    if not (math.isfinite(aht_seconds) and aht_seconds >= 0) or (volume > 0 and aht_seconds == 0):
        raise UserError(
            f"handle time must be above 0 seconds when there is volume, got {aht_seconds:g}"
        )
    actor = actor or audit.current_actor()
    try:
        with db.sessions.begin() as session:
            begin_write(session)
            zone = _check_interval(session, queue_id, interval_start, site_id)
            query = select(Forecast).where(
                Forecast.queue_id == queue_id, Forecast.interval_start == interval_start
            )
            row = session.scalar(query.with_for_update() if for_update(session) else query)
            if seen is not None and not _matches(row, seen):
                raise _conflict(session, row, interval_start, zone)
            before = None if row is None else {"volume": row.volume, "aht_seconds": row.aht_seconds}
            if row is None:
                row = Forecast(queue_id=queue_id, interval_start=interval_start)
                session.add(row)
            row.volume, row.aht_seconds = float(volume), float(aht_seconds)
            session.flush()  # INSERT (unique key) or UPDATE … WHERE version = read version
            audit.record(
                session,
                actor=actor,
                action="forecast.edit",
                entity=ENTITY,
                entity_id=row.id,
                before=before,
                after={
                    "queue_id": queue_id,
                    "interval_start": interval_start,
                    "volume": volume,
                    "aht_seconds": aht_seconds,
                    "version": row.version,
                },
            )
            announce(session.connection(), ["forecasts"])
    except (IntegrityError, StaleDataError):
        # Another planner created (or changed) the interval between our read and write.
        with db.sessions() as session:
            zone = ZoneInfo(load_site(session, site_id).timezone)
            row = session.scalar(
                select(Forecast).where(
                    Forecast.queue_id == queue_id, Forecast.interval_start == interval_start
                )
            )
            raise _conflict(session, row, interval_start, zone) from None


def _check_interval(
    session: Session, queue_id: int, interval_start: datetime, site_id: int | None
) -> ZoneInfo:
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
    return zone


def _matches(row: Forecast | None, seen: ForecastSeen) -> bool:
    if row is None:
        return abs(seen.volume) <= _CLOSE
    return math.isclose(row.volume, seen.volume, abs_tol=_CLOSE) and (
        math.isclose(row.aht_seconds, seen.aht_seconds, abs_tol=_CLOSE) or seen.volume == 0
    )


def _conflict(
    session: Session, row: Forecast | None, start: datetime, zone: ZoneInfo
) -> ForecastConflict:
    when = f"{start.astimezone(zone):%a %d %b %H:%M}"
    if row is None:
        return ForecastConflict(
            f"The forecast for {when} was removed meanwhile; reload and enter it again"
        )
    last = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.entity == ENTITY, AuditEntry.entity_id == str(row.id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    by = "" if last is None else f" by {last.actor} at {last.at.astimezone(zone):%H:%M}"
    return ForecastConflict(
        f"The forecast for {when} was changed{by}: it is now {row.volume:g} contacts, "
        f"{row.aht_seconds:g} s handle time. Nothing was saved; reload and edit again"
    )


def scale_day(
    db: Database,
    day: date,
    percent: float,
    *,
    queue_ids: Collection[int] | None = None,
    actor: str | None = None,
    site_id: int | None = None,
) -> int:
    """Scale the volumes of a local day by ``percent`` (+10 is ×1.1); returns rows changed.

    Applied to what is committed when the save runs, so concurrent scales compound.
    """
    factor = scale_factor(percent)
    actor = actor or audit.current_actor()
    for attempt in range(SCALE_ATTEMPTS):
        try:
            return _scale_once(db, day, factor, percent, queue_ids, actor, site_id)
        except StaleDataError:  # a writer outside the lock changed a row: read again
            if attempt == SCALE_ATTEMPTS - 1:
                raise ForecastConflict(
                    f"The forecast of {day} kept changing while it was scaled; nothing was "
                    "saved, try again"
                ) from None
    raise AssertionError("unreachable")


def _scale_once(
    db: Database,
    day: date,
    factor: float,
    percent: float,
    queue_ids: Collection[int] | None,
    actor: str,
    site_id: int | None,
) -> int:
    with db.sessions.begin() as session:
        begin_write(session)
        site = load_site(session, site_id)
        ids = [p.queue_id for p in load_queue_plans(session, site.site_id, queue_ids)]
        start, end = local_day_bounds(day, ZoneInfo(site.timezone))
        query = (
            select(Forecast)
            .where(
                Forecast.queue_id.in_(ids),
                Forecast.interval_start >= start,
                Forecast.interval_start < end,
            )
            .order_by(Forecast.id)  # the same lock order for every saver: no deadlock
        )
        rows = session.scalars(query.with_for_update() if for_update(session) else query).all()
        if not rows:
            raise UserError(f"there is no forecast on {day} to scale")
        before = sum(r.volume for r in rows)
        for r in rows:
            r.volume = r.volume * factor
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="forecast.scale_day",
            entity=ENTITY,
            entity_id=day.isoformat(),
            before={"total_volume": before},
            after={"total_volume": before * factor, "percent": percent, "queue_ids": ids},
        )
        announce(session.connection(), ["forecasts"])
        return len(rows)
