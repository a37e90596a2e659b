"""``domain.autoschedule``: optimal on cases small enough to search exhaustively, and every
generated week passes the labour rules with kept shifts, time off and contracts held."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_app.domain.autoschedule import Keep, Weights, generate_week
from supervisor_app.domain.autoschedule.patterns import place_activities
from supervisor_app.domain.coverage import QueueDemand, requirements, scheduled_productive
from supervisor_app.domain.enums import ActivityKind, ShiftStatus, TimeOffStatus
from supervisor_app.domain.forecast import week_interval_starts
from supervisor_app.domain.schedule_rules import (
    RuleSettings,
    check_shift,
    check_week,
)
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    RosterAgent,
    ScheduleWeek,
    TimeOffBand,
)

MONDAY = date(2026, 12, 7)  # UTC zone below: local time is UTC, no clock change
IV = 30
SLOTS = 7 * 48
NO_BREAKS = RuleSettings(min_shift_minutes=120, max_shift_minutes=600, requirements=())


def at(day: int, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2026, 12, 7 + day, h, m, tzinfo=UTC)


def demand(volumes: dict[int, float]) -> QueueDemand:
    """One queue; ``volumes`` maps interval index → calls, AHT 30 min (1 call = 1 agent busy)."""
    vol = tuple(volumes.get(i, 0.0) for i in range(SLOTS))
    return QueueDemand(1, "Sales", vol, (1800.0,) * SLOTS, 0.5, 600.0, 1.0, 0.0)


def agent(i: int, hours: float, cost: float = 20.0) -> RosterAgent:
    return RosterAgent(i, f"A{i}", "T", ("Sales",), hours, cost)


def _objective(
    week: ScheduleWeek, dem: QueueDemand | list[QueueDemand], s: RuleSettings, w: Weights
) -> float:
    """The objective as the model's docstring states it, computed from the finished week
    with the coverage panel's presence and sharing (not the model's own sums)."""
    demands = dem if isinstance(dem, list) else [dem]
    required, _ = requirements(tuple(demands), IV)
    starts = week_interval_starts(MONDAY, UTC, IV)
    have = scheduled_productive(week, [d.name for d in demands], required, starts) * IV
    total = 0.0
    for need, c in zip((required * IV).ravel(), have.ravel(), strict=True):
        short = max(need - c, 0)
        tiers = (min(short, IV), min(max(short - IV, 0), IV), max(short - 2 * IV, 0))
        total += w.under * (tiers[0] + 2 * tiers[1] + 3 * tiers[2])
        total += w.over * max(c - need, 0)
    rate = {a.agent_id: a.hourly_cost for a in week.agents}
    late: dict[int, int] = {}
    paid = dict.fromkeys(rate, 0.0)
    for sh in week.shifts:
        minutes = (sh.ends_at - sh.starts_at).total_seconds() / 60
        paid[sh.agent_id] += minutes  # no lunches in these tests' rules
        total += w.cost * round(minutes * round(rate[sh.agent_id] * 100) / 60)
        if sh.ends_at.hour >= 19 or sh.ends_at.date() != sh.starts_at.date():
            late[sh.agent_id] = late.get(sh.agent_id, 0) + 1
    for a in week.agents:  # short of contract less tolerance
        floor = a.contracted_weekly_hours * 60 - s.weekly_tolerance_minutes
        total += w.contract * max(floor - paid[a.agent_id], 0)
    return total + w.fairness * max(late.values(), default=0)


def test_two_agents_two_days_is_optimal_by_exhaustive_search() -> None:
    # Monday 14:00-22:00 wants 2 agents, then 1; Tuesday 06:00-12:00 wants 1 (rest matters:
    # a Monday shift ending at 22:00 forbids Tuesday before 09:00).
    volumes = {i: 2.0 for i in range(28, 36)} | {i: 1.0 for i in range(36, 44)}
    volumes |= {48 + i: 1.0 for i in range(12, 24)}
    dem = demand(volumes)
    roster = (agent(1, 40.0, 20.0), agent(2, 4.0, 10.0))  # agent 2: one 4-hour shift at most
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (), ())
    got = generate_week(
        week, [dem], NO_BREAKS, Keep.NONE, template_minutes=(240,), time_limit=20, workers=2
    )
    assert got.optimal
    assert check_week(got.week, NO_BREAKS) == []
    # Every assignment: each agent works nothing or one 4-hour shift inside each day's span.
    options = [None] + [(0, 28 + k) for k in range(9)] + [(1, 12 + k) for k in range(5)]

    def shifts_of(agent_id: int, picks: tuple) -> list[PlannedShift]:
        out = []
        for pick in picks:
            if pick is not None:
                start = at(pick[0], "00:00") + timedelta(minutes=pick[1] * IV)
                out.append(PlannedShift(agent_id, start, start + timedelta(hours=4)))
        return out

    per_agent = list(itertools.combinations_with_replacement(options, 2))
    best = None
    for a1, a2 in itertools.product(per_agent, repeat=2):
        shifts = shifts_of(1, a1) + shifts_of(2, a2)
        days = [(s.agent_id, s.starts_at.date()) for s in shifts]
        if len(days) != len(set(days)):
            continue
        candidate = ScheduleWeek(MONDAY, "UTC", IV, roster, tuple(shifts), ())
        if check_week(candidate, NO_BREAKS):
            continue
        value = _objective(candidate, dem, NO_BREAKS, Weights())
        best = value if best is None else min(best, value)
    assert best is not None
    assert _objective(got.week, dem, NO_BREAKS, Weights()) == best
    assert got.objective == best


def test_breaks_and_lunch_are_placed_as_the_rules_require() -> None:
    rules = RuleSettings()
    for minutes in (240, 360, 510, 600):
        acts = place_activities(minutes, rules, 15)
        assert acts is not None
        start = at(0, "08:00")
        shift = PlannedShift(
            1,
            start,
            start + timedelta(minutes=minutes),
            tuple(
                PlannedActivity(k, start + timedelta(minutes=s), start + timedelta(minutes=e))
                for k, s, e in acts
            ),
        )
        assert check_shift(shift, rules) == []
    kinds = [k for k, _, _ in place_activities(510, rules, 15) or ()]
    assert kinds == [ActivityKind.BREAK, ActivityKind.LUNCH, ActivityKind.BREAK]


rosters = st.lists(
    st.tuples(
        st.sampled_from([8.0, 16.0, 24.0, 40.0]),  # contract hours
        st.booleans(),  # approved day off on Tuesday
        st.booleans(),  # a published shift on Wednesday that must stay
    ),
    min_size=2,
    max_size=3,
)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters)
def test_generated_weeks_keep_rules_time_off_contracts_and_kept_shifts(spec: list) -> None:
    volumes = {48 * d + i: 2.0 for d in range(3) for i in range(16, 36)}  # Mon-Wed 08-18
    dem = demand(volumes)
    rules = RuleSettings()
    roster = tuple(agent(i + 1, hours) for i, (hours, _, _) in enumerate(spec))
    off = tuple(
        TimeOffBand(i + 1, at(1, "00:00"), at(2, "00:00"), TimeOffStatus.APPROVED)
        for i, (_, day_off, _) in enumerate(spec)
        if day_off
    )
    kept = tuple(
        PlannedShift(
            i + 1,
            at(2, "09:00"),
            at(2, "13:00"),
            status=ShiftStatus.PUBLISHED,
            activities=(PlannedActivity(ActivityKind.BREAK, at(2, "11:00"), at(2, "11:15")),),
        )
        for i, (_, _, keep) in enumerate(spec)
        if keep
    )
    draft = PlannedShift(1, at(0, "10:00"), at(0, "11:00"))  # breaks rules; not kept
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (*kept, draft), off)
    got = generate_week(week, [dem], rules, Keep.PUBLISHED, time_limit=4, workers=2)
    assert got.found
    assert check_week(got.week, rules) == []  # rest, length, breaks, time off, weekly hours
    assert set(kept) <= set(got.week.shifts)  # the very same objects: untouched
    assert draft not in got.week.shifts
    for i, (hours, day_off, _) in enumerate(spec):
        mine = [s for s in got.week.shifts if s.agent_id == i + 1]
        paid = sum(
            (s.ends_at - s.starts_at).total_seconds() / 60
            - sum(
                (a.ends_at - a.starts_at).total_seconds() / 60
                for a in s.activities
                if a.kind is ActivityKind.LUNCH
            )
            for s in mine
        )
        assert paid <= hours * 60 + rules.weekly_tolerance_minutes
        if day_off:
            assert not [s for s in mine if s.starts_at.date() == date(2026, 12, 8)]


def test_out_of_time_the_warm_start_is_the_answer_and_keeps_the_rules() -> None:
    volumes = {48 * d + i: 3.0 for d in range(7) for i in range(14, 42)}
    roster = tuple(agent(i, 40.0) for i in range(1, 7))
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (), ())
    got = generate_week(week, [demand(volumes)], RuleSettings(), Keep.NONE, time_limit=0.01)
    assert got.found and not got.optimal
    assert got.week.shifts  # plenty of need, plenty of contract: the start is not empty
    assert check_week(got.week, RuleSettings()) == []


def test_shared_agents_count_as_the_coverage_panel_counts_them() -> None:
    """Two agents skilled for both queues, nobody single-skilled: the coverage panel splits
    them by requirement, and the best week under that counting is found (exhaustively)."""
    sales = {i: 2.0 for i in range(28, 36)}
    support = {i: 1.0 for i in range(32, 40)}
    both = [
        demand(sales),
        replace(demand(support), queue_id=2, name="Support"),
    ]
    roster = tuple(RosterAgent(i, f"A{i}", "T", ("Sales", "Support"), 4.0, 20.0) for i in (1, 2))
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (), ())
    got = generate_week(
        week, both, NO_BREAKS, Keep.NONE, template_minutes=(180,), time_limit=20, workers=2
    )
    assert got.optimal
    options = [None] + [28 + k for k in range(7)]  # Monday 14:00-20:00, 3-hour shifts
    best = None
    for picks in itertools.product(options, repeat=2):
        shifts = tuple(
            PlannedShift(
                i,
                at(0, "00:00") + timedelta(minutes=k * IV),
                at(0, "00:00") + timedelta(minutes=k * IV + 180),
            )
            for i, k in zip((1, 2), picks, strict=True)
            if k is not None
        )
        value = _objective(replace(week, shifts=shifts), both, NO_BREAKS, Weights())
        best = value if best is None else min(best, value)
    assert _objective(got.week, both, NO_BREAKS, Weights()) == pytest.approx(best)
    assert got.objective == pytest.approx(best)


def test_the_command_lines_keep_choices_are_keeps_values() -> None:
    from supervisor_app.cli.cmd_schedule import KEEP_CHOICES
    from supervisor_app.domain.autoschedule import Keep

    assert tuple(k.value for k in Keep) == KEEP_CHOICES
