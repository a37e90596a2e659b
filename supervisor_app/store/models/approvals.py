"""Supervisor approvals of adherence exceptions ("Bob was helping with the fire drill")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base, UTCDateTime, utcnow


class AdherenceApproval(Base):
    """Time from ``starts_at`` to ``ends_at`` an agent may spend off schedule.

    Kept apart from the state spans (which record what happened) so approving
    never rewrites history; an exception counts as approved when one of these
    covers it.
    """

    __tablename__ = "adherence_approvals"
    __table_args__ = (
        Index("ix_adherence_approvals_agent_starts", "agent_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(String(500))
    approved_by: Mapped[str] = mapped_column(String(120))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
