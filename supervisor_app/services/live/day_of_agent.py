"""One agent's day so far: states, published schedule, contacts and adherence exceptions.

What a supervisor opens from the live board to see why an agent shows out of
adherence, and where they approve an exception ("helping with the fire
drill"). Approvals live in their own table and never rewrite the state spans:
an exception counts as approved when an approval covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from supervisor_app.domain import kpi
from supervisor_app.domain.adherence import (
    DEFAULT_GRACE,
    AdherenceException,
    ScheduledSpan,
    StateSpan,
    exceptions,
    scheduled_minutes,
)
from supervisor_app.domain.enums import AgentState, Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.timeutil import business_day_of, local_day_bounds
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.schedules import Approval, approvals_between, published_schedules
from supervisor_app.store.changes import announce
from supervisor_app.store.models import (
    AdherenceApproval,
    Agent,
    AgentStateSpan,
    Contact,
    Queue,
    Site,
    Team,
)

REASON_MAX = 500  # AdherenceApproval.reason


@dataclass(frozen=True, slots=True)
class ContactBrief:
    id: int
    queue: str
    arrived_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    wrap_ended_at: datetime | None
    outcome: Outcome | None


@dataclass(frozen=True, slots=True)
class ExceptionRow:
    start: datetime
    end: datetime
    expected: tuple[AgentState, ...]
    actual: AgentState
    approved_by: str | None
    approved_reason: str | None

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60.0


@dataclass(frozen=True, slots=True)
class StateSegment:
    start: datetime
    end: datetime
    state: AgentState
    reason: str | None


@dataclass(frozen=True, slots=True)
class AgentDay:
    agent_id: int
    name: str
    team: str | None
    day_start: datetime
    day_end: datetime
    timezone: str
    states: tuple[StateSegment, ...]
    schedule: tuple[ScheduledSpan, ...]
    contacts: tuple[ContactBrief, ...]
    exceptions: tuple[ExceptionRow, ...]
    # Adherent minutes ÷ scheduled minutes so far; approved exceptions count as adherent.
    adherence: float | None


def agent_day(
    db: Database, agent_id: int, *, now: datetime | None = None, grace: timedelta = DEFAULT_GRACE
) -> AgentDay:
    """The agent's site-local day from midnight up to ``now`` (default: the clock)."""
    now = now or datetime.now(UTC)
    with db.sessions() as session:
        found = session.execute(select(Agent.name).where(Agent.id == agent_id)).first()
        if found is None:
            raise UserError(f"agent {agent_id} does not exist")
        team, timezone = _team_and_zone(session, agent_id)
        zone = ZoneInfo(timezone)
        day_start, day_end = local_day_bounds(business_day_of(now, zone), zone)
        spans = _states(session, agent_id, day_start, now)
        schedule = published_schedules(session, day_start, day_end, agent_id=agent_id)
        plan = [s for s in schedule.get(agent_id, []) if s.end > day_start and s.start < day_end]
        approvals = approvals_between(session, day_start, now, agent_id=agent_id).get(agent_id, [])
        found_exceptions = exceptions(
            [StateSpan(s.start, s.end, s.state) for s in spans], plan, day_start, now, grace
        )
        rows = tuple(_exception_row(e, approvals) for e in found_exceptions)
        return AgentDay(
            agent_id=agent_id,
            name=found.name,
            team=team,
            day_start=day_start,
            day_end=day_end,
            timezone=timezone,
            states=tuple(StateSegment(s.start, s.end, s.state, s.reason) for s in spans),
            schedule=tuple(plan),
            contacts=_contacts(session, agent_id, day_start, now),
            exceptions=rows,
            adherence=_adherence(plan, rows, day_start, now),
        )


