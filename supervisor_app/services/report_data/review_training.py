"""The training record of a review pack: each course an agent needs or took, as it stood on
the period's last day.

A course belongs in the record when a queue the agent is skilled for requires
it, or when the agent completed it. Its status on day D comes from the
completion that holds longest among those completed by D (a completion holds
from its day until ``expires_on``, exclusive, as ``domain.training`` says):

- ``never completed``: no completion by D;
- ``expired``: the best completion's ``expires_on`` is D or earlier;
- ``expires within 30 days``: it ends within ``DUE_DAYS`` days after D (the due list's window);
- ``valid``: it holds beyond that, or never expires.
"""

from __future__ import annotations

from collections.abc import Collection
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

DUE_DAYS = 30


class TrainingStatus(StrEnum):
    NEVER = "never completed"
    EXPIRED = "expired"
    EXPIRING = "expires within 30 days"
    VALID = "valid"


@dataclass(frozen=True, slots=True)
class TrainingLine:
    agent_id: int
    course: str
    required_for: tuple[str, ...]  # the agent's queues that require it; empty: taken anyway
    completed_on: date | None  # of the completion that holds longest, by the day
    expires_on: date | None  # None: never expires (or never completed)
    status: TrainingStatus


def training_status(
    completions: Collection[tuple[date, date | None]], day: date
) -> tuple[date | None, date | None, TrainingStatus]:
    """(completed on, expires on, status) on ``day`` from (completed on, expires on) pairs."""
    done = [c for c in completions if c[0] <= day]
    if not done:
        return None, None, TrainingStatus.NEVER
    # the one holding longest: no end beats any end, then the later end, then the later day
    best = max(done, key=lambda c: (c[1] is None, c[1] or date.min, c[0]))
    completed, end = best
    if end is None:
        return completed, None, TrainingStatus.VALID
    if end <= day:
        return completed, end, TrainingStatus.EXPIRED
    if end <= day + timedelta(days=DUE_DAYS):
        return completed, end, TrainingStatus.EXPIRING
    return completed, end, TrainingStatus.VALID


def training_lines(db: Database, agent_ids: Collection[int], day: date) -> tuple[TrainingLine, ...]:
    """Each agent's courses (required or taken) with their status on ``day``; by agent order
    given, then course name."""
    ids = list(agent_ids)
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
    out = []
    order = {a: i for i, a in enumerate(ids)}
    for key in sorted(required.keys() | held.keys(), key=lambda k: (order[k[0]], names[k[1]])):
        completed, expires, status = training_status(held.get(key, ()), day)
        queues = tuple(sorted(required.get(key, ()), key=str.casefold))
        out.append(TrainingLine(key[0], names[key[1]], queues, completed, expires, status))
    return tuple(out)
