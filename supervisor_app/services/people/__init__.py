"""People: what a supervisor keeps about their agents (training first; coaching, quality
and reviews to come)."""

from __future__ import annotations

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
    "Course",
    "TrainingDue",
    "add_course",
    "list_courses",
    "record_completion",
    "set_required_queues",
    "training_due",
    "training_holds",
]
