"""Schedules: the week, generated drafts, locked saves, conflicts, publishing, templates,
time off, rules, history."""

from __future__ import annotations

from supervisor_app.services.schedules.change_history import (
    HistoryEntry,
    history,
)
from supervisor_app.services.schedules.conflicts import Conflict
from supervisor_app.services.schedules.generate import (
    GeneratedDraft,
    generate_and_save,
    generate_draft,
)
from supervisor_app.services.schedules.publish import (
    Publication,
    PublishRefused,
    check_schedule,
    publish_week,
)
from supervisor_app.services.schedules.published_plan import (
    MAX_SHIFT,
    Approval,
    approvals_between,
    published_schedules,
    shifts_in_progress,
)
from supervisor_app.services.schedules.rules_settings import load_rule_settings
from supervisor_app.services.schedules.save import (
    SaveResult,
    save_week,
)
from supervisor_app.services.schedules.templates import (
    delete_template,
    list_templates,
    save_template,
)
from supervisor_app.services.schedules.time_off import (
    approve_time_off,
    refuse_time_off,
    request_time_off,
)
from supervisor_app.services.schedules.training_session import (
    BookedSession,
    schedule_training,
)
from supervisor_app.services.schedules.week import (
    load_week,
    site_timezone,
)

__all__ = [
    "MAX_SHIFT",
    "Approval",
    "BookedSession",
    "Conflict",
    "GeneratedDraft",
    "HistoryEntry",
    "Publication",
    "PublishRefused",
    "SaveResult",
    "approvals_between",
    "approve_time_off",
    "check_schedule",
    "delete_template",
    "generate_and_save",
    "generate_draft",
    "history",
    "list_templates",
    "load_rule_settings",
    "load_week",
    "publish_week",
    "published_schedules",
    "refuse_time_off",
    "request_time_off",
    "save_template",
    "save_week",
    "schedule_training",
    "shifts_in_progress",
    "site_timezone",
]
