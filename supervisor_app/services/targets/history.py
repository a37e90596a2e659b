"""A queue's target rows, read once per query, and the values in force on a given day.

Rows are few (one per queue and change), so they are read whole and searched in
Python; the figures themselves are computed in SQL against ``spans.target_spans``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from supervisor_app.store.models import BEGINNING, Queue, QueueTarget, Site


@dataclass(frozen=True, slots=True)
class QueueTargets:
    """The values in force for a queue from ``effective_from`` (a local date) on."""

    effective_from: date
    sl_target_percent: float
    threshold_seconds: int
    short_abandon_seconds: int

    @property
    def service_level_target(self) -> float:
        """The target as a fraction 0..1, as the figures compare with it."""
        return self.sl_target_percent / 100.0


@dataclass(frozen=True, slots=True)
class QueueHistory:
    """A queue's rows, oldest first, and its site's zone (its days are local days there)."""

    queue_id: int
    timezone: str
    rows: tuple[QueueTargets, ...]

    def on(self, day: date) -> QueueTargets:
        """The row in force on ``day``: the last one from that day or before (the first row
        if ``day`` comes before all of them)."""
        starts = [r.effective_from for r in self.rows]
        return self.rows[max(bisect_right(starts, day) - 1, 0)]

    def next_change(self, day: date) -> date | None:
        """The first row's date after ``day``, None when no later change is recorded."""
        return next((r.effective_from for r in self.rows if r.effective_from > day), None)


def queue_histories(
    session: Session, queue_ids: Collection[int] | None = None
) -> dict[int, QueueHistory]:
    """Every queue's rows (or those of ``queue_ids``), per queue id.

    A queue without a row (one written while the seeding trigger was missing) reads
    as its own columns in force since ``BEGINNING``, as it did before targets were dated.
    """
    query = _histories_query()
    if queue_ids is not None:
        query = query.where(Queue.id.in_(sorted(queue_ids)))
    rows: dict[int, list[QueueTargets]] = defaultdict(list)
    zones: dict[int, str] = {}
    for r in session.execute(query):
        zones[r.id] = r.timezone
        if r.effective_from is None:
            own = QueueTargets(
                BEGINNING,
                float(r.service_level_target_pct),
                int(r.answer_threshold_seconds),
                int(r.short_abandon_seconds),
            )
            rows[r.id].append(own)
        else:
            rows[r.id].append(
                QueueTargets(
                    r.effective_from,
                    float(r.sl_target_percent),
                    int(r.threshold_seconds),
                    int(r.target_short_abandon),
                )
            )
    return {q: QueueHistory(q, zones[q], tuple(rows[q])) for q in zones}


@cache
def _histories_query() -> Select[Any]:
    """Every queue's target rows, oldest first: built once (the live view reads them at
    every refresh, and building the select cost more Python than running it)."""
    return (
        select(
            Queue.id,
            Site.timezone,
            Queue.service_level_target_pct,
            Queue.answer_threshold_seconds,
            Queue.short_abandon_seconds,
            QueueTarget.effective_from,
            QueueTarget.sl_target_percent,
            QueueTarget.threshold_seconds,
            QueueTarget.short_abandon_seconds.label("target_short_abandon"),
        )
        .join(Site, Site.id == Queue.site_id)
        .outerjoin(QueueTarget, QueueTarget.queue_id == Queue.id)
        .order_by(Queue.id, QueueTarget.effective_from)
    )
