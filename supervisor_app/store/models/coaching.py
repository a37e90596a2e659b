"""Coaching notes, who supervises which team, and restricted records (issue 18).

Coaching notes are a supervisor's working log about an agent; restricted
records are the performance and disciplinary documentation that only admins and
the supervisors of the agent's team may see (row-level security on PostgreSQL,
migration 0017). Both are edited with optimistic locking, like the setup rows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.domain.people_records import RecordKind
from supervisor_app.store.base import Base, UTCDateTime, enum_column_type, utcnow


class TeamSupervisor(Base):
    """``login`` supervises ``team_id``: their alert list and restricted records follow it.

    ``login`` is the PostgreSQL login (``session_user``); on SQLite, single-user, it
    is only informative.
    """

    __tablename__ = "team_supervisors"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    login: Mapped[str] = mapped_column(String(63), primary_key=True, index=True)


class CoachingNote(Base):
    """A coaching conversation with an agent, its agreed actions and follow-up.

    ``author`` and ``noted_at`` are the database's on PostgreSQL (``session_user``
    and ``now()``, by trigger, like the audit trail). A note may be about one
    contact or about a period, never both.
    """

    __tablename__ = "coaching_notes"
    __table_args__ = (
        Index("ix_coaching_notes_agent_noted", "agent_id", "noted_at"),
        Index("ix_coaching_notes_follow_up", "follow_up_on"),
        CheckConstraint(
            "(period_start IS NULL) = (period_end IS NULL) AND "
            "(period_start IS NULL OR period_start <= period_end)",
            name="period",
        ),
        CheckConstraint("contact_id IS NULL OR period_start IS NULL", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(120))
    noted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    topic: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text())
    actions: Mapped[str] = mapped_column(Text(), default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date())
    followed_up_on: Mapped[date | None] = mapped_column(Date())
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    period_start: Mapped[date | None] = mapped_column(Date())
    period_end: Mapped[date | None] = mapped_column(Date())

    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class RestrictedRecord(Base):
    """A warning, an improvement plan or other documentation, and when the agent
    acknowledged it. Visible only to admins and the agent's team's supervisors."""

    __tablename__ = "restricted_records"
    __table_args__ = (
        Index("ix_restricted_records_agent", "agent_id"),
        CheckConstraint("review_on IS NULL OR review_on >= issued_on", name="review_after_issue"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    kind: Mapped[RecordKind] = mapped_column(enum_column_type(RecordKind, "record_kind"))
    text: Mapped[str] = mapped_column(Text())
    issued_on: Mapped[date] = mapped_column(Date())
    review_on: Mapped[date | None] = mapped_column(Date())
    acknowledged_on: Mapped[date | None] = mapped_column(Date())
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
