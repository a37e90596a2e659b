"""A training session put on an agent's schedule from their profile.

It goes through the same save as the schedule editor (``save_week``: per-cell
locking, overlap and time-off refusals, audit rows), so a session booked from
the profile and one drawn in the grid are the same thing to ``schedule check``.
Inside a shift that covers it, the session becomes a Training activity of that
shift; on a day without one, a shift of the session's length is added (a draft
until the week is published) holding the Training activity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_rule_types import Violation
from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift
from supervisor_app.services.database import Database
from supervisor_app.services.schedules.publish import check_schedule
from supervisor_app.services.schedules.save import save_week
from supervisor_app.services.schedules.week import load_week
from supervisor_app.store.models import Agent, Site

MAX_SESSION_MINUTES = 8 * 60


@dataclass(frozen=True, slots=True)
class BookedSession:
    starts_at: datetime  # UTC
    ends_at: datetime
    new_shift: bool  # a shift was added for it (no shift covered the time)
    violations: tuple[Violation, ...]  # the agent's rule breaks that week, as schedule check says


def schedule_training(
    db: Database, agent_id: int, day: date, start: time, minutes: int, user: str
) -> BookedSession:
    """Book ``minutes`` of training for the agent from ``start`` (local) on ``day``."""
    if not 15 <= minutes <= MAX_SESSION_MINUTES:
        raise UserError(f"a training session of {minutes} min refused: 15 to 480 minutes")
    with db.sessions() as session:
        row = session.execute(
            select(Agent.team_id, Agent.site_id, Site.timezone)
            .join(Site, Site.id == Agent.site_id)
            .where(Agent.id == agent_id)
        ).first()
    if row is None:
        raise UserError(f"no agent with id {agent_id}")
    team_id, site_id, zone_name = row
    if team_id is None:
        raise UserError("the agent is in no team: put them in a team to schedule them")
    zone = ZoneInfo(zone_name)
    starts = datetime.combine(day, start, zone).astimezone(ZoneInfo("UTC"))
    ends = starts + timedelta(minutes=minutes)
    monday = day - timedelta(days=day.weekday())
    week = load_week(db, monday, [team_id], site_id)
    activity = PlannedActivity(ActivityKind.TRAINING, starts, ends)
    host = next(
        (
            s
            for s in week.shifts
            if s.agent_id == agent_id and s.starts_at <= starts and ends <= s.ends_at
        ),
        None,
    )
    if host is not None:
        booked = replace(host, activities=(*host.activities, activity))
        shifts = tuple(booked if s is host else s for s in week.shifts)
    else:
        shifts = (*week.shifts, PlannedShift(agent_id, starts, ends, activities=(activity,)))
    result = save_week(db, week, replace(week, shifts=shifts), user)
    if result.conflicts:
        raise UserError(result.conflicts[0].message)
    mine = tuple(v for v in check_schedule(db, monday, site_id) if v.agent_id == agent_id)
    return BookedSession(starts, ends, host is None, mine)
