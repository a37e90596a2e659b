"""Which targets are in force on which local day: for a range, for one day, and today."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.timeutil import business_day_of
from supervisor_app.services.targets.history import QueueTargets, queue_histories

MAX_DAYS = 3660  # ten years of days, one entry each


def targets_in_force(
    session: Session, queue_ids: Collection[int] | None, first_day: date, last_day: date
) -> dict[int, dict[date, QueueTargets]]:
    """Per queue (of ``queue_ids``, else all) and local day from ``first_day`` to ``last_day``
    inclusive, the targets in force that day. The rows are read in one query; the days
    are filled from the few changes between them."""
    if last_day < first_day:
        raise UserError(f"the range {first_day} to {last_day} ends before it starts")
    days = (last_day - first_day).days + 1
    if days > MAX_DAYS:
        raise UserError(f"targets are listed for at most {MAX_DAYS} days at a time, got {days}")
    out: dict[int, dict[date, QueueTargets]] = {}
    for queue_id, history in queue_histories(session, queue_ids).items():
        per_day: dict[date, QueueTargets] = {}
        day = first_day
        while day <= last_day:
            row = history.on(day)
            change = history.next_change(day)
            until = last_day if change is None else min(last_day, change - timedelta(days=1))
            while day <= until:  # the days one row governs, without searching again
                per_day[day] = row
                day += timedelta(days=1)
        out[queue_id] = per_day
    return out


def targets_on(
    session: Session, day: date, queue_ids: Collection[int] | None = None
) -> dict[int, QueueTargets]:
    """Per queue, the targets in force on local ``day`` (a planning day, a report's day)."""
    return {q: h.on(day) for q, h in queue_histories(session, queue_ids).items()}


def targets_today(
    session: Session, now: datetime | None = None, queue_ids: Collection[int] | None = None
) -> dict[int, QueueTargets]:
    """Per queue, the targets in force on today's local date in the queue's own site zone."""
    now = now or datetime.now(UTC)
    return {
        q: h.on(business_day_of(now, ZoneInfo(h.timezone)))
        for q, h in queue_histories(session, queue_ids).items()
    }
