"""The training rule by hand: which days a completion holds, and the reason a shift breaks it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from supervisor_app.domain.schedule_rule_types import Rule
from supervisor_app.domain.schedule_types import PlannedShift
from supervisor_app.domain.training import (
    DUE_WITHIN_DAYS,
    CourseState,
    TrainingHold,
    TrainingStatus,
    check_training,
    expiry,
    training_status,
)


def shift(day: int, agent: int = 1) -> PlannedShift:
    start = datetime(2026, 12, day, 9, tzinfo=UTC)
    return PlannedShift(agent, start, start.replace(hour=17))


def test_a_completion_holds_for_its_valid_days_then_expires() -> None:
    assert expiry(date(2025, 12, 1), 365) == date(2026, 12, 1)  # 2026 is not a leap year
    assert expiry(date(2025, 12, 1), None) is None
    hold = TrainingHold(1, "Billing", "Card payments", ((date(2025, 12, 1), date(2026, 12, 1)),))
    assert hold.holds_on(date(2026, 11, 30)) and not hold.holds_on(date(2026, 12, 1))


def test_shifts_on_days_without_the_training_break_the_rule_with_the_reason() -> None:
    expired = TrainingHold(1, "Billing", "Card payments", ((date(2025, 12, 1), date(2026, 12, 3)),))
    never = TrainingHold(2, "Billing", "Card payments")
    later = TrainingHold(3, "Billing", "Card payments", ((date(2026, 12, 9), None),))
    shifts = [shift(2, 1), shift(3, 1), shift(4, 2), shift(7, 3), shift(9, 3)]
    found = check_training(shifts, [expired, never, later], "Europe/London")
    assert [(v.agent_id, v.starts_at.day) for v in found] == [(1, 3), (2, 4), (3, 7)]
    assert all(v.rule is Rule.TRAINING for v in found)
    assert found[0].message == "not trained for Billing: Card payments expired on 2026-12-03"
    assert found[1].message == "not trained for Billing: Card payments was never completed"
    assert found[2].message == "not trained for Billing: Card payments is completed only later"


def test_an_agent_with_no_requirement_is_never_flagged() -> None:
    assert check_training([shift(2, 5)], [TrainingHold(1, "Billing", "Card payments")], "UTC") == []


def test_status_on_a_day_worked_by_hand() -> None:
    """The one reading of a course's status the profile, the due list and the review use."""
    day = date(2026, 12, 7)
    d = date
    # nothing done, or done only after the day: never
    assert training_status([], day) == CourseState(None, None, TrainingStatus.NEVER)
    assert training_status([(d(2026, 12, 8), None)], day).status is TrainingStatus.NEVER
    # it ended on the day itself (the end is exclusive): expired, and overdue
    gone = training_status([(d(2026, 11, 7), d(2026, 12, 7))], day)
    assert gone.status is TrainingStatus.EXPIRED and gone.overdue
    # 2026-12-07 + 30 days = 2027-01-06: an end on that day is due, the day after is valid
    assert training_status([(d(2026, 1, 1), d(2027, 1, 6))], day).status is TrainingStatus.DUE
    assert training_status([(d(2026, 1, 1), d(2027, 1, 7))], day).status is TrainingStatus.VALID
    # a narrower window: 2027-01-06 is more than 10 days off
    narrow = training_status([(d(2026, 1, 1), d(2027, 1, 6))], day, within_days=10)
    assert narrow.status is TrainingStatus.VALID and not narrow.overdue
    # the completion holding longest counts: no end beats the later end
    best = training_status([(d(2026, 6, 1), d(2027, 6, 1)), (d(2020, 1, 1), None)], day)
    assert best == CourseState(d(2020, 1, 1), None, TrainingStatus.VALID)
    # equal ends: the later completion is the one shown
    tie = training_status([(d(2026, 1, 1), d(2026, 12, 1)), (d(2026, 2, 1), d(2026, 12, 1))], day)
    assert tie == CourseState(d(2026, 2, 1), d(2026, 12, 1), TrainingStatus.EXPIRED)
    assert TrainingStatus.DUE.value == "expires within 30 days" and DUE_WITHIN_DAYS == 30
