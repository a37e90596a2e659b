"""Capacity rules by hand: required hours and FTE, hiring need, paid hours and labour cost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from supervisor_app.domain.capacity import cost_lines, fte, hiring_need, paid_hours, required_hours
from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift


def t(hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2026, 11, 30, h, m, tzinfo=UTC)


def test_required_hours_and_fte() -> None:
    # 10 + 14 + 6 agents for quarter-hours = 7.5 agent-hours ÷ (1 − 0.25) = 10 paid hours.
    assert required_hours([10, 14, 6], 15, 0.25) == pytest.approx(10.0)
    # 400 hours over 14 days at 40 h a week: 400 / 80 = 5 FTE.
    assert fte(400.0, 14, 40.0) == pytest.approx(5.0)
    assert fte(10.0, 0, 40.0) == 0.0
    assert hiring_need(5.0, 3.5) == pytest.approx(1.5)
    assert hiring_need(3.0, 3.5) == 0.0
    with pytest.raises(ValueError):
        required_hours([1], 15, 1.0)


def test_lunch_is_unpaid_and_breaks_are_paid() -> None:
    shift = PlannedShift(
        1,
        t("09:00"),
        t("17:00"),
        (
            PlannedActivity(ActivityKind.BREAK, t("10:30"), t("10:45")),
            PlannedActivity(ActivityKind.LUNCH, t("12:00"), t("12:45")),
            PlannedActivity(ActivityKind.TRAINING, t("14:00"), t("15:00")),
        ),
    )
    assert paid_hours(shift) == pytest.approx(7.25)  # 8 h less 45 min of lunch
    short = PlannedShift(2, t("13:00"), t("17:00"))
    lines = cost_lines([shift, short, PlannedShift(3, t("09:00"), t("10:00"))], {1: 20.0, 2: 15.0})
    # 7.25 × 20 = 145; 4 × 15 = 60; agent 3 is off the roster: 0 an hour.
    assert [(x.agent_id, x.hours, x.cost) for x in lines] == [
        (1, 7.25, 145.0),
        (2, 4.0, 60.0),
        (3, 1.0, 0.0),
    ]
