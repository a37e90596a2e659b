"""Quality evaluations: forms, their frozen versions, and the evaluations scored with them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base, UTCDateTime, utcnow


class QaForm(Base):
    """An evaluation form by name; what it asks is in its versions (the newest is current)."""

    __tablename__ = "qa_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class QaFormVersion(Base):
    """One version of a form, never changed once written: evaluations point at it, so a
    form edit (a new version) can't rewrite an old score. ``definition`` is
    ``domain.quality.FormDefinition.as_dict()``."""

    __tablename__ = "qa_form_versions"
    __table_args__ = (
        UniqueConstraint("form_id", "number"),
        CheckConstraint("number >= 1", name="number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("qa_forms.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class QaEvaluation(Base):
    """An agent's evaluation, with the form version and the score it was given then.

    On PostgreSQL a trigger (migration 0016) sets ``evaluator`` to the login and
    ``evaluated_at`` to the server's clock for every login but the schema owner,
    unless the row is imported from a file (``imported_from``), which keeps the file's.
    ``queue_id`` is the contact's queue, copied so queue rows need no join.
    """

    __tablename__ = "qa_evaluations"
    __table_args__ = (
        Index("ix_qa_evaluations_agent_at", "agent_id", "evaluated_at"),
        Index("ix_qa_evaluations_at", "evaluated_at"),
        Index("ix_qa_evaluations_contact", "contact_id"),
        CheckConstraint("score_pct >= 0 AND score_pct <= 100", name="score_pct"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id", ondelete="SET NULL"))
    form_version_id: Mapped[int] = mapped_column(
        ForeignKey("qa_form_versions.id", ondelete="RESTRICT")
    )
    evaluator: Mapped[str] = mapped_column(String(120))
    evaluated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score_pct: Mapped[float] = mapped_column(Float)
    auto_failed: Mapped[bool] = mapped_column(default=False)
    imported_from: Mapped[str | None] = mapped_column(String(255))
