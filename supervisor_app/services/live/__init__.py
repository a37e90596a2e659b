"""The floor now: the live snapshot, today's intraday series, an agent's day, escalations."""

from __future__ import annotations

from supervisor_app.services.live.acknowledgements import (
    Acknowledgement,
    AlertKey,
    acknowledge_alerts,
    recent_acknowledgements,
)
from supervisor_app.services.live.day_of_agent import (
    AgentDay,
    ContactBrief,
    ExceptionRow,
    StateSegment,
    agent_day,
    approve_exception,
)
from supervisor_app.services.live.escalation_raise import (
    EscalationFieldError,
    check_draft,
    list_escalations,
    queue_names,
    raise_escalation,
    raise_for_contact,
)
from supervisor_app.services.live.escalations import (
    EscalationConflict,
    EscalationRow,
    add_escalation_note,
    open_escalations,
    resolve_escalation,
    take_escalation,
)
from supervisor_app.services.live.intraday_series import (
    IntervalPoint,
    IntradaySeries,
    intraday,
)
from supervisor_app.services.live.snapshot import (
    AgentRow,
    LiveSnapshot,
    QueueRow,
    QueueThresholds,
    take_snapshot,
)

__all__ = [
    "Acknowledgement",
    "AgentDay",
    "AgentRow",
    "AlertKey",
    "ContactBrief",
    "EscalationConflict",
    "EscalationFieldError",
    "EscalationRow",
    "ExceptionRow",
    "IntervalPoint",
    "IntradaySeries",
    "LiveSnapshot",
    "QueueRow",
    "QueueThresholds",
    "StateSegment",
    "acknowledge_alerts",
    "add_escalation_note",
    "agent_day",
    "approve_exception",
    "check_draft",
    "intraday",
    "list_escalations",
    "open_escalations",
    "queue_names",
    "raise_escalation",
    "raise_for_contact",
    "recent_acknowledgements",
    "resolve_escalation",
    "take_escalation",
    "take_snapshot",
]
