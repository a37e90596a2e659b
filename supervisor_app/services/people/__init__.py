"""People: what a supervisor keeps about their agents (training, coaching notes, who
supervises which team, restricted records; quality and reviews to come)."""

from __future__ import annotations

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
from supervisor_app.services.people.records import (
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
    "RESTRICTED",
    "CoachingLine",
    "Course",
    "FollowUpDue",
    "NoteConflict",
    "RecordLine",
    "TeamSupervisorLine",
    "TrainingDue",
    "acknowledge_record",
    "add_course",
    "add_note",
    "add_record",
    "add_team_supervisor",
    "coaching_in",
    "contacts_answered_by",
    "due_follow_ups",
    "edit_note",
    "find_agent",
    "find_contact",
    "get_note",
    "list_courses",
    "list_notes",
    "list_records",
    "list_team_supervisors",
    "mark_follow_up_done",
    "record_completion",
    "remove_team_supervisor",
    "set_required_queues",
    "training_due",
    "training_holds",
]
