"""Putting a week back together after a partial save or reload, cell by cell.

A cell is one agent on one local day (``domain/schedule_diff``). After a save
that refused some cells, the new original is the committed week except in the
refused cells, which keep what the planner loaded — so the next save still sees
the colleague's change — and the draft keeps the planner's edits there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from zoneinfo import ZoneInfo

from supervisor_app.domain.schedule_diff import Cell, cell_of
from supervisor_app.domain.schedule_types import ScheduleWeek


def merge_cells(base: ScheduleWeek, source: ScheduleWeek, cells: Iterable[Cell]) -> ScheduleWeek:
    """``base`` with the shifts of ``cells`` taken from ``source`` instead."""
    wanted = set(cells)
    if not wanted:
        return base
    zone = ZoneInfo(base.timezone)
    kept = tuple(s for s in base.shifts if cell_of(s, zone) not in wanted)
    taken = tuple(s for s in source.shifts if cell_of(s, zone) in wanted)
    return replace(base, shifts=kept + taken)


def after_save(
    original: ScheduleWeek, edited: ScheduleWeek, fresh: ScheduleWeek, refused: Iterable[Cell]
) -> tuple[ScheduleWeek, ScheduleWeek]:
    """(new original, new draft) once a save wrote all but the ``refused`` cells."""
    cells = set(refused)
    return merge_cells(fresh, original, cells), merge_cells(fresh, edited, cells)


def take_theirs(
    original: ScheduleWeek, draft: ScheduleWeek, fresh: ScheduleWeek, cells: Iterable[Cell]
) -> tuple[ScheduleWeek, ScheduleWeek]:
    """(new original, new draft) with ``cells`` reloaded from ``fresh``, the rest untouched."""
    cells = set(cells)
    return merge_cells(original, fresh, cells), merge_cells(draft, fresh, cells)
