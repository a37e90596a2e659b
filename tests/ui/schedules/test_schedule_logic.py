"""The editor's Qt-free parts: the time scale on DST weeks, the incremental rule check
against a full one, pasting days, and rebuilding a week after a partial save."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.schedule_rules import RuleSettings, check_week
from supervisor_app.domain.schedule_types import PlannedShift
from supervisor_app.ui.schedules.grid.geometry import TimeScale, week_bounds
from supervisor_app.ui.schedules.week import draft_edits as de
from supervisor_app.ui.schedules.week.recheck import recheck
from supervisor_app.ui.schedules.week.save_merge import after_save, take_theirs
from supervisor_app.ui.schedules.week.week_index import WeekIndex

from .synthetic import MONDAY, local, week_of

LONDON = ZoneInfo("Europe/London")


def test_a_spring_forward_week_is_an_hour_short_and_snaps_to_local_quarter_hours() -> None:
    # Europe/London moves to BST at 01:00 UTC on Sunday 29 March 2026.
    start, end = week_bounds(date(2026, 3, 23), LONDON)
    scale = TimeScale(start, end, 15, px_per_min=1.0)
    assert scale.total_minutes == 7 * 24 * 60 - 60
    sunday_9am = datetime(2026, 3, 29, 9, 0, tzinfo=LONDON).astimezone(UTC)  # 08:00 UTC
    x = scale.x(sunday_9am)
    assert scale.snapped_time_at(x + 7) == sunday_9am  # 09:07 → 09:00 local
    assert scale.snapped_time_at(x + 8) == sunday_9am + timedelta(minutes=15)
    assert scale.snapped_time_at(-50) == start and scale.snapped_time_at(10**6) == end


def test_the_incremental_rule_check_equals_a_full_check_after_random_edits() -> None:
    rng = random.Random(11)
    week = week_of(60)
    settings = RuleSettings()
    index = recheck(None, None, week, settings)
    for _ in range(120):
        keys = [s.key for s in week.shifts]
        pick = rng.choice(keys)
        action = rng.randrange(4)
        if action == 0:
            edited = de.move(week, (pick,), timedelta(minutes=15 * rng.randint(-40, 40)))
        elif action == 1:
            shift = next(s for s in week.shifts if s.key == pick)
            end = shift.ends_at + timedelta(minutes=15 * rng.randint(-20, 20))
            edited = de.resize(week, pick, shift.starts_at, end)
        elif action == 2:
            d = rng.randrange(7)
            start, end = local(d, 420), local(d, 420 + 60 * rng.randint(2, 12))
            edited = de.create_shift(week, rng.randint(1, 60), start, end)
        else:
            edited = de.delete(week, (pick,))
        new_week = edited[0]
        index = recheck(index, week, new_week, settings)
        week = new_week
        full = sorted(check_week(week, settings), key=repr)
        assert sorted(index.all_violations(), key=repr) == full


def shift(agent: int, day: int, start: int, minutes: int = 480) -> PlannedShift:
    return PlannedShift(agent, local(day, start), local(day, start + minutes))


def test_pasting_a_day_replaces_the_target_days_and_keeps_wall_clock_time() -> None:
    week = replace(week_of(3), shifts=(shift(1, 0, 480), shift(2, 1, 600), shift(2, 1, 1200, 60)))
    clip = de.copy_span(week, [1], MONDAY, 1)
    pasted, keys = de.paste(week, clip, MONDAY + timedelta(days=1), [2, 3])
    got = sorted((s.agent_id, s.starts_at, s.ends_at) for s in pasted.shifts)
    assert got == [
        (1, local(0, 480), local(0, 960)),
        (2, local(1, 480), local(1, 960)),  # Ben's two Tuesday shifts replaced
        (3, local(1, 480), local(1, 960)),
    ]
    assert len(keys) == 2 and all(s.id is None for s in pasted.shifts if s.key in keys)


def test_after_a_partial_save_refused_cells_keep_the_loaded_original_and_my_edits() -> None:
    zone_day = MONDAY
    loaded = replace(
        week_of(3), shifts=(replace(shift(1, 0, 480), id=1, version=1, key="shift-1"),)
    )
    mine = replace(
        loaded, shifts=(replace(loaded.shifts[0], starts_at=local(0, 540)), shift(2, 1, 480))
    )
    committed = replace(
        loaded,
        shifts=(
            replace(loaded.shifts[0], starts_at=local(0, 600), version=2),  # a colleague's
            replace(shift(2, 1, 480), id=2, version=1, key="shift-2"),  # my saved new shift
        ),
    )
    refused = {(1, zone_day)}
    original, draft = after_save(loaded, mine, committed, refused)
    assert [s.starts_at for s in original.shifts if s.agent_id == 1] == [local(0, 480)]
    assert [s.starts_at for s in draft.shifts if s.agent_id == 1] == [local(0, 540)]
    assert [s.key for s in original.shifts if s.agent_id == 2] == ["shift-2"]
    assert [s.key for s in draft.shifts if s.agent_id == 2] == ["shift-2"]
    original, draft = take_theirs(original, draft, committed, refused)
    assert original == draft == replace(committed, shifts=draft.shifts)
    assert sorted(s.key for s in draft.shifts) == ["shift-1", "shift-2"]


def test_an_index_groups_by_agent_in_time_order() -> None:
    week = replace(week_of(2), shifts=(shift(1, 2, 480), shift(1, 0, 480), shift(2, 1, 480)))
    index = WeekIndex.build(week, [])
    assert [s.starts_at for s in index.of(1)] == [local(0, 480), local(2, 480)]
    assert index.of(9) == []
