"""Loading a site's week of schedules for the editor, the rules and the CLI.

What is loaded is what a save later compares against: every shift and
activity carries the version it had at this moment (optimistic locking).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    RosterAgent,
    ScheduleWeek,
    TimeOffBand,
    activity_key_for,
    shift_key_for,
)
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.database import Database
from supervisor_app.services.people import training_holds
from supervisor_app.services.sites import the_site
from supervisor_app.store.models import Agent, AgentSkill, Queue, Shift, Site, Team, TimeOff

# How far around the week the rules look for rest and overlap (``context_shifts``).
CONTEXT_BEFORE, CONTEXT_AFTER = timedelta(days=2), timedelta(days=1)


def require_monday(week_start: date) -> None:
    if week_start.weekday() != 0:
        raise UserError(f"a schedule week starts on a Monday; {week_start} is a {week_start:%A}")


def week_bounds(week_start: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of the local Monday midnight and the next one (DST weeks included)."""
    start, _ = local_day_bounds(week_start, zone)
    end, _ = local_day_bounds(week_start + timedelta(days=7), zone)
    return start, end


def shift_value(row: Shift) -> PlannedShift:
    acts = tuple(
        PlannedActivity(
            a.kind, a.starts_at, a.ends_at, id=a.id, version=a.version, key=activity_key_for(a.id)
        )
        for a in sorted(row.activities, key=lambda a: (a.starts_at, a.ends_at, a.id))
    )
    return PlannedShift(
        row.agent_id,
        row.starts_at,
        row.ends_at,
        acts,
        status=row.status,
        id=row.id,
        version=row.version,
        key=shift_key_for(row.id),
    )


def time_off_value(row: TimeOff) -> TimeOffBand:
    return TimeOffBand(
        row.agent_id, row.starts_at, row.ends_at, row.status, row.reason, row.id, row.version
    )


def shifts_of(
    session: Session, agent_ids: Iterable[int], start: datetime, end: datetime
) -> list[Shift]:
    """ORM rows of the agents' shifts that start in ``[start, end)``, activities loaded."""
    ids = sorted(set(agent_ids))
    if not ids:
        return []
    query = (
        select(Shift)
        .options(selectinload(Shift.activities))
        .where(Shift.agent_id.in_(ids), Shift.starts_at >= start, Shift.starts_at < end)
        .order_by(Shift.agent_id, Shift.starts_at, Shift.id)
    )
    return list(session.scalars(query))


def _roster(session: Session, site_id: int, team_ids: Iterable[int] | None) -> list[RosterAgent]:
    query = (
        select(Agent, Team.name)
        .join(Team, Team.id == Agent.team_id)
        .where(Team.site_id == site_id, Agent.active.is_(True))
        .order_by(Team.name, Agent.name, Agent.id)
    )
    if team_ids is not None:
        query = query.where(Team.id.in_(list(team_ids)))
    rows = session.execute(query).all()
    skills: dict[int, list[str]] = defaultdict(list)
    ids = [agent.id for agent, _ in rows]
    if ids:
        skill_query = (
            select(AgentSkill.agent_id, Queue.name)
            .join(Queue, Queue.id == AgentSkill.queue_id)
            .where(AgentSkill.agent_id.in_(ids))
            .order_by(Queue.name)
        )
        for agent_id, queue in session.execute(skill_query):
            skills[agent_id].append(queue)
    return [
        RosterAgent(
            agent.id,
            agent.name,
            team,
            tuple(skills[agent.id]),
            float(agent.contracted_weekly_hours),
            float(agent.hourly_cost),
        )
        for agent, team in rows
    ]


def load_week(
    db: Database,
    week_start: date,
    team_ids: Iterable[int] | None = None,
    site_id: int | None = None,
) -> ScheduleWeek:
    """The site's roster (optionally only ``team_ids``), its shifts starting in the week, and
    the time off that touches the week. ``week_start`` must be a Monday."""
    require_monday(week_start)
    with db.sessions() as session:
        return week_in(session, the_site(session, site_id), week_start, team_ids)


def week_in(
    session: Session, site: Site, week_start: date, team_ids: Iterable[int] | None = None
) -> ScheduleWeek:
    """``load_week`` inside a caller's session (publishing checks it under its lock)."""
    zone = ZoneInfo(site.timezone)
    start, end = week_bounds(week_start, zone)
    agents = _roster(session, site.id, team_ids)
    ids = [a.agent_id for a in agents]
    shifts = [shift_value(row) for row in shifts_of(session, ids, start, end)]
    context = [
        shift_value(row)
        for row in shifts_of(session, ids, start - CONTEXT_BEFORE, start)
        + shifts_of(session, ids, end, end + CONTEXT_AFTER)
    ]
    time_off: list[TimeOffBand] = []
    if ids:
        query = (
            select(TimeOff)
            .where(TimeOff.agent_id.in_(ids), TimeOff.starts_at < end, TimeOff.ends_at > start)
            .order_by(TimeOff.agent_id, TimeOff.starts_at, TimeOff.id)
        )
        time_off = [time_off_value(row) for row in session.scalars(query)]
    return ScheduleWeek(
        week_start,
        site.timezone,
        site.interval_minutes,
        tuple(agents),
        tuple(shifts),
        tuple(time_off),
        tuple(context),
        site.id,
        training_holds(session, ids),
    )


def site_timezone(db: Database, site_id: int | None = None) -> str:
    """The site's IANA zone, to show a week's times as its planners read them."""
    with db.sessions() as session:
        return the_site(session, site_id).timezone
