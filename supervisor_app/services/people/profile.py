"""An agent's profile header and their next days of schedule, as plain values.

The profile dialog shows these beside the scorecard; it needs the agent's site
first (its zone says what "today" and "this month" are), so ``agent_profile``
is the one read the dialog waits for before its sections start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from supervisor_app.domain.enums import ActivityKind, ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.database import Database
from supervisor_app.store.models import Agent, AgentSkill, Queue, Shift, Site, Team


@dataclass(frozen=True, slots=True)
class ProfileSkill:
    queue: str
    proficiency: int  # 1 (learning) to 10 (expert)


@dataclass(frozen=True, slots=True)
class AgentProfile:
    """Who the agent is: the profile's header."""

    agent_id: int
    name: str
    employee_code: str
    team_id: int | None
    team: str | None
    site_id: int
    site: str
    timezone: str
    today: date  # the site's local date when read
    skills: tuple[ProfileSkill, ...]  # by queue name
    contracted_weekly_hours: float
    hourly_cost: float
    hire_date: date | None
    active: bool


@dataclass(frozen=True, slots=True)
class UpcomingActivity:
    kind: ActivityKind
    starts_at: datetime  # UTC
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class UpcomingShift:
    day: date  # the local day it starts
    starts_at: datetime  # UTC
    ends_at: datetime
    status: ShiftStatus
    activities: tuple[UpcomingActivity, ...]


def agent_profile(db: Database, agent_id: int, now: datetime | None = None) -> AgentProfile:
    """The agent's header; a UserError when there is no such agent (or the login may not
    see them: row-level security hides another site's agents)."""
    now = now or datetime.now(UTC)
    with db.sessions() as session:
        row = session.execute(
            select(Agent, Team, Site)
            .outerjoin(Team, Team.id == Agent.team_id)
            .join(Site, Site.id == Agent.site_id)
            .where(Agent.id == agent_id)
        ).first()
        if row is None:
            raise UserError(f"no agent with id {agent_id}")
        agent, team, site = row
        skills = session.execute(
            select(Queue.name, AgentSkill.proficiency)
            .join(Queue, Queue.id == AgentSkill.queue_id)
            .where(AgentSkill.agent_id == agent_id)
            .order_by(Queue.name)
        ).all()
        return AgentProfile(
            agent_id=agent.id,
            name=agent.name,
            employee_code=agent.employee_code,
            team_id=team.id if team else None,
            team=team.name if team else None,
            site_id=site.id,
            site=site.name,
            timezone=site.timezone,
            today=now.astimezone(ZoneInfo(site.timezone)).date(),
            skills=tuple(ProfileSkill(q, int(p)) for q, p in skills),
            contracted_weekly_hours=float(agent.contracted_weekly_hours),
            hourly_cost=float(agent.hourly_cost),
            hire_date=agent.hire_date,
            active=agent.active,
        )


def upcoming_shifts(db: Database, agent_id: int, today: date, days: int = 7) -> list[UpcomingShift]:
    """The agent's shifts (drafts too) starting on the ``days`` local days from ``today``."""
    with db.sessions() as session:
        zone_name = session.scalar(
            select(Site.timezone).join(Agent, Agent.site_id == Site.id).where(Agent.id == agent_id)
        )
        if zone_name is None:
            raise UserError(f"no agent with id {agent_id}")
        zone = ZoneInfo(zone_name)
        start = local_day_bounds(today, zone)[0]
        end = local_day_bounds(today + timedelta(days=days - 1), zone)[1]
        shifts = session.scalars(
            select(Shift)
            .options(selectinload(Shift.activities))
            .where(Shift.agent_id == agent_id, Shift.starts_at >= start, Shift.starts_at < end)
            .order_by(Shift.starts_at)
        ).all()
        return [
            UpcomingShift(
                day=s.starts_at.astimezone(zone).date(),
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                status=s.status,
                activities=tuple(
                    UpcomingActivity(a.kind, a.starts_at, a.ends_at)
                    for a in sorted(s.activities, key=lambda a: a.starts_at)
                ),
            )
            for s in shifts
        ]
