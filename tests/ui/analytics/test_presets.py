"""Range presets, worked out on a calendar by hand (weeks start on Monday)."""

from __future__ import annotations

from datetime import date

import pytest

from supervisor_app.ui.analytics.presets import Preset, preset_range

WED = date(2026, 11, 25)  # Wednesday 25 November 2026
NEW_YEAR = date(2027, 1, 1)  # a Friday


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        (Preset.TODAY, WED, (WED, WED)),
        (Preset.YESTERDAY, WED, (date(2026, 11, 24), date(2026, 11, 24))),
        (Preset.THIS_WEEK, WED, (date(2026, 11, 23), WED)),
        (Preset.LAST_WEEK, WED, (date(2026, 11, 16), date(2026, 11, 22))),
        (Preset.THIS_MONTH, WED, (date(2026, 11, 1), WED)),
        (Preset.LAST_MONTH, WED, (date(2026, 10, 1), date(2026, 10, 31))),
        (Preset.THIS_QUARTER, WED, (date(2026, 10, 1), WED)),
        (Preset.LAST_QUARTER, WED, (date(2026, 7, 1), date(2026, 9, 30))),
        # Across the year end: yesterday, last week, month and quarter are in 2026.
        (Preset.YESTERDAY, NEW_YEAR, (date(2026, 12, 31), date(2026, 12, 31))),
        (Preset.THIS_WEEK, NEW_YEAR, (date(2026, 12, 28), NEW_YEAR)),
        (Preset.LAST_WEEK, NEW_YEAR, (date(2026, 12, 21), date(2026, 12, 27))),
        (Preset.LAST_MONTH, NEW_YEAR, (date(2026, 12, 1), date(2026, 12, 31))),
        (Preset.LAST_QUARTER, NEW_YEAR, (date(2026, 10, 1), date(2026, 12, 31))),
        (Preset.THIS_QUARTER, NEW_YEAR, (NEW_YEAR, NEW_YEAR)),
        # A Monday is the first day of its own week; March has 31 days, February 28.
        (Preset.THIS_WEEK, date(2026, 11, 23), (date(2026, 11, 23), date(2026, 11, 23))),
        (Preset.LAST_MONTH, date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28))),
    ],
)
def test_preset_range(preset: Preset, today: date, expected: tuple[date, date]) -> None:
    assert preset_range(preset, today) == expected


def test_custom_has_no_dates() -> None:
    with pytest.raises(ValueError, match="custom"):
        preset_range(Preset.CUSTOM, WED)
