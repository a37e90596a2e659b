"""The editor's colours: the live timeline's activity colours, plus what only planning needs.

A break is the same amber here as on the live timeline, so a planner and a
supervisor read one legend.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from supervisor_app.domain.enums import ActivityKind, TimeOffStatus
from supervisor_app.ui.common import timeline_palette as pal

SHIFT = pal.PRODUCTIVE
SHIFT_EDGE = "#4d8a55"
PUBLISHED_EDGE = "#24502b"
SELECTED = "#1a56c4"
VIOLATION = pal.EXCEPTION
TEXT = pal.TEXT
MUTED = pal.MUTED
GRID = pal.GRID
DAY_LINE = "#b9c3d0"
WEEKEND = "#f4f6f9"
ROW_ALT = "#fafbfd"
TEAM_BG = "#e9eef5"
HEADER_BG = "#f1f4f8"
CURSOR = "#1a56c4"
GHOST = "#1a56c4"

ACTIVITY: dict[ActivityKind, str] = {k: v for k, v in pal.ACTIVITY.items() if k is not None}
ACTIVITY_NAME = pal.ACTIVITY_NAME
TIME_OFF: dict[TimeOffStatus, str] = {
    TimeOffStatus.APPROVED: "#8a96a8",
    TimeOffStatus.REQUESTED: "#c3cad5",
    TimeOffStatus.REFUSED: "#e2e6ec",
}
TIME_OFF_NAME: dict[TimeOffStatus, str] = {
    TimeOffStatus.APPROVED: "Time off (approved)",
    TimeOffStatus.REQUESTED: "Time off (requested)",
    TimeOffStatus.REFUSED: "Time off (refused)",
}

colour = pal.colour


def qcolour(name: str, alpha: int = 255) -> QColor:
    return pal.colour(name, alpha)
