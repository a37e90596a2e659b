"""Alert acknowledgements, shared by every console on the database.

Alerts themselves are worked out by each console from its own snapshots (so
they need no table); what must be shared is that a supervisor has seen one.
An acknowledgement names the alert by subject (a queue or agent name) and
metric, which every console computes the same way. On PostgreSQL who
acknowledged it and when are the database's (``session_user`` and the server's
clock, migration 0019) for every login but the schema owner.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base, UTCDateTime, utcnow


class AlertAcknowledgement(Base):
    __tablename__ = "alert_acknowledgements"
    __table_args__ = (Index("ix_alert_acknowledgements_at", "acknowledged_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(120))
    metric: Mapped[str] = mapped_column(String(40))
    # When the acknowledging console raised the alert (for the record; consoles
    # raise the same breach a refresh apart, so matching never relies on it).
    raised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    acknowledged_by: Mapped[str] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(String(500))
