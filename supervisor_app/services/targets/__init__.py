"""STUB, replaced at merge by the effective-dated targets of issue 13 (helper ``targets``).

Only the signature is the contract: the Setup window and ``queue set --from``
call it inside their own transaction and write the audit row themselves. This
stub ignores ``effective_from`` and sets the queue row's columns, so the setup
code and its tests run before the real, effective-dated version is merged.
"""

from __future__ import annotations

import datetime

from sqlalchemy.orm import Session

from supervisor_app.store.models import Queue

__all__ = ["set_queue_targets"]


def set_queue_targets(
    session: Session,
    queue_id: int,
    effective_from: datetime.date,
    *,
    sl_target_percent: float | None = None,
    threshold_seconds: int | None = None,
    short_abandon_seconds: int | None = None,
) -> None:
    """Set the queue's targets from ``effective_from`` (the stub: from always)."""
    queue = session.get(Queue, queue_id)
    if queue is None:
        raise LookupError(f"no queue with id {queue_id}")
    if sl_target_percent is not None:
        queue.service_level_target_pct = sl_target_percent
    if threshold_seconds is not None:
        queue.answer_threshold_seconds = threshold_seconds
    if short_abandon_seconds is not None:
        queue.short_abandon_seconds = short_abandon_seconds
