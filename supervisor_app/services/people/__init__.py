"""People: what a supervisor keeps about their agents (training, quality evaluations;
coaching and reviews to come)."""

from __future__ import annotations

from supervisor_app.services.people.evaluations import (
    Calibration,
    ContactRef,
    EvaluationLine,
    answers_of,
    calibration,
    contact_by_id,
    evaluate,
    evaluations_in,
    find_contact,
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
from supervisor_app.services.people.qa_samples import ReviewCandidate, review_candidates
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
    "Calibration",
    "ContactRef",
    "Course",
    "EvaluationLine",
    "FormSummary",
    "FormVersion",
    "ReviewCandidate",
    "TrainingDue",
    "add_course",
    "answers_of",
    "calibration",
    "contact_by_id",
    "current_forms",
    "evaluate",
    "evaluations_in",
    "find_contact",
    "form_version",
    "list_courses",
    "list_forms",
    "record_completion",
    "review_candidates",
    "save_form",
    "set_required_queues",
    "training_due",
    "training_holds",
    "version_by_id",
]
