"""The editor's cached coverage (``CoverageCalculator``) against a fresh full recompute.

Random edits like the editor's (a shift moved, resized, added or deleted, an
activity added or removed, time off approved), each making a new week that
shares every untouched shift object with the last one, as the draft does. After
every edit the cached figures must equal a fresh ``coverage`` call's exactly:
``==`` on floats, not approx, as the table and chart must not drift from a reload.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain.coverage import CoverageCalculator, QueueDemand, coverage
from supervisor_app.domain.enums import ActivityKind, TimeOffStatus
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    RosterAgent,
    ScheduleWeek,
    TimeOffBand,
)

MONDAY = date(2026, 11, 23)  # London in November: local = UTC
QUEUES = ("Sales", "Billing", "Tech")
SKILLS = (("Sales",), ("Billing",), ("Sales", "Billing"), ("Tech", "Sales"), QUEUES, ())
STEP = 15
SIZE = 7 * 24 * 60 // STEP


def at(day: int, minute: int) -> datetime:
    return datetime(2026, 11, 23, tzinfo=UTC) + timedelta(days=day, minutes=minute)


def demands() -> tuple[QueueDemand, ...]:
    def volume(q: int, i: int) -> float:
        hour = (i % 96) / 4
        return float((3 + 2 * q) * (7 <= hour < 20) + (i % 7) * 0.5 * (hour > 9))

    return tuple(
        QueueDemand(q + 1, name, tuple(volume(q, i) for i in range(SIZE)), (240.0,) * SIZE, 0.8,
                    20.0, 0.9, 0.3, None if q != 2 else 120.0)
        for q, name in enumerate(QUEUES)
    )  # fmt: skip


def base_week(agents: int) -> ScheduleWeek:
    roster = tuple(
        RosterAgent(a, f"Agent {a}", None, SKILLS[a % len(SKILLS)], 40, 20) for a in range(agents)
    )
    shifts = tuple(
        PlannedShift(
            a,
            at(d, 420 + 37 * a),
            at(d, 420 + 37 * a + 480),
            (PlannedActivity(ActivityKind.BREAK, at(d, 540 + 37 * a), at(d, 555 + 37 * a)),),
        )
        for a in range(agents)
        for d in range(5)
    )
    return ScheduleWeek(MONDAY, "Europe/London", STEP, roster, shifts, ())


minute = st.integers(0, 7 * 24 * 60 - 30)
edits = st.one_of(
    st.tuples(st.just("move"), st.integers(0, 10**6), st.integers(-600, 600)),
    st.tuples(st.just("resize"), st.integers(0, 10**6), st.integers(-240, 240)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("add"), st.integers(0, 10**6), minute),
    st.tuples(st.just("activity"), st.integers(0, 10**6), st.integers(0, 400)),
    st.tuples(st.just("unactivity"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("leave"), st.integers(0, 10**6), minute),
)


def edit(week: ScheduleWeek, what: tuple[str, int, int]) -> ScheduleWeek:
    """A new week with one change; every other shift is the same object as before."""
    kind, pick, amount = what
    shifts = list(week.shifts)
    if kind == "add" or not shifts:
        agent = week.agents[pick % len(week.agents)].agent_id
        start = at(0, amount)
        shifts.append(PlannedShift(agent, start, start + timedelta(minutes=30 + pick % 500)))
        return dataclasses.replace(week, shifts=tuple(shifts))
    if kind == "leave":
        agent = week.agents[pick % len(week.agents)].agent_id
        start = at(0, amount)
        status = (TimeOffStatus.APPROVED, TimeOffStatus.REQUESTED)[pick % 2]
        band = TimeOffBand(agent, start, start + timedelta(minutes=60 + pick % 600), status)
        return dataclasses.replace(week, time_off=(*week.time_off, band))
    i = pick % len(shifts)
    s = shifts[i]
    delta = timedelta(minutes=amount)
    if kind == "delete":
        del shifts[i]
    elif kind == "move":
        moved = tuple(
            dataclasses.replace(a, starts_at=a.starts_at + delta, ends_at=a.ends_at + delta)
            for a in s.activities
        )
        shifts[i] = dataclasses.replace(
            s, starts_at=s.starts_at + delta, ends_at=s.ends_at + delta, activities=moved
        )
    elif kind == "resize":
        end = max(s.ends_at + delta, s.starts_at + timedelta(minutes=15))
        shifts[i] = dataclasses.replace(s, ends_at=end)
    elif kind == "activity":
        start = s.starts_at + timedelta(minutes=amount % 300)
        extra = PlannedActivity(ActivityKind.LUNCH, start, start + timedelta(minutes=7 + amount))
        shifts[i] = dataclasses.replace(s, activities=(*s.activities, extra))
    else:
        shifts[i] = dataclasses.replace(s, activities=s.activities[1:])
    return dataclasses.replace(week, shifts=tuple(shifts))


def _new(now: tuple[object, ...], then: tuple[object, ...]) -> list[object]:
    """What ``now`` holds that is not one of ``then``'s objects (identity, not equality)."""
    old = {id(x) for x in then}
    return [x for x in now if id(x) not in old]


@settings(max_examples=40, deadline=None)
@given(agents=st.integers(1, 14), steps=st.lists(edits, min_size=1, max_size=12))
def test_cached_coverage_equals_a_full_recompute_after_every_edit(
    agents: int, steps: list[tuple[str, int, int]]
) -> None:
    need = demands()
    week = base_week(agents)
    calc = CoverageCalculator(need)
    assert calc(week) == coverage(week, need)
    for step in steps:
        before = week
        week = edit(week, step)
        assert calc(week) == coverage(week, need), step
        touched = {x.agent_id for x in _new(week.shifts, before.shifts)}
        touched |= {x.agent_id for x in _new(before.shifts, week.shifts)}
        touched |= {x.agent_id for x in _new(week.time_off, before.time_off)}
        assert calc.presence.recomputed <= len(touched)


def test_an_undo_back_to_an_earlier_week_gives_its_figures() -> None:
    need = demands()
    first = base_week(6)
    calc = CoverageCalculator(need)
    want = calc(first)
    calc(edit(first, ("move", 3, 60)))
    assert calc(first) == want == coverage(first, need)
