"""Writing validated contact, roster, forecast, escalation, training-completion and
quality evaluation files, all or nothing."""

from __future__ import annotations

from supervisor_app.services.writers.files.agents import (
    AgentRow,
    AgentWriteResult,
    write_agents,
)
from supervisor_app.services.writers.files.common import (
    known_queues,
    site_info,
)
from supervisor_app.services.writers.files.contacts import (
    ContactRow,
    write_contacts,
)
from supervisor_app.services.writers.files.escalations import (
    EscalationFileRow,
    write_escalations,
)
from supervisor_app.services.writers.files.evaluations import (
    EvaluationFileRow,
    EvaluationLookups,
    contacts_by_external_id,
    evaluation_lookups,
    write_evaluations,
)
from supervisor_app.services.writers.files.forecast import (
    ForecastRow,
    replace_forecast,
)
from supervisor_app.services.writers.files.training import (
    CompletionRow,
    TrainingNames,
    training_names,
    write_completions,
)

__all__ = [
    "AgentRow",
    "AgentWriteResult",
    "CompletionRow",
    "ContactRow",
    "EscalationFileRow",
    "EvaluationFileRow",
    "EvaluationLookups",
    "ForecastRow",
    "TrainingNames",
    "contacts_by_external_id",
    "evaluation_lookups",
    "known_queues",
    "replace_forecast",
    "site_info",
    "training_names",
    "write_agents",
    "write_completions",
    "write_contacts",
    "write_escalations",
    "write_evaluations",
]
