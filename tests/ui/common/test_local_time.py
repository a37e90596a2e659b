"""Site-time labels: ticks fall on the site's round hours, DST days included."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.ui.common.local_time import duration, hm, local_ticks

LONDON = "Europe/London"


def day_ticks(day: date, zone: str, step: int) -> list[str]:
    start, end = local_day_bounds(day, ZoneInfo(zone))
    ticks = local_ticks(start.timestamp(), end.timestamp() - 1, step, zone)
    return [hm(datetime.fromtimestamp(t, UTC), zone) for t in ticks]


def test_an_ordinary_day_has_24_hourly_ticks() -> None:
    labels = day_ticks(date(2026, 11, 25), LONDON, 60)
    assert labels == [f"{h:02d}:00" for h in range(24)]


def test_spring_forward_skips_the_missing_hour() -> None:
    labels = day_ticks(date(2026, 3, 29), LONDON, 60)
    assert labels[:3] == ["00:00", "02:00", "03:00"]
    assert len(labels) == 23


def test_fall_back_shows_the_repeated_hour_twice() -> None:
    labels = day_ticks(date(2026, 10, 25), LONDON, 60)
    assert labels[:4] == ["00:00", "01:00", "01:00", "02:00"]
    assert len(labels) == 25


def test_a_half_hour_zone_ticks_on_its_own_round_hours() -> None:
    labels = day_ticks(date(2026, 11, 25), "Asia/Kolkata", 120)
    assert labels == [f"{h:02d}:00" for h in range(0, 24, 2)]


def test_the_chart_axis_labels_epoch_seconds_in_site_time(qtbot: object) -> None:
    from supervisor_app.ui.common.time_axis import LocalTimeAxis

    axis = LocalTimeAxis("America/New_York")
    noon_utc = datetime(2026, 7, 1, 12, 0, tzinfo=UTC).timestamp()
    assert axis.tickStrings([noon_utc], 1, 3600) == ["08:00"]
    [(spacing, values)] = axis.tickValues(noon_utc, noon_utc + 6 * 3600, 300)
    assert spacing == 3600 and len(values) == 7


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (45.9, "45s"), (245, "4m 05s"), (3600 * 1 + 12 * 60, "1h 12m"),
     (86_400 * 2 + 3 * 3600, "2d 3h"), (-5, "0s")],
)  # fmt: skip
def test_ages_read_at_a_glance(seconds: float, text: str) -> None:
    assert duration(seconds) == text


def test_missing_time_is_blank() -> None:
    assert hm(None, LONDON) == ""
    assert hm(datetime(2026, 7, 1, 12, tzinfo=UTC) + timedelta(minutes=3), LONDON) == "13:03"
