"""The planner's edits on a week, as pure functions: old week in, new week out.

The editor's undo commands call these (redo = apply, undo = put the old week
back), the property tests call them in random order, and nothing here touches
a database, so an edit can be tested with a hand-made week. Shifts and
activities are found by their ``key``; an unknown key raises ``KeyError`` (a
bug in the caller, not a user mistake). Edits don't enforce the labour rules:
the grid shows what ``schedule_rules.check_week`` says about the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.domain.schedule_copy import (
    copy_day,
    copy_of,
    copy_week,
    copy_week_to_agents,
    from_template,
    shifts_on,
    snap,
)
from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift, ScheduleWeek

__all__ = [
    "add_activity",
    "add_shift",
    "copy_day",
    "copy_of",
    "copy_week",
    "copy_week_to_agents",
    "delete_activity",
    "delete_shift",
    "delete_shifts",
    "find_shift",
    "from_template",
    "move_activity",
    "move_shift",
    "move_shifts",
    "resize_activity",
    "resize_shift",
    "shifts_on",
    "snap",
]


def find_shift(week: ScheduleWeek, shift_key: str) -> PlannedShift:
    for shift in week.shifts:
        if shift.key == shift_key:
            return shift
    raise KeyError(f"no shift {shift_key} in the week")


def _with_shift(
    week: ScheduleWeek, shift_key: str, change: Callable[[PlannedShift], PlannedShift]
) -> ScheduleWeek:
    find_shift(week, shift_key)
    shifts = tuple(change(s) if s.key == shift_key else s for s in week.shifts)
    return replace(week, shifts=shifts)


def _edited(shift: PlannedShift, **changes: object) -> PlannedShift:
    """A changed shift is a draft again: publishing is what makes it visible."""
    return replace(shift, status=ShiftStatus.DRAFT, **changes)  # type: ignore[arg-type]


# --- shifts ---------------------------------------------------------------


def add_shift(week: ScheduleWeek, shift: PlannedShift) -> ScheduleWeek:
    """``week`` with ``shift`` added (the caller makes it, with its key, so undo can find it)."""
    if any(s.key == shift.key for s in week.shifts):
        raise ValueError(f"shift key {shift.key} is already in the week")
    return replace(week, shifts=(*week.shifts, shift))


def move_shift(
    week: ScheduleWeek, shift_key: str, delta: timedelta, *, to_agent: int | None = None
) -> ScheduleWeek:
    """The shift and its activities ``delta`` later (earlier if < 0), maybe to another agent."""
    return move_shifts(week, (shift_key,), delta, to_agent=to_agent)


def move_shifts(
    week: ScheduleWeek, shift_keys: Iterable[str], delta: timedelta, *, to_agent: int | None = None
) -> ScheduleWeek:
    """Several shifts moved together (a multi-selection dragged as one)."""
    keys = set(shift_keys)
    for key in keys:
        find_shift(week, key)

    def moved(s: PlannedShift) -> PlannedShift:
        acts = tuple(
            replace(a, starts_at=a.starts_at + delta, ends_at=a.ends_at + delta)
            for a in s.activities
        )
        return _edited(
            s,
            agent_id=s.agent_id if to_agent is None else to_agent,
            starts_at=s.starts_at + delta,
            ends_at=s.ends_at + delta,
            activities=acts,
        )

    return replace(week, shifts=tuple(moved(s) if s.key in keys else s for s in week.shifts))


def resize_shift(
    week: ScheduleWeek,
    shift_key: str,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> ScheduleWeek:
    """New start and/or end; activities stay where they are (the rules flag any left outside).

    Raises ``ValueError`` if the shift would end at or before its start.
    """
    shift = find_shift(week, shift_key)
    start = shift.starts_at if starts_at is None else starts_at
    end = shift.ends_at if ends_at is None else ends_at
    if end <= start:
        raise ValueError("a shift must end after it starts")
    return _with_shift(week, shift_key, lambda s: _edited(s, starts_at=start, ends_at=end))


def delete_shift(week: ScheduleWeek, shift_key: str) -> ScheduleWeek:
    return delete_shifts(week, (shift_key,))


def delete_shifts(week: ScheduleWeek, shift_keys: Iterable[str]) -> ScheduleWeek:
    keys = set(shift_keys)
    for key in keys:
        find_shift(week, key)
    return replace(week, shifts=tuple(s for s in week.shifts if s.key not in keys))


# --- activities -------------------------------------------------------------


def _with_activity(
    week: ScheduleWeek,
    shift_key: str,
    activity_key: str,
    change: Callable[[PlannedActivity], PlannedActivity | None],
) -> ScheduleWeek:
    def apply(shift: PlannedShift) -> PlannedShift:
        if not any(a.key == activity_key for a in shift.activities):
            raise KeyError(f"no activity {activity_key} in shift {shift_key}")
        acts = []
        for act in shift.activities:
            new = change(act) if act.key == activity_key else act
            if new is not None:
                acts.append(new)
        return _edited(shift, activities=_sorted(acts))

    return _with_shift(week, shift_key, apply)


def _sorted(acts: Iterable[PlannedActivity]) -> tuple[PlannedActivity, ...]:
    return tuple(sorted(acts, key=lambda a: (a.starts_at, a.ends_at, a.key)))


def add_activity(week: ScheduleWeek, shift_key: str, activity: PlannedActivity) -> ScheduleWeek:
    if activity.ends_at <= activity.starts_at:
        raise ValueError("an activity must end after it starts")
    return _with_shift(
        week,
        shift_key,
        lambda s: _edited(s, activities=_sorted((*s.activities, activity))),
    )


def move_activity(
    week: ScheduleWeek, shift_key: str, activity_key: str, delta: timedelta
) -> ScheduleWeek:
    return _with_activity(
        week,
        shift_key,
        activity_key,
        lambda a: replace(a, starts_at=a.starts_at + delta, ends_at=a.ends_at + delta),
    )


def resize_activity(
    week: ScheduleWeek,
    shift_key: str,
    activity_key: str,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> ScheduleWeek:
    def change(a: PlannedActivity) -> PlannedActivity:
        start = a.starts_at if starts_at is None else starts_at
        end = a.ends_at if ends_at is None else ends_at
        if end <= start:
            raise ValueError("an activity must end after it starts")
        return replace(a, starts_at=start, ends_at=end)

    return _with_activity(week, shift_key, activity_key, change)


def delete_activity(week: ScheduleWeek, shift_key: str, activity_key: str) -> ScheduleWeek:
    return _with_activity(week, shift_key, activity_key, lambda a: None)
