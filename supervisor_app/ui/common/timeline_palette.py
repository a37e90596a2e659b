"""Colours of an agent's day: one colour per kind of time, shared by schedule and states.

A break is the same amber whether it was scheduled or taken, so a late return
reads at a glance as amber running past amber. Productive time is green in the
schedule and as "available"; talking and wrap-up are blues within it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from supervisor_app.domain.enums import ActivityKind, AgentState
from supervisor_app.domain.labels import ACTIVITY_LABELS, STATE_LABELS

PRODUCTIVE = "#7fb685"
BREAK = "#f2c14e"
LUNCH = "#e8884a"
TRAINING = "#8e6cc0"
MEETING = "#3fa7a3"
COACHING = "#c06c9a"
OFF_PHONE = "#a68a64"
OFFLINE = "#d3d8df"
ON_CONTACT = "#2f6db3"
WRAP_UP = "#8fb8e6"
EXCEPTION = "#d93025"
APPROVED = "#3c8c50"
CONTACT = "#1c4f8a"
CONTACT_WRAP = "#9ab8da"
TEXT = "#1c2b3a"
MUTED = "#5d6b7d"
GRID = "#e3e8ef"

ACTIVITY: dict[ActivityKind | None, str] = {
    None: PRODUCTIVE,
    ActivityKind.BREAK: BREAK,
    ActivityKind.LUNCH: LUNCH,
    ActivityKind.TRAINING: TRAINING,
    ActivityKind.MEETING: MEETING,
    ActivityKind.COACHING: COACHING,
    ActivityKind.OFF_PHONE: OFF_PHONE,
}
STATE: dict[AgentState, str] = {
    AgentState.AVAILABLE: PRODUCTIVE,
    AgentState.ON_CONTACT: ON_CONTACT,
    AgentState.WRAP_UP: WRAP_UP,
    AgentState.BREAK: BREAK,
    AgentState.LUNCH: LUNCH,
    AgentState.TRAINING: TRAINING,
    AgentState.MEETING: MEETING,
    AgentState.OFFLINE: OFFLINE,
}
ACTIVITY_NAME: dict[ActivityKind | None, str] = {None: "Productive", **ACTIVITY_LABELS}
STATE_NAME: dict[AgentState, str] = STATE_LABELS


def colour(name: str, alpha: int = 255) -> QColor:
    c = QColor(name)
    c.setAlpha(alpha)
    return c
