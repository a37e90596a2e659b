"""How live figures read on screen and on the clipboard.

Two renderings of each value: the *display* text a supervisor reads (a thin
space before ``%``, a dash for "no data") and the *copy* text a spreadsheet
parses (``78.4%``, ``0:03:12``, plain integers, empty for no data). Both come
from here so every table in the tab agrees.
"""

from __future__ import annotations

import math
from datetime import datetime, tzinfo

from supervisor_app.domain.enums import ActivityKind, AgentState
from supervisor_app.domain.labels import ACTIVITY_LABELS, STATE_LABELS

NO_DATA = "—"


def hms(seconds: float | None) -> str:
    """``h:mm:ss`` (what Excel reads as a duration); empty for no data."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def hms_display(seconds: float | None) -> str:
    return hms(seconds) or NO_DATA


def percent_copy(fraction: float | None) -> str:
    """``78.4%``: Excel turns it into the number 0.784 formatted as a percentage."""
    return "" if fraction is None else f"{fraction * 100:.1f}%"


def percent_display(fraction: float | None) -> str:
    return NO_DATA if fraction is None else f"{fraction * 100:.1f} %"


def target_text(fraction: float) -> str:
    """A target as people say it: ``80 %``, ``87.5 %``."""
    return f"{fraction * 100:g} %"


def seconds_text(seconds: int) -> str:
    """An answer-time threshold: ``20 s``, ``2 min``, ``4 h``."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def service_level_display(level: float | None, target: float, threshold_s: int) -> str:
    """``78.4 % (80 % in 20 s)``: the figure beside the goal it is measured against."""
    goal = f"({target_text(target)} in {seconds_text(threshold_s)})"
    return f"{percent_display(level)} {goal}"


def minutes_text(minutes: float) -> str:
    return f"{int(minutes)} min"


def clock(when: datetime | None, zone: tzinfo | None) -> str:
    """``14:03:27`` in the site's zone (the machine's when the site is not known yet)."""
    if when is None:
        return NO_DATA
    return when.astimezone(zone).strftime("%H:%M:%S")


def state_label(state: AgentState) -> str:
    return STATE_LABELS.get(state, str(state).replace("_", " ").capitalize())


def scheduled_label(activity: ActivityKind | None, on_shift: bool) -> str:
    """What the schedule says now: an activity, productive time, or off shift."""
    if not on_shift:
        return "Off shift"
    if activity is None:
        return "Taking contacts"
    return ACTIVITY_LABELS.get(activity, str(activity).replace("_", " ").capitalize())
