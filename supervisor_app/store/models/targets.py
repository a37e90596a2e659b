"""A queue's targets by date: the values in force from a local day until the next change.

A queue's service-level target, answer threshold and short-abandon limit change
what its figures mean, so they are effective-dated: each row holds the values in
force from ``effective_from`` (a date in the site's zone, from its local midnight)
until the queue's next row. Every queue has a row from a day before all data
(``BEGINNING``): revision 0011 gave one to each queue it found, and the
``queue_targets_seed`` trigger gives one to every queue inserted since, whoever
inserts it. The columns on ``queues`` keep the values in force today, for lists.

Triggers on this table bump the KPI rollup versions of the days a row governs
(``store.models.rollups``), so the rollups of those days are rebuilt.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base

BEGINNING = date(1900, 1, 1)  # the first row of every queue: before any data


class QueueTarget(Base):
    __tablename__ = "queue_targets"
    __table_args__ = (
        UniqueConstraint("queue_id", "effective_from"),
        CheckConstraint(
            "sl_target_percent > 0 AND sl_target_percent <= 100", name="sl_target_percent"
        ),
        CheckConstraint("threshold_seconds > 0", name="threshold_seconds"),
        CheckConstraint("short_abandon_seconds >= 0", name="short_abandon_seconds"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id", ondelete="CASCADE"))
    effective_from: Mapped[date] = mapped_column(Date)  # local to the queue's site
    sl_target_percent: Mapped[float]
    threshold_seconds: Mapped[int]
    short_abandon_seconds: Mapped[int]
