"""Every active agent now: state, current contact, scheduled activity and adherence.

A fixed handful of grouped queries whatever the number of agents, each reading
through an index only what is current (current state spans, shifts in
progress, busy agents' latest contact), then one pass in Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    DateTime,
    Row,
    Select,
    String,
    and_,
    bindparam,
    cast,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.adherence import AdherenceNow, ScheduledSpan, adherence_now
from supervisor_app.domain.enums import AgentState
from supervisor_app.services.live.rows import AgentRow
from supervisor_app.services.schedules import (
    MAX_SHIFT,
    Approval,
    approvals_between,
    shifts_in_progress,
)
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    AgentStateSpan,
    Contact,
    Queue,
    Shift,
    ShiftActivity,
    Team,
)

ON_A_CONTACT = (AgentState.ON_CONTACT, AgentState.WRAP_UP)


@cache
def _agents_query() -> Select[Any]:
    """Every active agent with team, current state and skills, in one statement.

    Built once: it has no parameters, and constructing a select costs more in
    Python than running it. Skills come folded into one text per agent
    (``aggregate_strings``), 2,000 rows instead of one per skill.
    """
    skills = (
        select(
            AgentSkill.agent_id,
            func.aggregate_strings(cast(AgentSkill.queue_id, String), ",").label("queues"),
        )
        .group_by(AgentSkill.agent_id)
        .subquery("skills")
    )
    return (
        select(
            Agent.id,
            Agent.name,
            Team.name,
            # State and start read as the driver gives them, made an AgentState and UTC
            # only for the rows rebuilt (``_agent_row``), not 2,000 times per refresh.
            type_coerce(AgentStateSpan.state, String()),
            AgentStateSpan.reason,
            type_coerce(AgentStateSpan.started_at, DateTime(timezone=True)),
            Agent.team_id,
            skills.c.queues,
            Agent.site_id,
        )
        .join(
            AgentStateSpan,
            and_(AgentStateSpan.agent_id == Agent.id, AgentStateSpan.ended_at.is_(None)),
            isouter=True,
        )
        .join(Team, Team.id == Agent.team_id, isouter=True)
        .join(skills, skills.c.agent_id == Agent.id, isouter=True)
        .where(Agent.active.is_(True))
        .order_by(Agent.name)
    )


class AgentRowCache:
    """The rows of the last refresh, by agent, with what each was built from.

    Between two refreshes most of 2,000 agents change nothing, and building their
    rows (adherence, approvals, the dataclass) was the larger part of a snapshot's
    Python. A row is reused when everything it was built from is unchanged and it
    does not depend on the clock: the agent is in adherence because the state is
    what the schedule expects (not merely within the grace period, which runs
    out) and no approval applies. Replaced whole on each call, so threads sharing
    it only ever read a finished mapping.
    """

    def __init__(self) -> None:
        self.rows: dict[int, tuple[tuple[Any, ...], AgentRow]] = {}


def agent_rows(
    session: Session,
    now: datetime,
    day_start: datetime,
    grace: timedelta,
    cache: AgentRowCache | None = None,
) -> list[AgentRow]:
    contacts = _current_contacts(session, now, day_start)
    schedule = _schedule_now(session, now)
    approvals = approvals_between(session, now, now)
    queue_ids: dict[str | None, tuple[int, ...]] = {None: ()}  # few distinct skill sets
    before = cache.rows if cache is not None else {}
    kept: dict[int, tuple[tuple[Any, ...], AgentRow]] = {}
    rows = []
    for db_row in fetch_all(session, _agents_query()):
        agent_id = db_row[0]
        planned = schedule.get(agent_id)
        contact = contacts.get(agent_id)
        # A plain tuple: compared in C, where a Row compares field by field in Python.
        key = (tuple(db_row), planned, contact, day_start, grace)
        old = before.get(agent_id)
        if old is not None and old[0] == key and agent_id not in approvals:
            row = old[1]
        else:
            row = _agent_row(db_row, planned, contact, approvals, queue_ids, now, day_start, grace)
        if row.adherence.mismatch_since is None and row.approved_by is None:
            kept[agent_id] = (key, row)
        rows.append(row)
    if cache is not None:
        cache.rows = kept
    return rows


def _agent_row(
    db_row: Row[Any],
    planned: tuple[ScheduledSpan | None, datetime] | None,
    contact: tuple[int, str] | None,
    approvals: dict[int, list[Approval]],
    queue_ids: dict[str | None, tuple[int, ...]],
    now: datetime,
    day_start: datetime,
    grace: timedelta,
) -> AgentRow:
    agent_id, name, team, state, reason, since, team_id, skills, site_id = db_row
    state = AgentState(state) if state else AgentState.OFFLINE
    since = _utc(since) if since is not None else day_start
    scheduled, scheduled_since = planned or (None, day_start)
    contact_id, contact_queue = contact or (None, None)
    if state not in ON_A_CONTACT:
        contact_id, contact_queue = None, None
    adherence = adherence_now(state, since, scheduled, scheduled_since, now, grace)
    approval = _covering(approvals.get(agent_id, ()), adherence, now)
    skilled = queue_ids.get(skills)
    if skilled is None:
        skilled = queue_ids[skills] = tuple(sorted(int(q) for q in skills.split(",")))
    return AgentRow(
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
        queue_ids=skilled,
        approved_by=approval.approved_by if approval else None,
        team_id=team_id,
        site_id=site_id,
    )


def _utc(moment: datetime) -> datetime:
    """A driver's timestamp as an aware UTC one (SQLite's come naive, already UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


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
    rows = fetch_all(session, _current_contacts_query(), {"now": now, "day_start": day_start})
    return {agent_id: (contact_id, queue) for agent_id, contact_id, queue in rows}


