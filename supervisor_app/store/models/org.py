"""Who and what a contact center is made of: sites, teams, agents, queues, skills."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Numeric,
    String,
    UniqueConstraint,
    event,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from supervisor_app.domain.enums import Channel
from supervisor_app.store.base import Base, enum_column_type


class Site(Base):
    __tablename__ = "sites"
    __table_args__ = (CheckConstraint("interval_minutes IN (15, 30)", name="interval_minutes"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    interval_minutes: Mapped[int] = mapped_column(default=15)
    # Which service level the site's headline figure is (domain.kpi.ServiceLevelVariant).
    service_level_variant: Mapped[str] = mapped_column(
        String(26), default="offered", server_default="offered"
    )

    teams: Mapped[list[Team]] = relationship(back_populates="site")
    queues: Mapped[list[Queue]] = relationship(back_populates="site")
    agents: Mapped[list[Agent]] = relationship(back_populates="site")

    # Optimistic locking (migration 0009): a save names the version it read.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("site_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))

    site: Mapped[Site] = relationship(back_populates="teams")
    agents: Mapped[list[Agent]] = relationship(back_populates="team")

    # Optimistic locking (migration 0009): a save names the version it read.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Agent(Base):
    __tablename__ = "agents"
    __table_args__ = (
        CheckConstraint("hourly_cost >= 0", name="hourly_cost"),
        CheckConstraint(
            "contracted_weekly_hours >= 0 AND contracted_weekly_hours <= 80",
            name="contracted_weekly_hours",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Every agent works at one site (an agent without a team too: a queue_log import
    # creates agents before anyone puts them in a team). Migration 0008 backfilled it.
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    employee_code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    hourly_cost: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    contracted_weekly_hours: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("40"))
    active: Mapped[bool] = mapped_column(default=True)
    # When the agent joined (migration 0018): the profile's tenure; None when not known.
    hire_date: Mapped[date | None] = mapped_column(Date())

    site: Mapped[Site] = relationship(back_populates="agents")
    team: Mapped[Team | None] = relationship(back_populates="agents")
    skills: Mapped[list[AgentSkill]] = relationship(
        back_populates="agent", cascade="all, delete-orphan"
    )

    # Optimistic locking (migration 0009): a save names the version it read.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Queue(Base):
    __tablename__ = "queues"
    __table_args__ = (
        UniqueConstraint("site_id", "name"),
        CheckConstraint(
            "service_level_target_pct > 0 AND service_level_target_pct <= 100",
            name="service_level_target_pct",
        ),
        CheckConstraint("answer_threshold_seconds > 0", name="answer_threshold_seconds"),
        CheckConstraint("short_abandon_seconds >= 0", name="short_abandon_seconds"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    channel: Mapped[Channel] = mapped_column(enum_column_type(Channel, "channel"))
    service_level_target_pct: Mapped[float] = mapped_column(default=80.0)
    answer_threshold_seconds: Mapped[int] = mapped_column(default=20)
    short_abandon_seconds: Mapped[int] = mapped_column(default=5)
    # Alert thresholds: amber is a warning, red a breach; null means "no alert".
    waiting_amber: Mapped[int | None]
    waiting_red: Mapped[int | None]
    longest_wait_amber_seconds: Mapped[int | None]
    longest_wait_red_seconds: Mapped[int | None]
    service_level_amber_pct: Mapped[float | None]
    service_level_red_pct: Mapped[float | None]
    # A queue with history is never deleted, only made inactive (migration 0009).
    active: Mapped[bool] = mapped_column(default=True, server_default=true())

    site: Mapped[Site] = relationship(back_populates="queues")

    # Optimistic locking (migration 0009): a save names the version it read.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AgentSkill(Base):
    __tablename__ = "agent_skills"
    __table_args__ = (CheckConstraint("proficiency BETWEEN 1 AND 10", name="proficiency"),)

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    queue_id: Mapped[int] = mapped_column(
        ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    proficiency: Mapped[int] = mapped_column(default=5)

    agent: Mapped[Agent] = relationship(back_populates="skills")


@event.listens_for(Agent, "before_insert")
def _agent_at_its_teams_site(_mapper: Any, _connection: Any, agent: Agent) -> None:
    """An agent put in a team without a site named is at the team's site."""
    if agent.site_id is None and agent.team is not None:
        agent.site_id = agent.team.site_id
