"""Forecast arithmetic by hand: recency weights, holidays, DST days, scaling and WAPE."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.forecast import (
    aht_wape,
    day_slots,
    forecast_day,
    history_days,
    recency_weights,
    scale_factor,
    wape,
    week_interval_starts,
    weighted_forecast,
)

LONDON = ZoneInfo("Europe/London")


def at(day: date, hhmm: str, zone: ZoneInfo = LONDON, fold: int = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(day.year, day.month, day.day, h, m, tzinfo=zone, fold=fold).astimezone(UTC)


def test_weights_fall_in_a_straight_line() -> None:
    # N = 6: 6, 5, 4, 3, 2, 1 over 21.
    assert recency_weights(6) == pytest.approx(np.array([6, 5, 4, 3, 2, 1]) / 21)
    assert recency_weights(1) == pytest.approx([1.0])
    with pytest.raises(UserError, match="weeks of history"):
        recency_weights(0)


def test_history_is_the_same_weekday_back_in_time() -> None:
    assert history_days(date(2026, 11, 30), 3) == [
        date(2026, 11, 23),
        date(2026, 11, 16),
        date(2026, 11, 9),
    ]


def test_weighted_average_skips_missing_weeks() -> None:
    # Weights 3, 2, 1; offered 12, 6, 0 → (36 + 12 + 0) / 6 = 8.
    # Handle: 12 contacts 2400 s, 6 contacts 1800 s → (3·2400 + 2·1800) / (3·12 + 2·6) = 225.
    offered = [[12.0], [6.0], [0.0]]
    handled = [[12.0], [6.0], [0.0]]
    seconds = [[2400.0], [1800.0], [0.0]]
    volume, aht = weighted_forecast(offered, handled, seconds, [3, 2, 1])
    assert volume == pytest.approx([8.0])
    assert aht == pytest.approx([225.0])
    # Week 2 left out: (36 + 0) / 4 = 9; with growth 1.1: 9.9.
    offered[1][0] = np.nan
    volume, aht = weighted_forecast(offered, handled, seconds, [3, 2, 1], growth=1.1)
    assert volume == pytest.approx([9.9])
    assert aht == pytest.approx([200.0])  # 3·2400 / (3·12)


def test_no_handled_contact_takes_the_fallback_aht() -> None:
    volume, aht = weighted_forecast([[2.0]], [[0.0]], [[0.0]], [1], fallback_aht=240.0)
    assert volume == pytest.approx([2.0])
    assert aht == pytest.approx([240.0])


def _history(entries: dict[datetime, float]) -> dict[datetime, tuple[float, float, float]]:
    return {s: (v, v, v * 200.0) for s, v in entries.items()}


def test_forecast_day_by_hand_with_a_holiday() -> None:
    target = date(2026, 11, 30)  # a Monday; history 23, 16 and 9 November
    hist = _history(
        {
            at(date(2026, 11, 23), "09:00"): 12,
            at(date(2026, 11, 16), "09:00"): 6,
            at(date(2026, 11, 9), "10:00"): 5,  # 9 Nov has data, none at 09:00: a real 0
        }
    )
    rows = forecast_day(target, LONDON, 15, hist, weeks=3)
    by_start = {s: (v, h) for s, v, h in rows}
    assert len(rows) == 96
    assert by_start[at(target, "09:00")] == pytest.approx((8.0, 200.0))  # (36 + 12 + 0) / 6
    assert by_start[at(target, "10:00")] == pytest.approx((5 / 6, 200.0))  # 1·5 / 6
    assert by_start[at(target, "11:00")][0] == 0.0
    skipped = forecast_day(target, LONDON, 15, hist, weeks=3, skip_days={date(2026, 11, 16)})
    assert {s: v for s, v, _ in skipped}[at(target, "09:00")] == pytest.approx(9.0)  # 36 / 4


def test_a_day_without_any_contact_counts_as_missing() -> None:
    # Only last week has data: 4 → 4 (not 4·6/21 as if five weeks were zeros).
    target = date(2026, 11, 30)
    hist = _history({at(date(2026, 11, 23), "09:00"): 4})
    rows = {s: v for s, v, _ in forecast_day(target, LONDON, 15, hist)}
    assert rows[at(target, "09:00")] == pytest.approx(4.0)


def test_fall_back_day_repeats_the_hour_both_ways() -> None:
    # 25 October 2026: clocks go back at 02:00 BST, so 01:00–01:59 happens twice (100 quarters).
    fall = date(2026, 10, 25)
    assert len(day_slots(fall, LONDON, 15)) == 100
    hist = _history({at(date(2026, 10, 18), "01:00"): 4})
    rows = forecast_day(fall, LONDON, 15, hist, weeks=1)
    assert len(rows) == 100
    first, second = at(fall, "01:00", fold=0), at(fall, "01:00", fold=1)
    assert second - first == timedelta(hours=1)
    values = {s: v for s, v, _ in rows}
    assert values[first] == values[second] == pytest.approx(4.0)
    # A week later the two 01:00 intervals of the history day (4 and 8) are averaged: 6.
    hist = _history({first: 4, second: 8})
    rows = forecast_day(date(2026, 11, 1), LONDON, 15, hist, weeks=1)
    assert {s: v for s, v, _ in rows}[at(date(2026, 11, 1), "01:00")] == pytest.approx(6.0)


def test_spring_forward_history_lacks_the_skipped_hour() -> None:
    # 29 March 2026: 01:00 GMT jumps to 02:00 BST, 92 quarters; its 01:xx is missing, not 0.
    spring, later = date(2026, 3, 29), date(2026, 4, 5)
    assert len(day_slots(spring, LONDON, 15)) == 92
    hist = _history({at(spring, "09:00"): 3, at(date(2026, 3, 22), "01:15"): 10})
    rows = {s: v for s, v, _ in forecast_day(later, LONDON, 15, hist, weeks=2)}
    # weeks 2, 1: 29 March missing at 01:15, so 22 March's 10 counts alone.
    assert rows[at(later, "01:15")] == pytest.approx(10.0)
    assert rows[at(later, "09:00")] == pytest.approx(2 * 3 / 3)


def test_week_layout_counts_quarter_hours() -> None:
    assert len(week_interval_starts(date(2026, 11, 23), LONDON, 15)) == 672
    assert len(week_interval_starts(date(2026, 10, 19), LONDON, 15)) == 676
    assert len(week_interval_starts(date(2026, 3, 23), LONDON, 30)) == 334


def test_scale_factor() -> None:
    assert scale_factor(10) == pytest.approx(1.1)
    assert scale_factor(-25) == pytest.approx(0.75)
    with pytest.raises(UserError, match="above -100"):
        scale_factor(-100)


def test_wape_by_hand() -> None:
    # |10 − 12| + |20 − 15| + |0 − 3| = 10 over 30.
    assert wape([10, 20, 0], [12, 15, 3]) == pytest.approx(1 / 3)
    assert wape([5], [0]) is None
    # AHT: forecast 200 s for 10 handled = 2000 s against 2500 s actual → 500 / 2500.
    assert aht_wape([200, 300], [10, 0], [2500, 0]) == pytest.approx(0.2)
    assert aht_wape([200], [0], [0]) is None
