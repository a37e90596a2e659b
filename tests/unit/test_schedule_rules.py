"""Labour rules on hand-made weeks: each rule, its boundary, and where it is reported."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from supervisor_app.domain.enums import ActivityKind, TimeOffStatus
from supervisor_app.domain.schedule_rules import (
    BreakRequirement,
    Rule,
    RuleSettings,
    check_week,
    paid_minutes,
)
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    RosterAgent,
    ScheduleWeek,
    TimeOffBand,
)

PARIS = "Europe/Paris"
MONDAY = date(2026, 11, 30)
ANN = 1


def at(day: int, hhmm: str, week: date = MONDAY) -> datetime:
    """Local Paris time on the ``day``-th day of the week, as UTC."""
    h, m = map(int, hhmm.split(":"))
    local = datetime.combine(week + timedelta(days=day), time(h, m), tzinfo=ZoneInfo(PARIS))
    return local.astimezone(UTC)


def act(kind: ActivityKind, day: int, start: str, end: str) -> PlannedActivity:
    return PlannedActivity(kind, at(day, start), at(day, end))


def full_day(day: int, agent: int = ANN) -> PlannedShift:
    """09:00–17:30 with two breaks and a 30-minute lunch: 8.5 h long, 8 h paid."""
    return PlannedShift(
        agent,
        at(day, "09:00"),
        at(day, "17:30"),
        (
            act(ActivityKind.BREAK, day, "10:30", "10:45"),
            act(ActivityKind.LUNCH, day, "12:30", "13:00"),
            act(ActivityKind.BREAK, day, "15:00", "15:15"),
        ),
    )


def week(
    *shifts: PlannedShift, contract: float = 40.0, time_off: tuple[TimeOffBand, ...] = ()
) -> ScheduleWeek:
    agent = RosterAgent(ANN, "Ann", "Blue", ("Sales",), contract, 20.0)
    return ScheduleWeek(MONDAY, PARIS, 15, (agent,), tuple(shifts), time_off)


def rules(w: ScheduleWeek, settings: RuleSettings | None = None) -> list[Rule]:
    return [v.rule for v in check_week(w, settings or RuleSettings())]


def test_a_clean_forty_hour_week_has_no_violations() -> None:
    assert check_week(week(*(full_day(d) for d in range(5))), RuleSettings()) == []


def test_paid_time_leaves_out_lunch_unless_lunch_is_paid() -> None:
    shift = full_day(0)
    assert paid_minutes(shift, RuleSettings()) == 8 * 60
    assert paid_minutes(shift, RuleSettings(lunch_is_paid=True)) == 8.5 * 60


def test_shift_length_limits_at_and_beyond_the_boundary() -> None:
    settings = RuleSettings(min_shift_minutes=180, max_shift_minutes=600, requirements=())
    exactly_min = PlannedShift(ANN, at(0, "09:00"), at(0, "12:00"))
    exactly_max = PlannedShift(ANN, at(2, "08:00"), at(2, "18:00"))
    assert rules(week(exactly_min, exactly_max), settings) == []
    short = PlannedShift(ANN, at(0, "09:00"), at(0, "11:45"))
    long = PlannedShift(ANN, at(2, "08:00"), at(2, "18:15"))
    found = check_week(week(short, long), settings)
    assert [v.rule for v in found] == [Rule.SHIFT_TOO_SHORT, Rule.SHIFT_TOO_LONG]
    assert found[0].shift_key == short.key and found[1].shift_key == long.key
    assert "2:45 h" in found[0].message and "10:15 h" in found[1].message


def test_shift_length_is_real_time_across_the_autumn_dst_change() -> None:
    # Sat 24 Oct 2026 22:00 CEST (20:00 UTC) to Sun 25 Oct 06:00 CET (05:00 UTC): 9 hours,
    # though the wall clock says 8.
    monday = date(2026, 10, 19)
    start = datetime(2026, 10, 24, 22, 0, tzinfo=ZoneInfo(PARIS))
    end = datetime(2026, 10, 25, 6, 0, tzinfo=ZoneInfo(PARIS))
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(hours=9)
    shift = PlannedShift(ANN, start.astimezone(UTC), end.astimezone(UTC))
    w = replace(week(), week_start=monday, shifts=(shift,))
    settings = RuleSettings(max_shift_minutes=8 * 60 + 30, requirements=())
    assert rules(w, settings) == [Rule.SHIFT_TOO_LONG]


def test_min_rest_eleven_hours_by_default() -> None:
    late = PlannedShift(ANN, at(0, "13:00"), at(0, "21:00"))
    eleven_later = PlannedShift(ANN, at(1, "08:00"), at(1, "16:00"))
    assert Rule.MIN_REST not in rules(week(late, eleven_later))
    nine_later = PlannedShift(ANN, at(1, "06:00"), at(1, "14:00"))
    found = [
        v for v in check_week(week(late, nine_later), RuleSettings()) if v.rule is Rule.MIN_REST
    ]
    assert len(found) == 1
    assert found[0].shift_key == nine_later.key
    assert (found[0].starts_at, found[0].ends_at) == (at(0, "21:00"), at(1, "06:00"))
    assert "only 9:00 h rest" in found[0].message


def test_min_rest_is_a_setting() -> None:
    late = PlannedShift(ANN, at(0, "13:00"), at(0, "21:00"))
    nine_later = PlannedShift(ANN, at(1, "06:00"), at(1, "14:00"))
    assert Rule.MIN_REST not in rules(week(late, nine_later), RuleSettings(min_rest_minutes=540))


def test_weekly_paid_hours_against_contract_and_tolerance() -> None:
    # Three 8-hour-paid days = 24 h; contract 23 h + 60 min tolerance = 24 h: allowed.
    three = [full_day(d) for d in range(3)]
    assert Rule.WEEKLY_HOURS not in rules(week(*three, contract=23.0))
    found = [v for v in check_week(week(*three, contract=22.75), RuleSettings())]
    weekly = [v for v in found if v.rule is Rule.WEEKLY_HOURS]
    assert len(weekly) == 1 and weekly[0].shift_key is None
    assert "24:00 h paid" in weekly[0].message and "22:45 h" in weekly[0].message
    assert (weekly[0].starts_at, weekly[0].ends_at) == (at(0, "09:00"), at(2, "17:30"))


def test_weekly_hours_count_only_shifts_starting_in_the_week() -> None:
    next_monday = full_day(7)
    assert Rule.WEEKLY_HOURS not in rules(week(full_day(0), next_monday, contract=8.0))


def test_breaks_and_lunch_by_shift_length() -> None:
    settings = RuleSettings()
    no_lunch = replace(
        full_day(0), activities=tuple(a for a in full_day(0).activities if a.kind != "lunch")
    )
    one_break = replace(full_day(1), activities=full_day(1).activities[:2])
    short_break = replace(
        full_day(2),
        activities=(*full_day(2).activities[:2], act(ActivityKind.BREAK, 2, "15:00", "15:10")),
    )
    found = check_week(week(no_lunch, one_break, short_break), settings)
    assert [(v.rule, v.shift_key) for v in found] == [
        (Rule.LUNCH, no_lunch.key),
        (Rule.BREAKS, one_break.key),
        (Rule.BREAKS, short_break.key),
    ]
    # Under 4 hours nothing is required; 4 to 6 hours need one break and no lunch.
    three_h = PlannedShift(ANN, at(3, "09:00"), at(3, "12:00"))
    five_h = PlannedShift(ANN, at(4, "09:00"), at(4, "14:00"))
    five_h_break = replace(five_h, activities=(act(ActivityKind.BREAK, 4, "11:00", "11:15"),))
    assert rules(week(three_h), settings) == []
    assert rules(week(five_h), settings) == [Rule.BREAKS]
    assert rules(week(five_h_break), settings) == []


def test_requirement_for_picks_the_longest_threshold_reached() -> None:
    settings = RuleSettings(requirements=(BreakRequirement(240, 1, 0), BreakRequirement(360, 2, 1)))
    assert settings.requirement_for(239) is None
    assert settings.requirement_for(240) == BreakRequirement(240, 1, 0)
    assert settings.requirement_for(500) == BreakRequirement(360, 2, 1)


def test_activities_inside_their_shift_and_apart() -> None:
    outside = replace(
        full_day(0),
        activities=(*full_day(0).activities, act(ActivityKind.MEETING, 0, "17:15", "17:45")),
    )
    overlapping = replace(
        full_day(1),
        activities=(*full_day(1).activities, act(ActivityKind.TRAINING, 1, "12:45", "13:30")),
    )
    found = check_week(week(outside, overlapping), RuleSettings())
    assert [(v.rule, v.shift_key) for v in found] == [
        (Rule.ACTIVITY_OUTSIDE_SHIFT, outside.key),
        (Rule.ACTIVITY_OVERLAP, overlapping.key),
    ]
    assert (found[1].starts_at, found[1].ends_at) == (at(1, "12:45"), at(1, "13:00"))


def test_only_approved_time_off_blocks_a_shift() -> None:
    shift = full_day(2)
    band = TimeOffBand(ANN, at(2, "00:00"), at(3, "00:00"), TimeOffStatus.APPROVED)
    found = check_week(week(shift, time_off=(band,)), RuleSettings())
    assert [(v.rule, v.shift_key) for v in found] == [(Rule.TIME_OFF, shift.key)]
    for status in (TimeOffStatus.REQUESTED, TimeOffStatus.REFUSED):
        assert rules(week(shift, time_off=(replace(band, status=status),))) == []


def test_overlapping_shifts_are_one_violation_not_a_rest_one() -> None:
    first = PlannedShift(ANN, at(0, "08:00"), at(0, "12:00"))
    second = PlannedShift(ANN, at(0, "11:00"), at(0, "15:00"))
    settings = RuleSettings(requirements=())
    found = check_week(week(first, second), settings)
    assert [(v.rule, v.shift_key) for v in found] == [(Rule.SHIFT_OVERLAP, second.key)]
    assert (found[0].starts_at, found[0].ends_at) == (at(0, "11:00"), at(0, "12:00"))


def test_two_agents_are_checked_apart() -> None:
    ben = replace(full_day(0), agent_id=2)
    w = week(full_day(0), ben)
    assert check_week(w, RuleSettings()) == []


@pytest.mark.parametrize("minutes", [0, 15])
def test_violations_come_ordered_by_agent_then_time(minutes: int) -> None:
    a = PlannedShift(2, at(1, "09:00"), at(1, "10:00"))
    b = PlannedShift(ANN, at(3, "09:00"), at(3, "10:00") + timedelta(minutes=minutes))
    found = check_week(week(a, b), RuleSettings())
    assert [v.agent_id for v in found] == [ANN, 2]


def test_rest_and_overlap_look_across_the_weeks_edge() -> None:
    # Sunday before the week: 14:00–23:00; Monday 07:00 is only 8 h later.
    sunday = PlannedShift(ANN, at(-1, "14:00"), at(-1, "23:00"), key="ctx")
    monday = PlannedShift(ANN, at(0, "07:00"), at(0, "12:00"))
    w = replace(week(monday), context_shifts=(sunday,))
    found = check_week(w, RuleSettings(requirements=()))
    assert [(v.rule, v.shift_key) for v in found] == [(Rule.MIN_REST, monday.key)]
    # A too-short context shift is not this week's problem; an overlap with it is, unkeyed.
    night = PlannedShift(ANN, at(7, "01:00"), at(7, "02:00"), key="ctx2")
    sunday_late = PlannedShift(ANN, at(6, "20:00"), at(7, "03:00"))
    w = replace(week(sunday_late), context_shifts=(night,))
    found = check_week(w, RuleSettings(requirements=()))
    assert [(v.rule, v.shift_key) for v in found] == [(Rule.SHIFT_OVERLAP, None)]
