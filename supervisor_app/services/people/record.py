"""Agents' training records: every course their queues require or they completed.

One reading for the profile (one agent, today) and the review pack (its agents,
on the period's last day). Each course's status is
``domain.training.training_status``, the reading the due list uses too.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from supervisor_app.domain.training import TrainingStatus, training_status
from supervisor_app.services.database import Database
from supervisor_app.store.models import (
    AgentSkill,
    Queue,
    TrainingCompletion,
    TrainingCourse,
    TrainingRequirement,
)


@dataclass(frozen=True, slots=True)
class TrainingLine:
    agent_id: int
    course_id: int
    course: str
    required_for: tuple[str, ...]  # the agent's queues that require it (empty: not required)
    completed_on: date | None  # of the completion that holds longest by the day
    expires_on: date | None  # None with ``completed_on``: never expires
    status: TrainingStatus


def training_lines(db: Database, agent_ids: Collection[int], day: date) -> tuple[TrainingLine, ...]:
    """Each agent's courses (required or taken) with their status on ``day``; in the order
    of ``agent_ids``, then by course name."""
    ids = list(dict.fromkeys(agent_ids))
    if not ids:
        return ()
    with db.sessions() as session:
        names = dict(session.execute(select(TrainingCourse.id, TrainingCourse.name)).all())
        needs = session.execute(
            select(AgentSkill.agent_id, TrainingRequirement.course_id, Queue.name)
            .join(TrainingRequirement, TrainingRequirement.queue_id == AgentSkill.queue_id)
            .join(Queue, Queue.id == AgentSkill.queue_id)
            .where(AgentSkill.agent_id.in_(ids))
        ).all()
        taken = session.execute(
            select(
                TrainingCompletion.agent_id,
                TrainingCompletion.course_id,
                TrainingCompletion.completed_on,
                TrainingCompletion.expires_on,
            ).where(TrainingCompletion.agent_id.in_(ids))
        ).all()
    required: dict[tuple[int, int], set[str]] = {}
    for agent_id, course_id, queue in needs:
        required.setdefault((agent_id, course_id), set()).add(queue)
    held: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
    for agent_id, course_id, first, end in taken:
        held.setdefault((agent_id, course_id), []).append((first, end))
    order = {a: i for i, a in enumerate(ids)}
    keys = sorted(
        required.keys() | held.keys(), key=lambda k: (order[k[0]], names[k[1]].casefold())
    )
    out = []
    for agent_id, course_id in keys:
        state = training_status(held.get((agent_id, course_id), ()), day)
        queues = tuple(sorted(required.get((agent_id, course_id), ()), key=str.casefold))
        out.append(
            TrainingLine(
                agent_id,
                course_id,
                names[course_id],
                queues,
                state.completed_on,
                state.expires_on,
                state.status,
            )
        )
    return tuple(out)


def agent_training(db: Database, agent_id: int, today: date) -> list[TrainingLine]:
    """The agent's record: never completed and expired first, then due, then valid; by course."""
    order = list(TrainingStatus)
    lines = training_lines(db, [agent_id], today)
    return sorted(lines, key=lambda t: (order.index(t.status), t.course.casefold()))
