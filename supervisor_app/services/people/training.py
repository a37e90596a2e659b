"""Training records: courses, the queues that require them, completions, and who is due.

Every change writes an audit row in the same transaction. What a schedule may
not do without the training is ``domain.training``'s rule, fed by
``services.schedules`` when it loads a week.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Row, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.training import (
    DUE_WITHIN_DAYS,
    TrainingHold,
    TrainingStatus,
    expiry,
    training_status,
)
from supervisor_app.services.audit import record
from supervisor_app.services.database import Database
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    Queue,
    TrainingCompletion,
    TrainingCourse,
    TrainingRequirement,
)

MAX_VALID_DAYS = 3650


@dataclass(frozen=True, slots=True)
class Course:
    id: int
    name: str
    valid_days: int | None
    queues: tuple[str, ...]  # the queues that require it


@dataclass(frozen=True, slots=True)
class TrainingDue:
    """An agent who needs a course for a queue they are skilled for, and since when."""

    agent_id: int
    agent: str
    employee_code: str
    course: str
    queues: tuple[str, ...]
    expires_on: date | None  # None: never completed
    overdue: bool


def list_courses(db: Database) -> list[Course]:
    with db.sessions() as session:
        courses = session.scalars(select(TrainingCourse).order_by(TrainingCourse.name)).all()
        needs = session.execute(
            select(TrainingRequirement.course_id, Queue.name)
            .join(Queue, Queue.id == TrainingRequirement.queue_id)
            .order_by(Queue.name)
        ).all()
    by_course: dict[int, list[str]] = {}
    for course_id, queue in needs:
        by_course.setdefault(course_id, []).append(queue)
    return [Course(c.id, c.name, c.valid_days, tuple(by_course.get(c.id, ()))) for c in courses]


def add_course(
    db: Database, name: str, valid_days: int | None, queue_ids: Sequence[int], actor: str
) -> Course:
    """A new course required by ``queue_ids``; a name already taken is refused."""
    name = name.strip()
    if not name or len(name) > 120:
        raise UserError(f"course name {name!r} refused: 1 to 120 characters")
    if valid_days is not None and not 1 <= valid_days <= MAX_VALID_DAYS:
        raise UserError(f"valid days {valid_days} refused: 1 to {MAX_VALID_DAYS}, or none")
    try:
        with db.sessions.begin() as session:
            course = TrainingCourse(name=name, valid_days=valid_days)
            session.add(course)
            session.flush()
            session.add_all(TrainingRequirement(course_id=course.id, queue_id=q) for q in queue_ids)
            record(
                session,
                actor=actor,
                action="training.course.add",
                entity="training_course",
                entity_id=course.id,
                after={"name": name, "valid_days": valid_days, "queue_ids": list(queue_ids)},
            )
            course_id = course.id
    except IntegrityError:
        raise UserError(f"a course named {name!r} exists already") from None
    return next(c for c in list_courses(db) if c.id == course_id)


def set_required_queues(db: Database, course_id: int, queue_ids: Sequence[int], actor: str) -> None:
    """The queues that require the course, replacing the ones before."""
    with db.sessions.begin() as session:
        before = sorted(
            session.scalars(
                select(TrainingRequirement.queue_id).where(
                    TrainingRequirement.course_id == course_id
                )
            )
        )
        session.execute(
            delete(TrainingRequirement).where(TrainingRequirement.course_id == course_id)
        )
        session.add_all(TrainingRequirement(course_id=course_id, queue_id=q) for q in queue_ids)
        record(
            session,
            actor=actor,
            action="training.course.require",
            entity="training_course",
            entity_id=course_id,
            before={"queue_ids": before},
            after={"queue_ids": sorted(queue_ids)},
        )


def record_completion(
    db: Database, agent_id: int, course_id: int, completed_on: date, actor: str
) -> date | None:
    """The agent completed the course on that (local) day; returns when it expires."""
    with db.sessions.begin() as session:
        course = session.get(TrainingCourse, course_id)
        if course is None:
            raise UserError(f"no training course with id {course_id}")
        if session.get(Agent, agent_id) is None:
            raise UserError(f"no agent with id {agent_id}")
        expires_on = expiry(completed_on, course.valid_days)
        session.add(
            TrainingCompletion(
                agent_id=agent_id,
                course_id=course_id,
                completed_on=completed_on,
                expires_on=expires_on,
                recorded_by=actor,
            )
        )
        record(
            session,
            actor=actor,
            action="training.complete",
            entity="agent",
            entity_id=agent_id,
            after={"course": course.name, "completed_on": completed_on, "expires_on": expires_on},
        )
    return expires_on


def training_due(
    db: Database, today: date, within_days: int = DUE_WITHIN_DAYS, site_id: int | None = None
) -> list[TrainingDue]:
    """Active agents whose required course was never completed, has expired, or expires
    within ``within_days`` of ``today`` (``domain.training.training_status``): overdue
    first, then by expiry."""
    query = (
        select(
            Agent.id,
            Agent.name,
            Agent.employee_code,
            TrainingCourse.id,
            TrainingCourse.name,
            Queue.name,
        )
        .join(AgentSkill, AgentSkill.agent_id == Agent.id)
        .join(Queue, Queue.id == AgentSkill.queue_id)
        .join(TrainingRequirement, TrainingRequirement.queue_id == Queue.id)
        .join(TrainingCourse, TrainingCourse.id == TrainingRequirement.course_id)
        .where(Agent.active.is_(True), *([Queue.site_id == site_id] if site_id else []))
    )
    with db.sessions() as session:
        needed = session.execute(query).all()
        held: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
        for agent_id, course_id, first, end in _completions(session):
            held.setdefault((agent_id, course_id), []).append((first, end))
    grouped: dict[tuple[int, int], tuple[str, str, str, list[str]]] = {}
    for agent_id, agent, code, course_id, course, queue in needed:
        grouped.setdefault((agent_id, course_id), (agent, code, course, []))[3].append(queue)
    out = []
    for key, (agent, code, course, queues) in grouped.items():
        state = training_status(held.get(key, ()), today, within_days)
        if state.status is TrainingStatus.VALID:
            continue
        out.append(
            TrainingDue(
                agent_id=key[0],
                agent=agent,
                employee_code=code,
                course=course,
                queues=tuple(sorted(queues)),
                expires_on=state.expires_on,
                overdue=state.overdue,
            )
        )
    out.sort(key=lambda d: (not d.overdue, d.expires_on or date.min, d.agent, d.course))
    return out


def training_holds(session: Session, agent_ids: list[int]) -> tuple[TrainingHold, ...]:
    """For each agent and each of their queues that requires a course: when they hold it."""
    if not agent_ids:
        return ()
    needed = session.execute(
        select(AgentSkill.agent_id, Queue.name, TrainingCourse.id, TrainingCourse.name)
        .join(Queue, Queue.id == AgentSkill.queue_id)
        .join(TrainingRequirement, TrainingRequirement.queue_id == AgentSkill.queue_id)
        .join(TrainingCourse, TrainingCourse.id == TrainingRequirement.course_id)
        .where(AgentSkill.agent_id.in_(agent_ids))
        .order_by(AgentSkill.agent_id, Queue.name, TrainingCourse.name)
    ).all()
    if not needed:
        return ()
    held: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
    for agent_id, course_id, first, end in _completions(session, agent_ids):
        held.setdefault((agent_id, course_id), []).append((first, end))
    return tuple(
        TrainingHold(agent_id, queue, course, tuple(sorted(held.get((agent_id, course_id), []),
                                                           key=lambda h: h[0])))
        for agent_id, queue, course_id, course in needed
    )  # fmt: skip


def _completions(
    session: Session, agent_ids: list[int] | None = None
) -> Sequence[Row[tuple[int, int, date, date | None]]]:
    """(agent, course, completed on, expires on) of every completion (of ``agent_ids``)."""
    query = select(
        TrainingCompletion.agent_id,
        TrainingCompletion.course_id,
        TrainingCompletion.completed_on,
        TrainingCompletion.expires_on,
    )
    if agent_ids is not None:
        query = query.where(TrainingCompletion.agent_id.in_(agent_ids))
    return session.execute(query).all()
