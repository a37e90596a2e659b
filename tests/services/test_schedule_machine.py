"""Random edit histories against a real SQLite file (hypothesis ``RuleBasedStateMachine``).

A planner adds, moves, resizes and deletes shifts and activities, undoes and
redoes (an edit history like the editor's undo stack), saves; now and then a
colleague saves a change of their own in between. Invariants:

- the rules are consistent: every violation points at an agent and a shift of
  the week, and the result doesn't depend on the order of the shifts;
- the database never holds two overlapping shifts of one agent;
- after a save, every cell (agent, day) the planner changed and that was not
  refused holds exactly the planner's shifts, and every other cell holds what
  the database held just before the save (nothing lost, nothing invented).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from test_schedule_world import MONDAY, PLANNER_A, PLANNER_B, at, make_site

from supervisor_app.domain import schedule_edits as edits
from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.schedule_diff import Cell, cell_of, diff_weeks
from supervisor_app.domain.schedule_rules import RuleSettings, check_week
from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift, ScheduleWeek
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.schedules import load_week, save_week
from supervisor_app.store.models import Shift

QUARTER = timedelta(minutes=15)
_TEMPLATE: dict[str, Path] = {}


def cells_content(week: ScheduleWeek) -> dict[Cell, list[tuple[object, ...]]]:
    zone = ZoneInfo(week.timezone)
    out: dict[Cell, list[tuple[object, ...]]] = {}
    for s in week.shifts:
        acts = tuple(sorted((a.kind.value, a.starts_at, a.ends_at) for a in s.activities))
        out.setdefault(cell_of(s, zone), []).append((s.starts_at, s.ends_at, acts))
    return {cell: sorted(v) for cell, v in out.items()}


def db_overlaps(db: Database) -> int:
    a, b = aliased(Shift), aliased(Shift)
    with db.sessions() as s:
        query = (
            select(func.count())
            .select_from(a)
            .join(b, (a.agent_id == b.agent_id) & (a.id < b.id))
            .where(a.starts_at < b.ends_at, b.starts_at < a.ends_at)
        )
        return int(s.scalar(query) or 0)


class EditHistory(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        folder = _TEMPLATE["dir"] / f"run{id(self)}"
        folder.mkdir()
        shutil.copy(_TEMPLATE["file"], folder / "s.db")
        self.db = open_database(f"sqlite:///{folder / 's.db'}", upgrade=False)
        self.folder = folder
        self.original = load_week(self.db, MONDAY)
        self.week = self.original
        self.undo: list[ScheduleWeek] = []
        self.redo: list[ScheduleWeek] = []

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _edit(self, new: ScheduleWeek) -> None:
        self.undo.append(self.week)
        self.redo.clear()
        self.week = new

    def _pick(self, index: int) -> PlannedShift:
        return self.week.shifts[index % len(self.week.shifts)]

    @initialize()
    def start(self) -> None:
        assert self.week.shifts == ()

    @rule(
        agent=st.integers(1, 3),
        day=st.integers(0, 6),
        start=st.integers(0, 95),
        quarters=st.integers(2, 44),
        with_break=st.booleans(),
    )
    def add(self, agent: int, day: int, start: int, quarters: int, with_break: bool) -> None:
        begin = at(day, "00:00") + start * QUARTER
        end = begin + quarters * QUARTER
        acts = ()
        if with_break:
            acts = (PlannedActivity(ActivityKind.BREAK, begin + QUARTER, begin + 2 * QUARTER),)
        self._edit(edits.add_shift(self.week, PlannedShift(agent, begin, end, acts)))

    @precondition(lambda self: self.week.shifts)
    @rule(
        index=st.integers(0, 50),
        quarters=st.integers(-12, 12),
        agent=st.sampled_from([None, 1, 2, 3]),
    )
    def move(self, index: int, quarters: int, agent: int | None) -> None:
        key = self._pick(index).key
        self._edit(edits.move_shift(self.week, key, quarters * QUARTER, to_agent=agent))

    @precondition(lambda self: self.week.shifts)
    @rule(index=st.integers(0, 50), quarters=st.integers(1, 40))
    def resize(self, index: int, quarters: int) -> None:
        shift = self._pick(index)
        self._edit(
            edits.resize_shift(self.week, shift.key, ends_at=shift.starts_at + quarters * QUARTER)
        )

    @precondition(lambda self: self.week.shifts)
    @rule(index=st.integers(0, 50))
    def delete(self, index: int) -> None:
        self._edit(edits.delete_shift(self.week, self._pick(index).key))

    @precondition(lambda self: self.week.shifts)
    @rule(index=st.integers(0, 50), offset=st.integers(0, 8))
    def add_lunch(self, index: int, offset: int) -> None:
        shift = self._pick(index)
        begin = shift.starts_at + offset * QUARTER
        lunch = PlannedActivity(ActivityKind.LUNCH, begin, begin + 2 * QUARTER)
        self._edit(edits.add_activity(self.week, shift.key, lunch))

    @precondition(lambda self: any(s.activities for s in self.week.shifts))
    @rule(index=st.integers(0, 50), quarters=st.integers(-4, 4))
    def move_activity(self, index: int, quarters: int) -> None:
        with_acts = [s for s in self.week.shifts if s.activities]
        shift = with_acts[index % len(with_acts)]
        act = shift.activities[index % len(shift.activities)]
        self._edit(edits.move_activity(self.week, shift.key, act.key, quarters * QUARTER))

    @precondition(lambda self: self.undo)
    @rule()
    def undo_edit(self) -> None:
        self.redo.append(self.week)
        self.week = self.undo.pop()

    @precondition(lambda self: self.redo)
    @rule()
    def redo_edit(self) -> None:
        before = self.week
        self.week = self.redo.pop()
        self.undo.append(before)

    @rule(index=st.integers(0, 50), quarters=st.integers(-8, 8))
    def colleague_saves(self, index: int, quarters: int) -> None:
        theirs = load_week(self.db, MONDAY)
        if theirs.shifts:
            key = theirs.shifts[index % len(theirs.shifts)].key
            edited = edits.move_shift(theirs, key, quarters * QUARTER)
        else:
            edited = edits.add_shift(
                theirs, PlannedShift(1 + index % 3, at(index % 7, "09:00"), at(index % 7, "13:00"))
            )
        save_week(self.db, theirs, edited, PLANNER_B)

    @rule()
    def save(self) -> None:
        zone = ZoneInfo(self.week.timezone)
        touched = set().union(*(c.cells(zone) for c in diff_weeks(self.original, self.week)))
        before = cells_content(load_week(self.db, MONDAY))
        result = save_week(self.db, self.original, self.week, PLANNER_A)
        after_week = load_week(self.db, MONDAY)
        after = cells_content(after_week)
        mine = cells_content(self.week)
        refused = result.refused_cells
        week_days = {MONDAY + timedelta(days=d) for d in range(7)}
        loaded = cells_content(self.original)
        for cell in set(before) | set(after) | set(mine) | touched:
            if cell[1] not in week_days:
                continue  # shifts moved out of the loaded week are not in either load
            if cell in touched and before.get(cell, []) != loaded.get(cell, []):
                assert cell in refused, f"{cell}: a colleague's change was overwritten"
            expected = mine if cell in touched and cell not in refused else before
            assert after.get(cell, []) == expected.get(cell, []), (cell, result.conflicts)
        self.original = self.week = after_week
        self.undo.clear()
        self.redo.clear()

    @invariant()
    def rules_are_consistent(self) -> None:
        found = check_week(self.week, RuleSettings())
        keys = {s.key for s in self.week.shifts}
        agents = {s.agent_id for s in self.week.shifts}
        for v in found:
            assert v.shift_key is None or v.shift_key in keys
            assert v.agent_id in agents and v.starts_at <= v.ends_at
        shuffled = replace(self.week, shifts=tuple(reversed(self.week.shifts)))
        assert check_week(shuffled, RuleSettings()) == found

    @invariant()
    def database_never_overlaps(self) -> None:
        assert db_overlaps(self.db) == 0


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.db"
    db = open_database(f"sqlite:///{path}")
    make_site(db)
    db.close()
    return path


def test_random_edit_histories_keep_rules_and_database_in_step(
    template: Path, tmp_path: Path
) -> None:
    _TEMPLATE.update(file=template, dir=tmp_path)
    run_state_machine_as_test(
        EditHistory,
        settings=settings(
            max_examples=50,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )


def test_template_day_is_the_loaded_monday() -> None:
    assert date(2026, 11, 30) == MONDAY and MONDAY.weekday() == 0
