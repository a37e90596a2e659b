"""The planner's gestures as edits of the week, built on ``domain/schedule_edits``.

The domain functions do one thing each (move these keys, resize that one); a
gesture sometimes needs a little more — a new shift needs a key the grid keeps
selected, an activity dropped near a shift's end is pulled back inside, a paste
replaces what the target day had. Every function returns the new week and the
keys to keep selected. Nothing here touches Qt or the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain import schedule_edits as ed
from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    ScheduleWeek,
    ShiftTemplate,
)

Edited = tuple[ScheduleWeek, tuple[str, ...]]

DEFAULT_ACTIVITY_MINUTES: dict[ActivityKind, int] = {
    ActivityKind.BREAK: 15,
    ActivityKind.LUNCH: 30,
    ActivityKind.TRAINING: 60,
    ActivityKind.MEETING: 30,
    ActivityKind.COACHING: 30,
    ActivityKind.OFF_PHONE: 60,
}


def create_shift(
    week: ScheduleWeek, agent_id: int, starts_at: datetime, ends_at: datetime
) -> Edited:
    shift = PlannedShift(agent_id, starts_at, ends_at)
    return ed.add_shift(week, shift), (shift.key,)


def create_from_template(
    week: ScheduleWeek, agent_id: int, day: date, tpl: ShiftTemplate
) -> Edited:
    shift = ed.from_template(tpl, agent_id, day, week.timezone)
    return ed.add_shift(week, shift), (shift.key,)


def move(
    week: ScheduleWeek, keys: Sequence[str], delta: timedelta, to_agent: int | None = None
) -> Edited:
    return ed.move_shifts(week, keys, delta, to_agent=to_agent), tuple(keys)


def resize(week: ScheduleWeek, key: str, starts_at: datetime, ends_at: datetime) -> Edited:
    if ends_at <= starts_at:
        return week, (key,)
    return ed.resize_shift(week, key, starts_at=starts_at, ends_at=ends_at), (key,)


def delete(week: ScheduleWeek, keys: Sequence[str]) -> Edited:
    return ed.delete_shifts(week, keys), ()


def add_activity(
    week: ScheduleWeek, shift: PlannedShift, kind: ActivityKind, starts_at: datetime
) -> tuple[ScheduleWeek, tuple[str, ...], str]:
    """A default-length activity at ``starts_at``, pulled back inside the shift if it overruns."""
    shift_minutes = int((shift.ends_at - shift.starts_at).total_seconds() // 60)
    length = timedelta(minutes=min(DEFAULT_ACTIVITY_MINUTES[kind], shift_minutes))
    start = min(max(starts_at, shift.starts_at), shift.ends_at - length)
    act = PlannedActivity(kind, start, start + length)
    return ed.add_activity(week, shift.key, act), (shift.key,), act.key


def change_activity(
    week: ScheduleWeek, shift_key: str, act_key: str, starts_at: datetime, ends_at: datetime
) -> Edited:
    if ends_at <= starts_at:
        return week, (shift_key,)
    return (
        ed.resize_activity(week, shift_key, act_key, starts_at=starts_at, ends_at=ends_at),
        (shift_key,),
    )


def delete_activity(week: ScheduleWeek, shift_key: str, act_key: str) -> Edited:
    return ed.delete_activity(week, shift_key, act_key), (shift_key,)


@dataclass(frozen=True)
class Clip:
    """What Ctrl+C took: the agents' shifts of a day (or a week), kept across week changes."""

    shifts: tuple[PlannedShift, ...]
    agents: tuple[int, ...]
    first_day: date
    days: int  # 1 for a day, 7 for a week
    timezone: str


def copy_span(week: ScheduleWeek, agents: Iterable[int], first_day: date, days: int) -> Clip:
    zone = ZoneInfo(week.timezone)
    wanted = tuple(dict.fromkeys(agents))
    last = first_day + timedelta(days=days)
    picked = tuple(
        s
        for s in week.shifts
        if s.agent_id in wanted and first_day <= s.starts_at.astimezone(zone).date() < last
    )
    return Clip(picked, wanted, first_day, days, week.timezone)


def paste(week: ScheduleWeek, clip: Clip, first_day: date, agents: Sequence[int]) -> Edited:
    """The clip laid from local ``first_day`` onto ``agents``.

    One copied agent goes to every target agent; several go to as many targets,
    in order (extra copied agents are left out). The targets' shifts on the
    pasted days are replaced, so a pasted day looks like the copied one.
    """
    zone = ZoneInfo(week.timezone)
    if len(clip.agents) == 1:
        pairs = [(clip.agents[0], a) for a in agents]
    else:
        pairs = list(zip(clip.agents, agents, strict=False))
    last = first_day + timedelta(days=clip.days)
    targets = {t for _, t in pairs}
    kept = tuple(
        s
        for s in week.shifts
        if not (s.agent_id in targets and first_day <= s.starts_at.astimezone(zone).date() < last)
    )
    offset = (first_day - clip.first_day).days
    copies = tuple(
        ed.copy_of(s, zone, offset, target)
        for source, target in pairs
        for s in clip.shifts
        if s.agent_id == source
    )
    return replace(week, shifts=kept + copies), tuple(c.key for c in copies)