@cache
def _current_contacts_query() -> Select[Any]:
    """Built once, with the moments as parameters (``now``, ``day_start``): constructing it
    cost more Python than running it, at every refresh."""
    now, day_start = bindparam("now"), bindparam("day_start")
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
        .where(AgentStateSpan.ended_at.is_(None), AgentStateSpan.state.in_(ON_A_CONTACT))
        .subquery()
    )
    return (
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
    shifts = fetch_all(
        session,
        _shifts_now_query(),
        {"now": now, "later": now + timedelta(microseconds=1), "earliest": now - MAX_SHIFT},
    )
    current = {
        activity_id: ScheduledSpan(start, end, kind)
        for activity_id, kind, start, end in fetch_all(
            session, _activities_query(), {"ids": [row[1] for row in shifts if row[1] is not None]}
        )
    }
    result: dict[int, tuple[ScheduledSpan | None, datetime]] = {}
    for agent_id, activity_id, start, end in shifts:
        segment = current.get(activity_id) or ScheduledSpan(start, end, None)
        result[agent_id] = (segment, segment.start)
    return result


@cache
def _shifts_now_query() -> Select[Any]:
    """``_schedule_now``'s first statement, built once with the moments as parameters."""
    now = bindparam("now")
    act = aliased(ShiftActivity)

    def around(column: Any, *where: ColumnElement[bool]) -> Any:
        return select(column).where(act.shift_id == Shift.id, *where).scalar_subquery()

    return (
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
        .where(*shifts_in_progress(now, bindparam("later"), bindparam("earliest")))
        .order_by(Shift.starts_at)
    )


@cache
def _activities_query() -> Select[Any]:
    """The activities in progress by id (``ids``), built once."""
    return select(
        ShiftActivity.id, ShiftActivity.kind, ShiftActivity.starts_at, ShiftActivity.ends_at
    ).where(ShiftActivity.id.in_(bindparam("ids", expanding=True)))


def fetch_all(
    session: Session, query: Select[Any], params: Mapping[str, Any] | None = None
) -> Sequence[Row[Any]]:
    """All rows of a Core query on the session's connection, fetched at once, with
    ``params`` bound (the statements built once take the moment as a parameter).

    With 2,000 agents the ORM's row handling and one-row-at-a-time fetching
    cost more than the queries themselves.
    """
    return session.connection().execute(query, params).all()
