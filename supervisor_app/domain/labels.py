"""What agents' states and scheduled activities are called, on screen and in workbooks: one list."""

from __future__ import annotations

from supervisor_app.domain.enums import ActivityKind, AgentState

STATE_LABELS: dict[AgentState, str] = {
    AgentState.AVAILABLE: "Available",
    AgentState.ON_CONTACT: "On contact",
    AgentState.WRAP_UP: "Wrap-up",
    AgentState.BREAK: "Break",
    AgentState.LUNCH: "Lunch",
    AgentState.TRAINING: "Training",
    AgentState.MEETING: "Meeting",
    AgentState.OFFLINE: "Offline",
}

ACTIVITY_LABELS: dict[ActivityKind, str] = {
    ActivityKind.BREAK: "Break",
    ActivityKind.LUNCH: "Lunch",
    ActivityKind.TRAINING: "Training",
    ActivityKind.MEETING: "Meeting",
    ActivityKind.COACHING: "Coaching",
    ActivityKind.OFF_PHONE: "Off-phone work",
}
