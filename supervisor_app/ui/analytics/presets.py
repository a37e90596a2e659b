"""Range presets of the Analytics tab: today, yesterday, this/last week, month and quarter.

Plain date arithmetic on the site's local "today" (weeks start on Monday, as
ISO weeks and the KPI week grouping do); "this" periods end today, not at the
period's end, since the rest hasn't happened yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP


class Preset(StrEnum):
    TODAY = QT_TRANSLATE_NOOP("Preset", "Today")
    YESTERDAY = QT_TRANSLATE_NOOP("Preset", "Yesterday")
    THIS_WEEK = QT_TRANSLATE_NOOP("Preset", "This week")
    LAST_WEEK = QT_TRANSLATE_NOOP("Preset", "Last week")
    THIS_MONTH = QT_TRANSLATE_NOOP("Preset", "This month")
    LAST_MONTH = QT_TRANSLATE_NOOP("Preset", "Last month")
    THIS_QUARTER = QT_TRANSLATE_NOOP("Preset", "This quarter")
    LAST_QUARTER = QT_TRANSLATE_NOOP("Preset", "Last quarter")
    CUSTOM = QT_TRANSLATE_NOOP("Preset", "Custom")


def month_start(day: date) -> date:
    return day.replace(day=1)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def preset_range(preset: Preset, today: date) -> tuple[date, date]:
    """The first and last local dates of ``preset`` as seen on ``today`` (both included)."""
    day = timedelta(days=1)
    if preset is Preset.TODAY:
        return today, today
    if preset is Preset.YESTERDAY:
        return today - day, today - day
    monday = today - timedelta(days=today.weekday())
    if preset is Preset.THIS_WEEK:
        return monday, today
    if preset is Preset.LAST_WEEK:
        return monday - 7 * day, monday - day
    if preset is Preset.THIS_MONTH:
        return month_start(today), today
    if preset is Preset.LAST_MONTH:
        end = month_start(today) - day
        return month_start(end), end
    if preset is Preset.THIS_QUARTER:
        return quarter_start(today), today
    if preset is Preset.LAST_QUARTER:
        end = quarter_start(today) - day
        return quarter_start(end), end
    raise ValueError("a custom range has no preset dates")
