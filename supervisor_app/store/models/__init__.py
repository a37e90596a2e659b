"""Every table, importable from one place (Alembic reads ``Base.metadata`` from here).

The face of the models: the services import these names, never a module inside,
so a table can move between modules without touching its readers. Besides the
tables: the constants and trigger helpers that go with them (the first date a
queue's targets govern, the live view's quarter-hour, the rollups' "every day").
"""

from supervisor_app.store.base import Base
from supervisor_app.store.models.acknowledgements import AlertAcknowledgement
from supervisor_app.store.models.activity import (
    AgentStateSpan,
    Contact,
    Escalation,
    SurveyResponse,
)
from supervisor_app.store.models.approvals import AdherenceApproval
from supervisor_app.store.models.audit import AuditEntry
from supervisor_app.store.models.coaching import CoachingNote, RestrictedRecord, TeamSupervisor
from supervisor_app.store.models.forecasting import QueuePlanning, SitePlanning, WeeklyBudget
from supervisor_app.store.models.imports import QueueLogFile
from supervisor_app.store.models.live import (
    BUCKET_SECONDS,
    SLICE_SECONDS,
    SLICE_SLOTS,
    LiveBucketVersion,
    LiveSliceVersion,
)
from supervisor_app.store.models.org import Agent, AgentSkill, Queue, Site, Team
from supervisor_app.store.models.planning import Forecast, Shift, ShiftActivity, TimeOff
from supervisor_app.store.models.quality import QaEvaluation, QaForm, QaFormVersion
from supervisor_app.store.models.rollups import (
    EVERY_DAY,
    KpiDayVersion,
    KpiRollupAgentTime,
    KpiRollupContacts,
    KpiRollupDay,
    bump_every_day,
    rollup_trigger_ddl,
    rollup_triggers_present,
)
from supervisor_app.store.models.scheduling import (
    SchedulePublication,
    ScheduleRuleSettingsRow,
    ShiftTemplateActivityRow,
    ShiftTemplateRow,
)
from supervisor_app.store.models.security import UserSite
from supervisor_app.store.models.targets import BEGINNING, QueueTarget
from supervisor_app.store.models.training import (
    TrainingCompletion,
    TrainingCourse,
    TrainingRequirement,
)

__all__ = [
    "BEGINNING",
    "BUCKET_SECONDS",
    "EVERY_DAY",
    "SLICE_SECONDS",
    "SLICE_SLOTS",
    "AdherenceApproval",
    "Agent",
    "AgentSkill",
    "AgentStateSpan",
    "AlertAcknowledgement",
    "AuditEntry",
    "Base",
    "CoachingNote",
    "Contact",
    "Escalation",
    "Forecast",
    "KpiDayVersion",
    "KpiRollupAgentTime",
    "KpiRollupContacts",
    "KpiRollupDay",
    "LiveBucketVersion",
    "LiveSliceVersion",
    "QaEvaluation",
    "QaForm",
    "QaFormVersion",
    "Queue",
    "QueueLogFile",
    "QueuePlanning",
    "QueueTarget",
    "RestrictedRecord",
    "SchedulePublication",
    "ScheduleRuleSettingsRow",
    "Shift",
    "ShiftActivity",
    "ShiftTemplateActivityRow",
    "ShiftTemplateRow",
    "Site",
    "SitePlanning",
    "SurveyResponse",
    "Team",
    "TeamSupervisor",
    "TimeOff",
    "TrainingCompletion",
    "TrainingCourse",
    "TrainingRequirement",
    "UserSite",
    "WeeklyBudget",
    "bump_every_day",
    "rollup_trigger_ddl",
    "rollup_triggers_present",
]
