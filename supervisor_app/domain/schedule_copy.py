"""Copying shifts to other days, weeks and agents, laying out templates, snapping to intervals.

Part of the editor's pure edits (``schedule_edits`` re-exports these). Copies
keep the local wall-clock time: a 09:00 shift copied across a DST change
still starts at 09:00 local. Copies are new, unsaved shifts with new keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    ScheduleWeek,
    ShiftTemplate,
    new_key,
)


def _wall_clock_move(instant: datetime, zone: ZoneInfo, days: int) -> datetime:
    """The same local wall-clock time ``days`` later: 09:00 stays 09:00 across a DST change."""
    local = instant.astimezone(zone)
    moved = datetime.combine(local.date() + timedelta(days=days), local.time(), tzinfo=zone)
    return moved.astimezone(UTC)


def copy_of(shift: PlannedShift, zone: ZoneInfo, days: int, agent_id: int) -> PlannedShift:
    """A new, unsaved copy of ``shift`` ``days`` later (local wall clock) for ``agent_id``."""
    acts = tuple(
        PlannedActivity(
            a.kind,
            _wall_clock_move(a.starts_at, zone, days),
            _wall_clock_move(a.ends_at, zone, days),
        )
        for a in shift.activities
    )
    return PlannedShift(
        agent_id,
        _wall_clock_move(shift.starts_at, zone, days),
        _wall_clock_move(shift.ends_at, zone, days),
        acts,
    )


def shifts_on(week: ScheduleWeek, agent_id: int, day: date) -> list[PlannedShift]:
    """The agent's shifts that start on local ``day``."""
    zone = ZoneInfo(week.timezone)
    return [
        s
        for s in week.shifts
        if s.agent_id == agent_id and s.starts_at.astimezone(zone).date() == day
    ]


def copy_day(
    week: ScheduleWeek,
    agent_id: int,
    day: date,
    to_days: Iterable[date],
    to_agents: Iterable[int] | None = None,
    *,
    replace_existing: bool = True,
) -> ScheduleWeek:
    """Copy the agent's shifts of ``day`` to each of ``to_days`` for each of ``to_agents``.

    ``to_agents`` defaults to the same agent. With ``replace_existing`` the
    target day's shifts are removed first (a copy makes the day look like the
    source), otherwise the copies are added beside them.
    """
    zone = ZoneInfo(week.timezone)
    source = shifts_on(week, agent_id, day)
    agents = [agent_id] if to_agents is None else list(to_agents)
    targets = [(a, d) for a in agents for d in to_days if (a, d) != (agent_id, day)]
    drop = set(targets) if replace_existing else set()
    kept = tuple(
        s for s in week.shifts if (s.agent_id, s.starts_at.astimezone(zone).date()) not in drop
    )
    copies = tuple(
        copy_of(s, zone, (target_day - day).days, target_agent)
        for target_agent, target_day in targets
        for s in source
    )
    return replace(week, shifts=kept + copies)


def copy_week(
    source: ScheduleWeek,
    target: ScheduleWeek,
    agent_ids: Iterable[int] | None = None,
    to_agent: int | None = None,
    *,
    replace_existing: bool = True,
) -> ScheduleWeek:
    """``target`` with ``source``'s shifts of ``agent_ids`` (default all) copied onto it.

    Shifts keep their local weekday and wall-clock time. ``to_agent`` copies
    one agent's week to another (then give a single agent id).
    """
    zone = ZoneInfo(target.timezone)
    days = (target.week_start - source.week_start).days
    wanted = None if agent_ids is None else set(agent_ids)
    picked = [s for s in source.shifts if wanted is None or s.agent_id in wanted]
    receivers = {to_agent if to_agent is not None else s.agent_id for s in picked}
    kept = (
        tuple(s for s in target.shifts if s.agent_id not in receivers)
        if replace_existing
        else target.shifts
    )
    copies = tuple(
        copy_of(s, zone, days, to_agent if to_agent is not None else s.agent_id) for s in picked
    )
    return replace(target, shifts=kept + copies)


def copy_week_to_agents(
    week: ScheduleWeek, agent_id: int, to_agents: Iterable[int], *, replace_existing: bool = True
) -> ScheduleWeek:
    """The agent's whole week copied to each of ``to_agents`` within the same week."""
    result = week
    for other in to_agents:
        if other != agent_id:
            result = copy_week(week, result, (agent_id,), other, replace_existing=replace_existing)
    return result


# --- templates and snapping -------------------------------------------------------


def from_template(template: ShiftTemplate, agent_id: int, day: date, timezone: str) -> PlannedShift:
    """A new shift on local ``day`` laid out as ``template`` says."""
    zone = ZoneInfo(timezone)
    midnight = datetime.combine(day, time(0), tzinfo=zone)

    def at(minute: int) -> datetime:
        # Wall-clock arithmetic in local time, so 09:00 is 09:00 on a DST day too.
        local = midnight + timedelta(minutes=minute)
        return datetime.combine(local.date(), local.time(), tzinfo=zone).astimezone(UTC)

    start = template.start_minute
    acts = tuple(
        PlannedActivity(
            a.kind, at(start + a.offset_minutes), at(start + a.offset_minutes + a.duration_minutes)
        )
        for a in template.activities
    )
    return PlannedShift(
        agent_id, at(start), at(start + template.duration_minutes), acts, key=new_key()
    )


def snap(instant: datetime, interval_minutes: int, timezone: str) -> datetime:
    """``instant`` rounded to the nearest interval boundary, aligned to local midnight."""
    zone = ZoneInfo(timezone)
    local = instant.astimezone(zone)
    midnight = datetime.combine(local.date(), time(0), tzinfo=zone).astimezone(UTC)
    step = interval_minutes * 60
    seconds = (instant - midnight).total_seconds()
    return midnight + timedelta(seconds=round(seconds / step) * step)
