"""The live floor in one call: queues now and today so far, and every agent's state.

Runs on a worker thread; returns plain dataclasses the Qt models diff against
what they show. A handful of grouped queries, whatever the number of agents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from supervisor_app.domain import kpi
from supervisor_app.domain.adherence import (
    DEFAULT_GRACE,
    AdherenceNow,
    ScheduledSpan,
    adherence_now,
)
from supervisor_app.domain.enums import ActivityKind, AgentState, Channel, ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.timeutil import business_day_of, local_day_bounds
from supervisor_app.services.contact_sums import sums_by_queue
from supervisor_app.services.database import Database
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    AgentStateSpan,
    Contact,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    Team,
)

WORKING = (AgentState.AVAILABLE, AgentState.ON_CONTACT, AgentState.WRAP_UP)


@dataclass(frozen=True, slots=True)
class QueueThresholds:
    waiting_amber: int | None = None
    waiting_red: int | None = None
    longest_wait_amber_seconds: int | None = None
    longest_wait_red_seconds: int | None = None
    service_level_amber: float | None = None  # fractions 0..1
    service_level_red: float | None = None


@dataclass(frozen=True, slots=True)
class QueueRow:
    queue_id: int
    name: str
    channel: Channel
    service_level_target: float  # fraction 0..1
    answer_threshold_seconds: int
    waiting: int
    oldest_waiting_since: datetime | None
    staffed: int
    available: int
    on_contact: int
    wrap_up: int
    today: ContactSums
    thresholds: QueueThresholds = field(default_factory=QueueThresholds)

    def longest_wait_seconds(self, now: datetime) -> float | None:
        if self.oldest_waiting_since is None:
            return None
        return max((now - self.oldest_waiting_since).total_seconds(), 0.0)

    @property
    def service_level(self) -> float | None:
        return kpi.service_level(self.today)


@dataclass(frozen=True, slots=True)
class AgentRow:
    agent_id: int
    name: str
    team: str | None
    state: AgentState
    reason: str | None
    state_since: datetime
    contact_id: int | None
    contact_queue: str | None
    scheduled: ActivityKind | None  # None with on_shift: productive time
    on_shift: bool
    adherence: AdherenceNow
    queue_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    taken_at: datetime
    site_name: str
    timezone: str
    interval_minutes: int
    day_start: datetime
    queues: tuple[QueueRow, ...]
    agents: tuple[AgentRow, ...]


def take_snapshot(
    db: Database, now: datetime | None = None, grace: timedelta = DEFAULT_GRACE
) -> LiveSnapshot:
    """Everything the Live tab shows, as of ``now`` (default: the clock)."""
    now = now or datetime.now(UTC)
    with db.sessions() as session:
        site = session.scalars(select(Site).order_by(Site.id).limit(1)).first()
        if site is None:
            raise UserError(
                "the database has no site yet: run `supervisor-app demo seed` or an import"
            )
        zone = ZoneInfo(site.timezone)
        day_start, _ = local_day_bounds(business_day_of(now, zone), zone)
        today = sums_by_queue(session, day_start, now + timedelta(microseconds=1))
        agents = _agent_rows(session, now, day_start, grace)
        queues = _queue_rows(session, site.id, today, agents)
        return LiveSnapshot(
            taken_at=now,
            site_name=site.name,
            timezone=site.timezone,
            interval_minutes=site.interval_minutes,
            day_start=day_start,
            queues=tuple(queues),
            agents=tuple(agents),
        )


def _queue_rows(
    session: Session, site_id: int, today: dict[int, ContactSums], agents: list[AgentRow]
) -> list[QueueRow]:
    waiting = {
        queue_id: (count, oldest)
        for queue_id, count, oldest in session.execute(
            select(Contact.queue_id, func.count(), func.min(Contact.arrived_at))
            .where(Contact.ended_at.is_(None), Contact.answered_at.is_(None))
            .group_by(Contact.queue_id)
        )
    }
    rows = []
    for queue in session.scalars(
        select(Queue).where(Queue.site_id == site_id).order_by(Queue.name)
    ):
        skilled = [a for a in agents if queue.id in a.queue_ids]
        count, oldest = waiting.get(queue.id, (0, None))
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        rows.append(
            QueueRow(
                queue_id=queue.id,
                name=queue.name,
                channel=queue.channel,
                service_level_target=queue.service_level_target_pct / 100.0,
                answer_threshold_seconds=queue.answer_threshold_seconds,
                waiting=count,
                oldest_waiting_since=oldest,
                staffed=sum(a.state is not AgentState.OFFLINE for a in skilled),
                available=sum(a.state is AgentState.AVAILABLE for a in skilled),
                on_contact=sum(
                    a.state is AgentState.ON_CONTACT and a.contact_queue == queue.name
                    for a in skilled
                ),
                wrap_up=sum(
                    a.state is AgentState.WRAP_UP and a.contact_queue == queue.name for a in skilled
                ),
                today=today.get(queue.id, ContactSums()),
                thresholds=_thresholds(queue),
            )
        )
    return rows


def _thresholds(queue: Queue) -> QueueThresholds:
    def frac(pct: float | None) -> float | None:
        return None if pct is None else pct / 100.0

    return QueueThresholds(
        waiting_amber=queue.waiting_amber,
        waiting_red=queue.waiting_red,
        longest_wait_amber_seconds=queue.longest_wait_amber_seconds,
        longest_wait_red_seconds=queue.longest_wait_red_seconds,
        service_level_amber=frac(queue.service_level_amber_pct),
        service_level_red=frac(queue.service_level_red_pct),
    )


def _agent_rows(
    session: Session, now: datetime, day_start: datetime, grace: timedelta
) -> list[AgentRow]:
    skills: dict[int, list[int]] = {}
    for agent_id, queue_id in session.execute(select(AgentSkill.agent_id, AgentSkill.queue_id)):
        skills.setdefault(agent_id, []).append(queue_id)
    contacts = {
        agent_id: (contact_id, queue_name)
        for agent_id, contact_id, queue_name in session.execute(
            select(Contact.agent_id, Contact.id, Queue.name)
            .join(Queue, Queue.id == Contact.queue_id)
            .where(
                Contact.agent_id.is_not(None),
                Contact.answered_at.is_not(None),
                or_(
                    Contact.ended_at.is_(None),
                    and_(Contact.wrap_ended_at.is_(None), Contact.ended_at >= day_start),
                ),
            )
        )
    }
    schedule = _schedule_now(session, now)
    rows = []
    query = (
        select(
            Agent.id,
            Agent.name,
            Team.name,
            AgentStateSpan.state,
            AgentStateSpan.reason,
            AgentStateSpan.started_at,
        )
        .join(
            AgentStateSpan,
            and_(AgentStateSpan.agent_id == Agent.id, AgentStateSpan.ended_at.is_(None)),
            isouter=True,
        )
        .join(Team, Team.id == Agent.team_id, isouter=True)
        .where(Agent.active.is_(True))
        .order_by(Agent.name)
    )
    for agent_id, name, team, state, reason, since in session.execute(query):
        state = state or AgentState.OFFLINE
        since = since or day_start
        scheduled, scheduled_since = schedule.get(agent_id, (None, day_start))
        contact_id, contact_queue = contacts.get(agent_id, (None, None))
        if state not in (AgentState.ON_CONTACT, AgentState.WRAP_UP):
            contact_id, contact_queue = None, None
        rows.append(
            AgentRow(
                agent_id=agent_id,
                name=name,
                team=team,
                state=state,
                reason=reason,
                state_since=since,
                contact_id=contact_id,
                contact_queue=contact_queue,
                scheduled=scheduled.activity if scheduled else None,
                on_shift=scheduled is not None,
                adherence=adherence_now(state, since, scheduled, scheduled_since, now, grace),
                queue_ids=tuple(sorted(skills.get(agent_id, []))),
            )
        )
    return rows


def _schedule_now(
    session: Session, now: datetime
) -> dict[int, tuple[ScheduledSpan | None, datetime]]:
    """Per agent on a published shift now: what is scheduled and since when."""
    result: dict[int, tuple[ScheduledSpan | None, datetime]] = {}
    shifts = session.execute(
        select(Shift.id, Shift.agent_id, Shift.starts_at, Shift.ends_at).where(
            Shift.status == ShiftStatus.PUBLISHED, Shift.starts_at <= now, Shift.ends_at > now
        )
    ).all()
    if not shifts:
        return result
    by_shift = {shift_id: (agent_id, start, end) for shift_id, agent_id, start, end in shifts}
    activities: dict[int, list[tuple[ActivityKind, datetime, datetime]]] = {}
    for shift_id, kind, start, end in session.execute(
        select(
            ShiftActivity.shift_id,
            ShiftActivity.kind,
            ShiftActivity.starts_at,
            ShiftActivity.ends_at,
        ).where(ShiftActivity.shift_id.in_(by_shift))
    ):
        activities.setdefault(shift_id, []).append((kind, start, end))
    for shift_id, (agent_id, start, end) in by_shift.items():
        spans = sorted(activities.get(shift_id, []), key=lambda a: a[1])
        current = next(((k, s, e) for k, s, e in spans if s <= now < e), None)
        if current:
            kind, s, e = current
            result[agent_id] = (ScheduledSpan(s, e, kind), s)
        else:
            since = max([e for _, _, e in spans if e <= now], default=start)
            following = min([s for _, s, _ in spans if s > now], default=end)
            result[agent_id] = (ScheduledSpan(since, following, None), since)
    return result
