"""How many contacts were waiting at each minute of the last hour (the Live tab's small chart)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from supervisor_app.store.models import Contact
from supervisor_app.store.sqlfunc import floor_int, instant, seconds_between

WAIT_MINUTES = 60
# A contact waiting at some minute of the last hour is found among those that
# arrived in this window before it, or among those still open (indexed). One
# that waited longer and was answered within the hour is left out: finding it
# would mean reading every contact ever answered.
WAIT_LOOKBACK = timedelta(hours=24)


def waiting_last_hour(
    session: Session, now: datetime, queues: Select[Any] | list[int]
) -> tuple[tuple[datetime, int], ...]:
    """Contacts waiting at each minute from an hour ago to now (61 points).

    A contact waits at ``t`` if it arrived at or before ``t`` and was neither
    answered nor ended by then. SQL returns, per pair (first minute waiting,
    first minute not waiting), how many; a running sum turns that into counts.
    """
    first = now - timedelta(minutes=WAIT_MINUTES)
    points = WAIT_MINUTES + 1
    wait_end = func.coalesce(Contact.answered_at, Contact.ended_at)
    # Minute i is first + i minutes; a contact waits at i when ceil(arrival) <= i < ceil(end).
    begin = (-floor_int(-seconds_between(instant(first), Contact.arrived_at) / 60.0)).label("b")
    stop = (-floor_int(-seconds_between(instant(first), wait_end) / 60.0)).label("e")
    still = or_(wait_end.is_(None), wait_end > first)
    recent = select(begin, stop).where(
        Contact.arrived_at >= first - WAIT_LOOKBACK,
        Contact.arrived_at <= now,
        Contact.queue_id.in_(queues),
        still,
    )
    older = select(begin, stop).where(
        Contact.ended_at.is_(None),
        Contact.arrived_at < first - WAIT_LOOKBACK,
        Contact.queue_id.in_(queues),
        still,
    )
    rows = recent.union_all(older).subquery()
    query = select(rows.c.b, rows.c.e, func.count()).group_by(rows.c.b, rows.c.e)
    delta = [0] * (points + 1)
    for b, e, n in session.execute(query):
        b = max(b, 0)
        e = points if e is None else min(e, points)
        if e > b:
            delta[b] += n
            delta[e] -= n
    out, level = [], 0
    for i in range(points):
        level += delta[i]
        out.append((first + timedelta(minutes=i), level))
    return tuple(out)
