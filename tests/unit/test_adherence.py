"""Adherence on hand-made timelines (09:00–13:00, grace two minutes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from supervisor_app.domain.adherence import (
    ScheduledSpan,
    StateSpan,
    adherence_now,
    exceptions,
    scheduled_minutes,
)
from supervisor_app.domain.enums import ActivityKind, AgentState


def t(hhmm: str, second: int = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2026, 11, 25, h, m, second, tzinfo=UTC)


# Shift 09:00–13:00 with a break 10:30–10:45.
SCHEDULE = [
    ScheduledSpan(t("09:00"), t("10:30"), None),
    ScheduledSpan(t("10:30"), t("10:45"), ActivityKind.BREAK),
    ScheduledSpan(t("10:45"), t("13:00"), None),
]


def test_late_back_from_break_is_one_exception_of_the_late_minutes() -> None:
    spans = [
        StateSpan(t("09:00"), t("10:30"), AgentState.AVAILABLE),
        StateSpan(t("10:30"), t("10:52"), AgentState.BREAK),  # 7 minutes late back
        StateSpan(t("10:52"), t("13:00"), AgentState.ON_CONTACT),
    ]
    found = exceptions(spans, SCHEDULE, t("09:00"), t("13:00"))
    assert len(found) == 1
    assert (found[0].start, found[0].end, found[0].actual) == (
        t("10:45"),
        t("10:52"),
        AgentState.BREAK,
    )
    assert found[0].minutes == pytest.approx(7.0)


def test_mismatch_within_grace_is_not_an_exception() -> None:
    spans = [
        StateSpan(t("09:01"), t("10:31"), AgentState.ON_CONTACT),  # logs in 1 min late
        StateSpan(t("10:31"), t("10:45"), AgentState.BREAK),
        StateSpan(t("10:45"), t("13:00"), AgentState.AVAILABLE),
    ]
    assert exceptions(spans, SCHEDULE, t("09:00"), t("13:00")) == []


def test_not_logged_in_counts_as_offline_and_off_shift_expects_offline() -> None:
    spans = [StateSpan(t("08:30"), t("09:00"), AgentState.AVAILABLE)]
    found = exceptions(spans, SCHEDULE, t("08:00"), t("10:00"))
    # 08:30–09:00 working before the shift (30 min) and 09:00–10:00 missing (60 min).
    assert [(e.start, e.end) for e in found] == [(t("08:30"), t("09:00")), (t("09:00"), t("10:00"))]
    assert [e.actual for e in found] == [AgentState.AVAILABLE, AgentState.OFFLINE]


def test_scheduled_minutes_clip_to_the_window() -> None:
    assert scheduled_minutes(SCHEDULE, t("10:00"), t("11:00")) == pytest.approx(60.0)
    assert scheduled_minutes(SCHEDULE, t("00:00"), t("23:59")) == pytest.approx(240.0)


def test_live_cell_counts_from_the_later_change() -> None:
    brk = SCHEDULE[1]
    # Went on break at 10:30 as planned; the break ended at 10:45; now 10:50.
    now = adherence_now(AgentState.BREAK, t("10:30"), SCHEDULE[2], t("10:45"), t("10:50"))
    assert not now.in_adherence and now.mismatch_since == t("10:45")
    assert now.minutes_out == pytest.approx(5.0)
    within = adherence_now(AgentState.BREAK, t("10:30"), SCHEDULE[2], t("10:45"), t("10:46"))
    assert within.in_adherence and within.minutes_out == 0.0
    ok = adherence_now(AgentState.BREAK, t("10:30"), brk, t("10:30"), t("10:40"))
    assert ok.in_adherence


def test_coaching_accepts_meeting_or_training() -> None:
    coaching = ScheduledSpan(t("09:00"), t("10:00"), ActivityKind.COACHING)
    span = [StateSpan(t("09:00"), t("10:00"), AgentState.TRAINING)]
    assert exceptions(span, [coaching], t("09:00"), t("10:00"), timedelta(0)) == []
