"""The live floor in one call: queues now and today so far, and every agent's state.

Runs on a worker thread; returns plain dataclasses the Qt models diff against
what they show. A handful of grouped queries, whatever the number of agents,
each reading through an index only what is current: open contacts, current
state spans, shifts in progress, and (through ``RunningSums``) only the part
of today's contacts that changed since the last call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Row, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain import kpi
from supervisor_app.domain.adherence import (
    DEFAULT_GRACE,
    AdherenceNow,
    ScheduledSpan,
    adherence_now,
)
from supervisor_app.domain.enums import ActivityKind, AgentState, Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.timeutil import business_day_of, local_day_bounds
from supervisor_app.services.agent_day import Approval, approvals_between, shifts_in_progress
from supervisor_app.services.contact_sums import RunningSums
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
    # Who approved the current mismatch, if someone did (then ``adherence`` reads in).
    approved_by: str | None = None
    team_id: int | None = None


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    taken_at: datetime
    site_name: str
    timezone: str
    interval_minutes: int
    day_start: datetime
    queues: tuple[QueueRow, ...]
    agents: tuple[AgentRow, ...]


# Today's running sums, one set per database (engine), dropped with the engine.
_RUNNING: WeakKeyDictionary[Engine, RunningSums] = WeakKeyDictionary()
_ON_A_CONTACT = (AgentState.ON_CONTACT, AgentState.WRAP_UP)


def take_snapshot(
    db: Database, now: datetime | None = None, grace: timedelta = DEFAULT_GRACE
) -> LiveSnapshot:
    """Everything the Live tab shows, as of ``now`` (default: the clock)."""
    now = now or datetime.now(UTC)
    with db.sessions() as session:
        site = session.execute(
            select(Site.id, Site.name, Site.timezone, Site.interval_minutes)
            .order_by(Site.id)
            .limit(1)
        ).first()
        if site is None:
            raise UserError(
                "the database has no site yet: run `supervisor-app demo seed` or an import"
            )
        zone = ZoneInfo(site.timezone)
        day_start, _ = local_day_bounds(business_day_of(now, zone), zone)
        today = _RUNNING.setdefault(db.engine, RunningSums()).sums(session, day_start, now)
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
        for queue_id, count, oldest in _rows(
            session,
            select(Contact.queue_id, func.count(), func.min(Contact.arrived_at))
            .where(Contact.ended_at.is_(None), Contact.answered_at.is_(None))
            .group_by(Contact.queue_id),
        )
    }
    skilled: dict[int, list[AgentRow]] = defaultdict(list)
    for agent in agents:
        for queue_id in agent.queue_ids:
            skilled[queue_id].append(agent)
    rows = []
    for queue in _rows(
        session, select(*_QUEUE_COLUMNS).where(Queue.site_id == site_id).order_by(Queue.name)
    ):
        count, oldest = waiting.get(queue.id, (0, None))
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        states = [a.state for a in skilled[queue.id]]
        busy = [a.state for a in skilled[queue.id] if a.contact_queue == queue.name]
        rows.append(
            QueueRow(
                queue_id=queue.id,
                name=queue.name,
                channel=queue.channel,
                service_level_target=queue.service_level_target_pct / 100.0,
                answer_threshold_seconds=queue.answer_threshold_seconds,
                waiting=count,
                oldest_waiting_since=oldest,
                staffed=sum(s is not AgentState.OFFLINE for s in states),
                available=states.count(AgentState.AVAILABLE),
                on_contact=busy.count(AgentState.ON_CONTACT),
                wrap_up=busy.count(AgentState.WRAP_UP),
                today=today.get(queue.id, ContactSums()),
                thresholds=_thresholds(queue),
            )
        )
    return rows


_QUEUE_COLUMNS = (
    Queue.id,
    Queue.name,
    Queue.channel,
    Queue.service_level_target_pct,
    Queue.answer_threshold_seconds,
    Queue.waiting_amber,
    Queue.waiting_red,
    Queue.longest_wait_amber_seconds,
    Queue.longest_wait_red_seconds,
    Queue.service_level_amber_pct,
    Queue.service_level_red_pct,
)


def _thresholds(queue: Row[Any]) -> QueueThresholds:
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
    query = select(AgentSkill.agent_id, AgentSkill.queue_id).order_by(AgentSkill.queue_id)
    for agent_id, queue_id in _rows(session, query):
        skills.setdefault(agent_id, []).append(queue_id)
    contacts = _current_contacts(session, now, day_start)
    schedule = _schedule_now(session, now)
    approvals = approvals_between(session, now, now)
    rows = []
    query = (
        select(
            Agent.id,
            Agent.name,
            Team.name,
            AgentStateSpan.state,
            AgentStateSpan.reason,
            AgentStateSpan.started_at,
            Agent.team_id,
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
    for agent_id, name, team, state, reason, since, team_id in _rows(session, query):
        state = state or AgentState.OFFLINE
        since = since or day_start
        scheduled, scheduled_since = schedule.get(agent_id, (None, day_start))
        contact_id, contact_queue = contacts.get(agent_id, (None, None))
        if state not in _ON_A_CONTACT:
            contact_id, contact_queue = None, None
        adherence = adherence_now(state, since, scheduled, scheduled_since, now, grace)
        approval = _covering(approvals.get(agent_id, ()), adherence, now)
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
                adherence=AdherenceNow(True, None, 0.0) if approval else adherence,
                queue_ids=tuple(skills.get(agent_id, ())),
                approved_by=approval.approved_by if approval else None,
                team_id=team_id,
            )
        )
    return rows


def _covering(
    approvals: Sequence[Approval], adherence: AdherenceNow, now: datetime
) -> Approval | None:
    """The approval covering the agent's current mismatch, from its start until now."""
    since = adherence.mismatch_since
    if adherence.in_adherence or since is None:
        return None
    return next((a for a in approvals if a.covers(since, now)), None)


