"""Training: courses, the queues that require them, and who completed which when."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base, UTCDateTime, utcnow


class TrainingCourse(Base):
    """A course; ``valid_days`` after completion it must be taken again (None: never)."""

    __tablename__ = "training_courses"
    __table_args__ = (CheckConstraint("valid_days IS NULL OR valid_days > 0", name="valid_days"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    valid_days: Mapped[int | None] = mapped_column(Integer)


class TrainingRequirement(Base):
    """Agents skilled for ``queue_id`` must hold ``course_id`` to take its contacts."""

    __tablename__ = "training_requirements"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("training_courses.id", ondelete="CASCADE"), primary_key=True
    )
    queue_id: Mapped[int] = mapped_column(
        ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True
    )


class TrainingCompletion(Base):
    """An agent completed a course on a (local) day; it holds until ``expires_on`` (exclusive)."""

    __tablename__ = "training_completions"
    __table_args__ = (
        Index("ix_training_completions_agent_course", "agent_id", "course_id"),
        CheckConstraint("expires_on IS NULL OR expires_on > completed_on", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(ForeignKey("training_courses.id", ondelete="CASCADE"))
    completed_on: Mapped[date] = mapped_column(Date())
    expires_on: Mapped[date | None] = mapped_column(Date())
    recorded_by: Mapped[str] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
