"""What a planner changed between the week as loaded and the week as edited.

A save writes only these changes, and locks and compares per *cell*: one
agent on one local day (the day a shift starts). Two planners may edit the
same week at once as long as they touch different cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift, ScheduleWeek

# (agent_id, local day)
Cell = tuple[int, date]


def cell_of(shift: PlannedShift, zone: ZoneInfo) -> Cell:
    return shift.agent_id, shift.starts_at.astimezone(zone).date()


def _activity_content(a: PlannedActivity) -> tuple[str, datetime, datetime]:
    return (a.kind.value, a.starts_at, a.ends_at)


def shift_content(shift: PlannedShift) -> tuple[object, ...]:
    """What a save writes of a shift (not keys, ids, versions or publication status)."""
    acts = sorted(_activity_content(a) for a in shift.activities)
    return (shift.agent_id, shift.starts_at, shift.ends_at, tuple(acts))


@dataclass(frozen=True)
class ShiftChange:
    """A shift created (``before`` None), deleted (``after`` None) or changed."""

    key: str
    before: PlannedShift | None
    after: PlannedShift | None

    def cells(self, zone: ZoneInfo) -> frozenset[Cell]:
        return frozenset(cell_of(s, zone) for s in (self.before, self.after) if s is not None)

    @property
    def action(self) -> str:
        if self.before is None:
            return "create"
        return "delete" if self.after is None else "update"


def diff_weeks(original: ScheduleWeek, edited: ScheduleWeek) -> list[ShiftChange]:
    """Changes from ``original`` to ``edited``, matched by shift key, in a stable order.

    Raises ``ValueError`` for an edited shift that claims a database id it was
    not loaded with (the editor must not invent ids).
    """
    before = {s.key: s for s in original.shifts}
    after = {s.key: s for s in edited.shifts}
    changes = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old is None and new is not None and new.id is not None:
            raise ValueError(f"shift {key} has id {new.id} but was not in the loaded week")
        if old is not None and new is not None:
            if new.id != old.id:
                raise ValueError(f"shift {key} changed its id")
            if shift_content(old) == shift_content(new):
                continue
        changes.append(ShiftChange(key, old, new))
    return changes


def shifts_in_cells(week: ScheduleWeek, cells: Iterable[Cell]) -> list[PlannedShift]:
    zone = ZoneInfo(week.timezone)
    wanted = set(cells)
    return [s for s in week.shifts if cell_of(s, zone) in wanted]


def keep_cells(fresh: ScheduleWeek, edited: ScheduleWeek, cells: Iterable[Cell]) -> ScheduleWeek:
    """``fresh`` (just reloaded) with ``edited``'s shifts in ``cells``: the planner's unsaved
    edits of refused cells kept on top of what the database holds now."""
    zone = ZoneInfo(fresh.timezone)
    wanted = set(cells)
    kept = tuple(s for s in fresh.shifts if cell_of(s, zone) not in wanted)
    return replace(fresh, shifts=kept + tuple(shifts_in_cells(edited, wanted)))


def in_week(week: ScheduleWeek, instant: datetime) -> bool:
    """True if ``instant`` falls on a local day of the week."""
    day = instant.astimezone(ZoneInfo(week.timezone)).date()
    return 0 <= (day - week.week_start).days < 7