def _current_contacts(
    session: Session, now: datetime, day_start: datetime
) -> dict[int, tuple[int, str]]:
    """The contact each agent on a contact or in wrap-up is working on: their latest answered.

    Driven by the current state spans, with one look-up per busy agent in the
    (agent, answered) index, rather than a search of all contacts still open.
    """
    answered = aliased(Contact)
    latest = (
        select(answered.id)
        .where(answered.agent_id == AgentStateSpan.agent_id, answered.answered_at <= now)
        .order_by(answered.answered_at.desc())
        .limit(1)
        .correlate(AgentStateSpan)
        .scalar_subquery()
    )
    busy = (
        select(AgentStateSpan.agent_id, latest.label("contact_id"))
        .where(AgentStateSpan.ended_at.is_(None), AgentStateSpan.state.in_(_ON_A_CONTACT))
        .subquery()
    )
    query = (
        select(busy.c.agent_id, Contact.id, Queue.name)
        .join(Contact, Contact.id == busy.c.contact_id)
        .join(Queue, Queue.id == Contact.queue_id)
        .where(
            or_(
                Contact.ended_at.is_(None),
                and_(Contact.wrap_ended_at.is_(None), Contact.ended_at >= day_start),
            ),
        )
    )
    rows = _rows(session, query)
    return {agent_id: (contact_id, queue) for agent_id, contact_id, queue in rows}


def _schedule_now(
    session: Session, now: datetime
) -> dict[int, tuple[ScheduledSpan | None, datetime]]:
    """Per agent on a published shift now: the scheduled segment now, and since when.

    The segment is the activity in progress, or else the productive stretch
    between the last activity that ended and the next one to start (or the
    shift's ends). One row per shift in progress, through correlated look-ups
    in the shift_id index: planners misjudge "starts before now and ends after
    now" and would otherwise scan every activity ever planned. (No ``max(id)``
    either: PostgreSQL may answer that by walking the primary key backwards.)
    """
    act = aliased(ShiftActivity)

    def around(column: Any, *where: ColumnElement[bool]) -> Any:
        return select(column).where(act.shift_id == Shift.id, *where).scalar_subquery()

    shifts = _rows(
        session,
        select(
            Shift.agent_id,
            select(act.id)
            .where(act.shift_id == Shift.id, act.starts_at <= now, act.ends_at > now)
            .order_by(act.starts_at.desc())
            .limit(1)
            .scalar_subquery(),
            func.coalesce(around(func.max(act.ends_at), act.ends_at <= now), Shift.starts_at),
            func.coalesce(around(func.min(act.starts_at), act.starts_at > now), Shift.ends_at),
        )
        .where(*shifts_in_progress(now, now + timedelta(microseconds=1)))
        .order_by(Shift.starts_at),
    )
    current = {
        activity_id: ScheduledSpan(start, end, kind)
        for activity_id, kind, start, end in _rows(
            session,
            select(
                ShiftActivity.id, ShiftActivity.kind, ShiftActivity.starts_at, ShiftActivity.ends_at
            ).where(ShiftActivity.id.in_([row[1] for row in shifts if row[1] is not None])),
        )
    }
    result: dict[int, tuple[ScheduledSpan | None, datetime]] = {}
    for agent_id, activity_id, start, end in shifts:
        segment = current.get(activity_id) or ScheduledSpan(start, end, None)
        result[agent_id] = (segment, segment.start)
    return result


def _rows(session: Session, query: Select[Any]) -> Sequence[Row[Any]]:
    """All rows of a Core query on the session's connection, fetched at once.

    With 2,000 agents the ORM's row handling and one-row-at-a-time fetching
    cost more than the queries themselves.
    """
    return session.connection().execute(query).all()
