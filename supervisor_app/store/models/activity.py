"""What happened: contacts, agent state spans, surveys and escalations."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from supervisor_app.domain.enums import AgentState, EscalationStatus, Outcome, Severity
from supervisor_app.store.base import Base, UTCDateTime, enum_column_type, utcnow

if TYPE_CHECKING:
    from supervisor_app.store.models.org import Agent, Queue


class Contact(Base):
    """One call, chat or email, from arrival to the end of its wrap-up.

    ``ended_at`` is null while the contact is open (waiting or being handled).
    """

    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_contacts_queue_arrived", "queue_id", "arrived_at"),
        Index("ix_contacts_arrived", "arrived_at"),
        Index("ix_contacts_agent_answered", "agent_id", "answered_at"),
        Index("ix_contacts_customer", "customer_ref", "queue_id", "arrived_at"),
        Index(
            "ix_contacts_open",
            "queue_id",
            "arrived_at",
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
        CheckConstraint(
            "answered_at IS NULL OR answered_at >= arrived_at", name="answered_after_arrival"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id", ondelete="RESTRICT"))
    source: Mapped[str] = mapped_column(String(40))
    external_id: Mapped[str] = mapped_column(String(120))
    customer_ref: Mapped[str | None] = mapped_column(String(120))
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    wrap_ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[Outcome | None] = mapped_column(enum_column_type(Outcome, "outcome"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    escalated: Mapped[bool] = mapped_column(default=False)

    queue: Mapped[Queue] = relationship()
    agent: Mapped[Agent | None] = relationship()


class AgentStateSpan(Base):
    """An agent's state from ``started_at`` until ``ended_at`` (null while current)."""

    __tablename__ = "agent_state_spans"
    __table_args__ = (
        Index("ix_agent_state_spans_agent_started", "agent_id", "started_at"),
        Index("ix_agent_state_spans_started", "started_at"),
        # At most one current state per agent; also what the live board reads.
        Index(
            "uq_agent_state_spans_current",
            "agent_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    state: Mapped[AgentState] = mapped_column(enum_column_type(AgentState, "agent_state"))
    reason: Mapped[str | None] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SurveyResponse(Base):
    __tablename__ = "survey_responses"
    __table_args__ = (
        CheckConstraint("csat IS NULL OR csat BETWEEN 1 AND 5", name="csat"),
        CheckConstraint("nps IS NULL OR nps BETWEEN 0 AND 10", name="nps"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True
    )
    csat: Mapped[int | None]
    nps: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Escalation(Base):
    """A customer a supervisor must pick up; edited by people, so versioned.

    On PostgreSQL who raised, took (``owner``) and resolved one, and when, are the
    database's for every login but the schema owner: ``session_user`` and the
    server's clock, whatever the client sends (migration 0019's trigger).
    """

    __tablename__ = "escalations"
    __table_args__ = (
        Index("ix_escalations_status_created", "status", "created_at"),
        Index("ix_escalations_contact", "contact_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id", ondelete="SET NULL"))
    customer_ref: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(String(200))
    severity: Mapped[Severity] = mapped_column(enum_column_type(Severity, "severity"))
    status: Mapped[EscalationStatus] = mapped_column(
        enum_column_type(EscalationStatus, "escalation_status"), default=EscalationStatus.OPEN
    )
    owner: Mapped[str | None] = mapped_column(String(120))
    # Who raised it by hand or by import (login@host; on PostgreSQL the login); null:
    # raised by the simulator writing as the schema owner.
    raised_by: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