def approve_exception(
    db: Database, agent_id: int, start: datetime, end: datetime, reason: str, actor: str
) -> None:
    """Record that the agent may be off schedule from ``start`` to ``end``, and why."""
    text = reason.strip()
    if not text:
        raise UserError("say why the exception is approved")
    if len(text) > REASON_MAX:
        raise UserError(f"keep the reason under {REASON_MAX} characters")
    if start.tzinfo is None or end.tzinfo is None:
        raise UserError("approval times must carry a timezone")
    if end <= start:
        raise UserError("an approval must end after it starts")
    with db.sessions() as session:
        if session.get(Agent, agent_id) is None:
            raise UserError(f"agent {agent_id} does not exist")
        approval = AdherenceApproval(
            agent_id=agent_id, starts_at=start, ends_at=end, reason=text, approved_by=actor
        )
        session.add(approval)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="approve",
            entity="adherence_approval",
            entity_id=approval.id,
            after={"agent_id": agent_id, "starts_at": start, "ends_at": end, "reason": text},
            reason=text,
        )
        announce(session.connection(), ["adherence_approvals"])
        session.commit()


def _exception_row(exc: AdherenceException, approvals: list[Approval]) -> ExceptionRow:
    cover = next((a for a in approvals if a.covers(exc.start, exc.end)), None)
    return ExceptionRow(
        start=exc.start,
        end=exc.end,
        expected=tuple(s for s in AgentState if s in exc.expected),
        actual=exc.actual,
        approved_by=cover.approved_by if cover else None,
        approved_reason=cover.reason if cover else None,
    )


def _adherence(
    plan: list[ScheduledSpan], rows: tuple[ExceptionRow, ...], start: datetime, now: datetime
) -> float | None:
    """Scheduled minutes less the unapproved exceptions' scheduled part, over scheduled minutes.

    Mismatches shorter than the grace period are not exceptions, so they count
    as adherent; exceptions off shift (logged in early) don't touch the ratio.
    """
    scheduled = scheduled_minutes(plan, start, now)
    out = sum(scheduled_minutes(plan, r.start, r.end) for r in rows if r.approved_by is None)
    return kpi.adherence(scheduled - out, scheduled)


def _contacts(
    session: Session, agent_id: int, day_start: datetime, now: datetime
) -> tuple[ContactBrief, ...]:
    rows = session.execute(
        select(
            Contact.id,
            Queue.name,
            Contact.arrived_at,
            Contact.answered_at,
            Contact.ended_at,
            Contact.wrap_ended_at,
            Contact.outcome,
        )
        .join(Queue, Queue.id == Contact.queue_id)
        .where(
            Contact.agent_id == agent_id,
            Contact.answered_at >= day_start,
            Contact.answered_at <= now,
        )
        .order_by(Contact.answered_at, Contact.id)
    )
    return tuple(ContactBrief(*row) for row in rows)


def _states(session: Session, agent_id: int, start: datetime, now: datetime) -> list[StateSegment]:
    """The agent's state spans from ``start`` to ``now``, clipped to them (open ones end now)."""
    since = session.scalar(
        select(func.max(AgentStateSpan.started_at)).where(
            AgentStateSpan.agent_id == agent_id, AgentStateSpan.started_at <= start
        )
    )
    rows = session.execute(
        select(
            AgentStateSpan.started_at,
            AgentStateSpan.ended_at,
            AgentStateSpan.state,
            AgentStateSpan.reason,
        )
        .where(
            AgentStateSpan.agent_id == agent_id,
            AgentStateSpan.started_at >= (since or start),
            AgentStateSpan.started_at < now,
        )
        .order_by(AgentStateSpan.started_at)
    )
    out = []
    for a, b, state, reason in rows:
        a, b = max(a, start), min(b or now, now)
        if b > a:
            out.append(StateSegment(a, b, state, reason))
    return out


def _team_and_zone(session: Session, agent_id: int) -> tuple[str | None, str]:
    """The agent's team name and the time zone of the site the agent works at."""
    team, zone = session.execute(
        select(Team.name, Site.timezone)
        .select_from(Agent)
        .outerjoin(Team, Team.id == Agent.team_id)
        .join(Site, Site.id == Agent.site_id)
        .where(Agent.id == agent_id)
    ).one()
    return team, zone
