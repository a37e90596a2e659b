"""The targets as a small table SQL can join: one row per queue and stretch of time.

A contact's figures use the targets in force on the local day it arrived. Each
target row of a queue becomes a span of UTC instants, from the local midnight
starting its ``effective_from`` (in the queue's site zone) to the one starting
the queue's next row; the first span reaches back, and the last forward, without
end. So every contact of a queue falls in exactly one span, and a query joins
``contacts`` to these spans on the queue and the arrival time (``span_join``):
set-based, however long the range, with the day's own values in every sum.
The spans are sent as a ``VALUES`` list in a CTE (a few rows per queue).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import CTE, Float, Integer, and_, column, values
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.targets.history import queue_histories
from supervisor_app.store.base import UTCDateTime
from supervisor_app.store.models import Contact

FAR_PAST = datetime(1000, 1, 1, tzinfo=UTC)
FAR_FUTURE = datetime(9000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class TargetSpan:
    queue_id: int
    starts_at: datetime  # UTC, inclusive
    ends_at: datetime  # UTC, exclusive
    sl_target_percent: float
    threshold_seconds: int
    short_abandon_seconds: int


def target_spans(
    session: Session,
    queue_ids: Collection[int] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[TargetSpan]:
    """Each queue's spans (of ``queue_ids``, else all), those meeting [start, end) only.

    The first span kept reaches back and the last one forward without end, so a
    contact outside [start, end) still finds one span (with the nearest values).
    """
    out: list[TargetSpan] = []
    for history in queue_histories(session, queue_ids).values():
        zone = ZoneInfo(history.timezone)
        rows = history.rows
        bounds = [local_day_bounds(r.effective_from, zone)[0] for r in rows[1:]]
        starts, ends = [FAR_PAST, *bounds], [*bounds, FAR_FUTURE]
        kept = [
            TargetSpan(
                history.queue_id,
                s,
                e,
                r.sl_target_percent,
                r.threshold_seconds,
                r.short_abandon_seconds,
            )
            for r, s, e in zip(rows, starts, ends, strict=True)
            if (end is None or s < end) and (start is None or e > start)
        ]
        if not kept:  # cannot happen for a range, but keep every queue covered
            kept = [TargetSpan(history.queue_id, FAR_PAST, FAR_FUTURE, *_values(rows[-1]))]
        kept[0] = replace(kept[0], starts_at=FAR_PAST)
        kept[-1] = replace(kept[-1], ends_at=FAR_FUTURE)
        out += kept
    return out


def _values(r: Any) -> tuple[float, int, int]:
    return (r.sl_target_percent, r.threshold_seconds, r.short_abandon_seconds)


def spans_table(spans: list[TargetSpan], name: str = "queue_target_spans") -> CTE:
    """The spans as a CTE with the columns of ``TargetSpan``, for a join."""
    table = values(
        column("queue_id", Integer),
        column("starts_at", UTCDateTime()),
        column("ends_at", UTCDateTime()),
        column("sl_target_percent", Float),
        column("threshold_seconds", Integer),
        column("short_abandon_seconds", Integer),
        name=name,
    )
    rows = [
        (
            s.queue_id,
            s.starts_at,
            s.ends_at,
            s.sl_target_percent,
            s.threshold_seconds,
            s.short_abandon_seconds,
        )
        for s in spans
    ] or [(0, FAR_PAST, FAR_FUTURE, 100.0, 1, 0)]  # no queue: a row no contact matches
    return table.data(rows).cte(name)


def targets_table(
    session: Session,
    queue_ids: Collection[int] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> CTE:
    """``spans_table(target_spans(…))``: what a contact query joins to read its day's targets."""
    return spans_table(target_spans(session, queue_ids, start, end))


def span_join(spans: CTE) -> ColumnElement[bool]:
    """The join condition: the span of the contact's queue that holds its arrival."""
    return and_(
        spans.c.queue_id == Contact.queue_id,
        Contact.arrived_at >= spans.c.starts_at,
        Contact.arrived_at < spans.c.ends_at,
    )
