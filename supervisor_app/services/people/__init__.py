"""People: what a supervisor keeps about their agents (training first; coaching, quality
and reviews to come)."""

from __future__ import annotations

from supervisor_app.services.people.profile import (
    AgentProfile,
    ProfileSkill,
    UpcomingActivity,
    UpcomingShift,
    agent_profile,
    upcoming_shifts,
)
from supervisor_app.services.people.record import (
    DUE_WITHIN_DAYS,
    TrainingLine,
    TrainingStatus,
    agent_training,
)
from supervisor_app.services.people.training import (
    Course,
    TrainingDue,
    add_course,
    list_courses,
    record_completion,
    set_required_queues,
    training_due,
    training_holds,
)

__all__ = [
    "DUE_WITHIN_DAYS",
    "AgentProfile",
    "Course",
    "ProfileSkill",
    "TrainingDue",
    "TrainingLine",
    "TrainingStatus",
    "UpcomingActivity",
    "UpcomingShift",
    "add_course",
    "agent_profile",
    "agent_training",
    "list_courses",
    "record_completion",
    "set_required_queues",
    "training_due",
    "training_holds",
    "upcoming_shifts",
]
