"""People: what a supervisor keeps about their agents: training, coaching notes and
their follow-ups, who supervises which team, restricted records, quality forms and
evaluations (the review pack reads them through ``coaching_in`` and ``evaluations_in``)."""

from __future__ import annotations

from supervisor_app.domain.training import DUE_WITHIN_DAYS, TrainingStatus
from supervisor_app.services.people.coaching import (
    CoachingLine,
    NoteConflict,
    add_note,
    edit_note,
    find_agent,
    find_contact,
    mark_follow_up_done,
)
from supervisor_app.services.people.coaching_read import (
    FollowUpDue,
    coaching_in,
    contacts_answered_by,
    due_follow_ups,
    get_note,
    list_notes,
)
from supervisor_app.services.people.evaluations import (
    Calibration,
    ContactRef,
    EvaluationLine,
    answers_of,
    calibration,
    contact_by_id,
    evaluate,
    evaluations_between,
    evaluations_in,
    find_contact_ref,
)
from supervisor_app.services.people.profile import (
    AgentProfile,
    ProfileSkill,
    UpcomingActivity,
    UpcomingShift,
    agent_profile,
    upcoming_shifts,
)
from supervisor_app.services.people.qa_forms import (
    FormSummary,
    FormVersion,
    current_forms,
    form_version,
    list_forms,
    save_form,
    version_by_id,
)
from supervisor_app.services.people.qa_samples import (
    ReviewCandidate,
    review_candidates,
)
from supervisor_app.services.people.record import TrainingLine, agent_training, training_lines
from supervisor_app.services.people.restricted_records import (
    RESTRICTED,
    RecordLine,
    acknowledge_record,
    add_record,
    list_records,
)
from supervisor_app.services.people.team_supervisors import (
    TeamSupervisorLine,
    add_team_supervisor,
    list_team_supervisors,
    remove_team_supervisor,
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
    "RESTRICTED",
    "AgentProfile",
    "Calibration",
    "CoachingLine",
    "ContactRef",
    "Course",
    "EvaluationLine",
    "FollowUpDue",
    "FormSummary",
    "FormVersion",
    "NoteConflict",
    "ProfileSkill",
    "RecordLine",
    "ReviewCandidate",
    "TeamSupervisorLine",
    "TrainingDue",
    "TrainingLine",
    "TrainingStatus",
    "UpcomingActivity",
    "UpcomingShift",
    "acknowledge_record",
    "add_course",
    "add_note",
    "add_record",
    "add_team_supervisor",
    "agent_profile",
    "agent_training",
    "answers_of",
    "calibration",
    "coaching_in",
    "contact_by_id",
    "contacts_answered_by",
    "current_forms",
    "due_follow_ups",
    "edit_note",
    "evaluate",
    "evaluations_between",
    "evaluations_in",
    "find_agent",
    "find_contact",
    "find_contact_ref",
    "form_version",
    "get_note",
    "list_courses",
    "list_forms",
    "list_notes",
    "list_records",
    "list_team_supervisors",
    "mark_follow_up_done",
    "record_completion",
    "remove_team_supervisor",
    "review_candidates",
    "save_form",
    "set_required_queues",
    "training_due",
    "training_holds",
    "training_lines",
    "upcoming_shifts",
    "version_by_id",
]
