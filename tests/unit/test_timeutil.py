"""Local days on DST change dates in Europe/London (published clock-change dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from supervisor_app.domain.timeutil import business_day_of, interval_starts, local_day_bounds

LONDON = ZoneInfo("Europe/London")


def test_spring_forward_day_has_92_quarter_hours() -> None:
    # 2026-03-29: clocks go from 01:00 GMT to 02:00 BST, a 23-hour day.
    assert len(interval_starts(date(2026, 3, 29), LONDON, 15)) == 92
    assert len(interval_starts(date(2026, 3, 30), LONDON, 15)) == 96


def test_fall_back_day_has_100_quarter_hours_and_50_half_hours() -> None:
    # 2026-10-25: clocks go from 02:00 BST back to 01:00 GMT, a 25-hour day.
    assert len(interval_starts(date(2026, 10, 25), LONDON, 15)) == 100
    assert len(interval_starts(date(2026, 10, 25), LONDON, 30)) == 50


def test_day_bounds_and_business_day_in_summer() -> None:
    start, end = local_day_bounds(date(2026, 7, 1), LONDON)
    assert start == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    assert end == datetime(2026, 7, 1, 23, 0, tzinfo=UTC)
    # 23:30 UTC on 1 July is 00:30 on 2 July in London.
    assert business_day_of(datetime(2026, 7, 1, 23, 30, tzinfo=UTC), LONDON) == date(2026, 7, 2)
