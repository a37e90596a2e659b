"""Writing the simulator's history and live events."""

from __future__ import annotations

from supervisor_app.services.writers.simulation.live import (
    Answered,
    Arrived,
    Ended,
    EscalationDraft,
    LiveEvent,
    LiveWriter,
    StateChanged,
    SurveyDraft,
    WaitingContact,
    Wrapped,
)
from supervisor_app.services.writers.simulation.writes import (
    DEMO_SITE_NAME,
    SOURCE,
    ActivitySpec,
    AgentSpec,
    QueueSpec,
    ReserveIds,
    RosterSpec,
    RowBatch,
    SeedWriter,
    ShiftSpec,
    TeamSpec,
    create_roster,
    read_roster,
    read_rosters,
)

__all__ = [
    "DEMO_SITE_NAME",
    "SOURCE",
    "ActivitySpec",
    "AgentSpec",
    "Answered",
    "Arrived",
    "Ended",
    "EscalationDraft",
    "LiveEvent",
    "LiveWriter",
    "QueueSpec",
    "ReserveIds",
    "RosterSpec",
    "RowBatch",
    "SeedWriter",
    "ShiftSpec",
    "StateChanged",
    "SurveyDraft",
    "TeamSpec",
    "WaitingContact",
    "Wrapped",
    "create_roster",
    "read_roster",
    "read_rosters",
]
