"""One agent's training record: every course their queues require or they completed.

The same reading of completions as ``training_due`` (the latest holding one
counts; a completion dated after today does not hold yet), so the profile and
the due list can't disagree about who is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select

from supervisor_app.services.database import Database
from supervisor_app.store.models import (
    AgentSkill,
    Queue,
    TrainingCompletion,
    TrainingCourse,
    TrainingRequirement,
)

DUE_WITHIN_DAYS = 30


class TrainingStatus(StrEnum):
    NEVER = "never done"  # required and never completed
    EXPIRED = "expired"
    DUE = "due"  # expires within DUE_WITHIN_DAYS
    VALID = "valid"


@dataclass(frozen=True, slots=True)
class TrainingLine:
    course_id: int
    course: str
    required_for: tuple[str, ...]  # the agent's queues that require it (empty: not required)
    completed_on: date | None  # of the completion that holds longest
    expires_on: date | None  # None with ``completed_on``: never expires
    status: TrainingStatus


def _status(completed: date | None, until: date | None, today: date) -> TrainingStatus:
    if completed is None:
        return TrainingStatus.NEVER
    if until is not None and until <= today:
        return TrainingStatus.EXPIRED
    if until is not None and until <= today + timedelta(days=DUE_WITHIN_DAYS):
        return TrainingStatus.DUE
    return TrainingStatus.VALID


def agent_training(db: Database, agent_id: int, today: date) -> list[TrainingLine]:
    """The agent's record: expired and never-done first, then due, then valid; by course."""
    with db.sessions() as session:
        required = session.execute(
            select(TrainingCourse.id, TrainingCourse.name, Queue.name)
            .join(TrainingRequirement, TrainingRequirement.course_id == TrainingCourse.id)
            .join(Queue, Queue.id == TrainingRequirement.queue_id)
            .join(AgentSkill, AgentSkill.queue_id == Queue.id)
            .where(AgentSkill.agent_id == agent_id)
            .order_by(Queue.name)
        ).all()
        done = session.execute(
            select(
                TrainingCourse.id,
                TrainingCourse.name,
                TrainingCompletion.completed_on,
                TrainingCompletion.expires_on,
            )
            .join(TrainingCourse, TrainingCourse.id == TrainingCompletion.course_id)
            .where(TrainingCompletion.agent_id == agent_id)
        ).all()
    names: dict[int, str] = {}
    queues: dict[int, list[str]] = {}
    for course_id, course, queue in required:
        names[course_id] = course
        queues.setdefault(course_id, []).append(queue)
    best: dict[int, tuple[date, date | None]] = {}
    for course_id, course, completed_on, expires_on in done:
        names[course_id] = course
        if completed_on > today:
            continue
        held = best.get(course_id)
        if held is None or (held[1] is not None and (expires_on is None or expires_on > held[1])):
            best[course_id] = (completed_on, expires_on)
    lines = []
    for course_id, course in names.items():
        completed, until = best.get(course_id, (None, None))
        lines.append(
            TrainingLine(
                course_id,
                course,
                tuple(queues.get(course_id, ())),
                completed,
                until,
                _status(completed, until, today),
            )
        )
    order = list(TrainingStatus)
    lines.sort(key=lambda t: (order.index(t.status), t.course.casefold()))
    return lines
