"""What the Excel reports read: one module per report, plain rows and figures."""

from __future__ import annotations

from supervisor_app.services.report_data.contacts import (
    contact_count,
    contact_rows,
)
from supervisor_app.services.report_data.context import (
    AgentChoice,
    Named,
    ReportContext,
    report_context,
    resolve,
)
from supervisor_app.services.report_data.escalations import (
    EscalationLine,
    escalation_lines,
)
from supervisor_app.services.report_data.review import (
    ReviewAgent,
    ReviewTarget,
    review_agents,
    review_targets,
)
from supervisor_app.services.report_data.satisfaction import (
    SurveyComment,
    survey_comments,
)
from supervisor_app.services.report_data.schedule import (
    PublishedWeek,
    published_weeks,
)
from supervisor_app.services.report_data.scorecards import agent_contact_sums
from supervisor_app.services.report_data.service_level import (
    ServiceCell,
    ServiceTable,
    service_table,
    service_tables,
)
from supervisor_app.services.report_data.staffing import (
    StaffingData,
    staffing_data,
)

__all__ = [
    "AgentChoice",
    "EscalationLine",
    "Named",
    "PublishedWeek",
    "ReportContext",
    "ReviewAgent",
    "ReviewTarget",
    "ServiceCell",
    "ServiceTable",
    "StaffingData",
    "SurveyComment",
    "agent_contact_sums",
    "contact_count",
    "contact_rows",
    "escalation_lines",
    "published_weeks",
    "report_context",
    "resolve",
    "review_agents",
    "review_targets",
    "service_table",
    "service_tables",
    "staffing_data",
    "survey_comments",
]
