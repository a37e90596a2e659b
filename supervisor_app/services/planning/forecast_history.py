"""History sums for forecasting: offered, handled and handle seconds per queue and interval.

Summed in SQL (``contact_sums.grouped_sums``, the KPI's own sums) grouped by queue
and interval index from a local midnight; the index becomes a UTC instant here.
Counting intervals in UTC seconds from one local midnight lines them up with
``domain.timeutil.interval_starts`` on every later day, DST days included, as
long as clocks move by whole intervals (every zone but Lord Howe's half hour).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from supervisor_app.services.contact_sums import grouped_sums, interval_filters, interval_index
from supervisor_app.store.models import Contact


@dataclass(frozen=True, slots=True)
class IntervalActual:
    offered: int
    handled: int
    handle_seconds: float


def actuals_by_interval(
    session: Session,
    start: datetime,
    end: datetime,
    interval_minutes: int,
    queue_ids: Collection[int],
) -> dict[tuple[int, datetime], IntervalActual]:
    """(queue id, UTC interval start) → sums of the contacts that arrived in [start, end).

    ``start`` must be a local midnight of the site, so indexes fall on its intervals.
    """
    step = interval_minutes * 60.0
    index = interval_index(start, Contact.arrived_at, step)
    where = interval_filters(start, end, queue_ids)
    out = {}
    for (queue_id, k), sums, _ in grouped_sums(session, [Contact.queue_id, index], *where):
        out[(queue_id, start + timedelta(seconds=k * step))] = IntervalActual(
            sums.offered, sums.handled, sums.handle_seconds
        )
    return out
