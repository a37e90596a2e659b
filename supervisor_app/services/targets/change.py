"""Changing a queue's targets from a date: the dated row, today's columns, the rollups.

History keeps the values that were in force: a change from a date writes (or
rewrites) the row of that date and leaves earlier days alone, so a report for
last month still reads last month's threshold. The change runs in the caller's
transaction; the caller writes the audit row.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.timeutil import business_day_of
from supervisor_app.services.targets.history import QueueTargets, queue_histories
from supervisor_app.store.changes import announce
from supervisor_app.store.models import BEGINNING, Queue, QueueTarget

# Rollup days that can read a changed day: a day's first-contact window reaches 72 h on,
# and a zone may start a local day on the UTC day before (see store.models.rollups).
_READ_BACK = timedelta(days=5)


def check_targets(
    sl_target_percent: float | None,
    threshold_seconds: int | None,
    short_abandon_seconds: int | None,
) -> None:
    """A UserError naming the first value out of range (nothing is written then)."""
    if sl_target_percent is not None and not (
        math.isfinite(sl_target_percent) and 0 < sl_target_percent <= 100
    ):
        raise UserError(
            f"service-level target must be above 0 and at most 100 %, got {sl_target_percent}"
        )
    if threshold_seconds is not None and not (1 <= threshold_seconds <= 86_400):
        raise UserError(f"answer threshold must be 1 to 86400 seconds, got {threshold_seconds}")
    if short_abandon_seconds is not None and not (0 <= short_abandon_seconds <= 86_400):
        raise UserError(
            f"short-abandon limit must be 0 to 86400 seconds, got {short_abandon_seconds}"
        )


def set_queue_targets(
    session: Session,
    queue_id: int,
    effective_from: date,
    *,
    sl_target_percent: float | None = None,
    threshold_seconds: int | None = None,
    short_abandon_seconds: int | None = None,
    now: datetime | None = None,
) -> None:
    """Make these the queue's targets from local ``effective_from`` until its next change.

    Values left None keep what was in force on that date. Writes or rewrites the row
    of that date; keeps the ``queues`` columns equal to the values in force today;
    rebuilds the KPI rollups the change touched (the days from ``effective_from`` to
    the next change that have rollups). Runs in the caller's transaction and writes
    no audit row (the caller does). ``now`` pins the clock for "today".
    """
    check_targets(sl_target_percent, threshold_seconds, short_abandon_seconds)
    queue = session.get(Queue, queue_id)
    if queue is None:
        raise UserError(f"no queue with id {queue_id}")
    if effective_from < BEGINNING:
        raise UserError(f"targets can take effect from {BEGINNING} on, not {effective_from}")
    history = queue_histories(session, [queue_id])[queue_id]
    _keep_the_beginning(session, queue, history.rows)
    before = history.on(effective_from)
    wanted = QueueTargets(
        effective_from,
        before.sl_target_percent if sl_target_percent is None else float(sl_target_percent),
        before.threshold_seconds if threshold_seconds is None else int(threshold_seconds),
        before.short_abandon_seconds
        if short_abandon_seconds is None
        else int(short_abandon_seconds),
    )
    if _same_values(before, wanted):
        return
    row = session.scalars(
        select(QueueTarget).where(
            QueueTarget.queue_id == queue_id, QueueTarget.effective_from == effective_from
        )
    ).first()
    if row is None:
        row = QueueTarget(queue_id=queue_id, effective_from=effective_from)
        session.add(row)
    row.sl_target_percent = wanted.sl_target_percent
    row.threshold_seconds = wanted.threshold_seconds
    row.short_abandon_seconds = wanted.short_abandon_seconds
    session.flush()  # the triggers bump the rollup versions of the days this row governs
    now = now or datetime.now(UTC)
    zone = ZoneInfo(history.timezone)
    today = queue_histories(session, [queue_id])[queue_id].on(business_day_of(now, zone))
    queue.service_level_target_pct = today.sl_target_percent
    queue.answer_threshold_seconds = today.threshold_seconds
    queue.short_abandon_seconds = today.short_abandon_seconds
    session.flush()
    following = history.next_change(effective_from)
    # Imported here: services.kpi reads targets through this package.
    from supervisor_app.services.kpi import rebuild_rollup_days

    rebuild_rollup_days(
        session,
        effective_from - _READ_BACK,
        None if following is None else following + timedelta(days=1),
        now=now,
    )
    announce(session.connection(), ["queue_targets", "queues"])


def _same_values(a: QueueTargets, b: QueueTargets) -> bool:
    return (a.sl_target_percent, a.threshold_seconds, a.short_abandon_seconds) == (
        b.sl_target_percent,
        b.threshold_seconds,
        b.short_abandon_seconds,
    )


def _keep_the_beginning(session: Session, queue: Queue, rows: tuple[QueueTargets, ...]) -> None:
    """Store the first row if the queue has none yet (its columns, since ``BEGINNING``), so
    a dated change never turns the days before it into the new values."""
    stored = session.scalar(select(QueueTarget.id).where(QueueTarget.queue_id == queue.id).limit(1))
    if stored is None:
        first = rows[0]
        session.add(
            QueueTarget(
                queue_id=queue.id,
                effective_from=BEGINNING,
                sl_target_percent=first.sl_target_percent,
                threshold_seconds=first.threshold_seconds,
                short_abandon_seconds=first.short_abandon_seconds,
            )
        )
        session.flush()
