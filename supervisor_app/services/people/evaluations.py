"""Quality evaluations: score a contact (or an agent's work), list them, and calibration.

The score is worked out here from the form version's definition
(``domain.quality.score``) and kept with the evaluation, beside the answers and
the version, so editing the form later never rewrites it. The evaluator and
the time are the workstation's login and clock on SQLite, and the database's
(``session_user``, its clock) on PostgreSQL, where a trigger of migration 0016
sets them. Days are the local days of the agent's site.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.periods import range_bounds
from supervisor_app.domain.quality import FormDefinition, Spread, score, spread
from supervisor_app.services.audit import record
from supervisor_app.services.database import Database
from supervisor_app.store.models import (
    Agent,
    Contact,
    QaEvaluation,
    QaForm,
    QaFormVersion,
    Queue,
    Site,
)


@dataclass(frozen=True, slots=True)
class EvaluationLine:
    """One evaluation as the profile, the CLI and the review pack show it."""

    evaluation_id: int
    agent_id: int
    agent_name: str
    evaluated_at: datetime  # UTC
    evaluator: str
    form_name: str
    form_version: int
    contact_ref: str | None  # the contact's external id
    queue_name: str | None
    score_pct: float  # 0..100
    auto_failed: bool


@dataclass(frozen=True, slots=True)
class ContactRef:
    contact_id: int
    external_id: str
    agent_id: int | None  # who answered it
    queue: str
    agent_name: str | None = None


def _contact_query() -> Any:
    return (
        select(Contact.id, Contact.external_id, Contact.agent_id, Queue.name, Agent.name)
        .join(Queue, Queue.id == Contact.queue_id)
        .outerjoin(Agent, Agent.id == Contact.agent_id)
    )


def find_contact_ref(db: Database, external_id: str) -> ContactRef:
    """The contact whose external id is ``external_id`` (a PBX's uniqueid, a file's id)."""
    with db.sessions() as session:
        rows = session.execute(
            _contact_query().where(Contact.external_id == external_id.strip()).limit(2)
        ).all()
    if not rows:
        raise UserError(f"no contact with id {external_id!r}")
    if len(rows) > 1:
        raise UserError(f"contact id {external_id!r} is used by several sources")
    return ContactRef(*rows[0])


def contact_by_id(db: Database, contact_id: int) -> ContactRef:
    """The contact with this id, with the agent who answered it (the drill-down's rows)."""
    with db.sessions() as session:
        row = session.execute(_contact_query().where(Contact.id == contact_id)).first()
    if row is None:
        raise UserError(f"no contact with id {contact_id}")
    return ContactRef(*row)


def evaluate(
    db: Database,
    *,
    agent_id: int,
    form_version_id: int,
    answers: Mapping[str, str],
    actor: str,
    contact_id: int | None = None,
) -> EvaluationLine:
    """Score ``answers`` with the form version and keep the evaluation (audited)."""
    with db.sessions.begin() as session:
        version = session.get(QaFormVersion, form_version_id)
        if version is None:
            raise UserError(f"no evaluation form version with id {form_version_id}")
        if session.get(Agent, agent_id) is None:
            raise UserError(f"no agent with id {agent_id}")
        queue_id = None
        if contact_id is not None:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise UserError(f"no contact with id {contact_id}")
            queue_id = contact.queue_id
        definition = FormDefinition.from_dict(version.definition)
        result = score(definition, answers)
        row = QaEvaluation(
            agent_id=agent_id,
            contact_id=contact_id,
            queue_id=queue_id,
            form_version_id=form_version_id,
            evaluator=actor,
            answers={k: str(v).strip().lower() for k, v in answers.items()},
            score_pct=round(result.pct, 4),
            auto_failed=result.auto_failed,
        )
        session.add(row)
        session.flush()
        record(
            session,
            actor=actor,
            action="qa.evaluate",
            entity="agent",
            entity_id=agent_id,
            after={
                "evaluation_id": row.id,
                "form_version_id": form_version_id,
                "contact_id": contact_id,
                "score_pct": row.score_pct,
                "auto_failed": result.auto_failed,
            },
        )
        evaluation_id = row.id
    with db.sessions() as session:
        return _lines(session, [QaEvaluation.id == evaluation_id])[0]


def evaluations_in(
    db: Database, *, agent_ids: Sequence[int] | None, start: date, end: date
) -> list[EvaluationLine]:
    """Evaluations of ``agent_ids`` (None: every agent) made from local day ``start`` to
    ``end`` inclusive, in the zone of each agent's site; oldest first."""
    if start > end:
        raise UserError(f"the range {start} to {end} ends before it starts")
    with db.sessions() as session:
        where: list[Any] = [_local_days(session, start, end)]
        if agent_ids is not None:
            where.append(QaEvaluation.agent_id.in_(list(agent_ids)))
        return _lines(session, where)


def evaluations_between(
    db: Database,
    start: datetime,
    end: datetime,
    *,
    agent_ids: Collection[int] | None = None,
    team_ids: Collection[int | None] | None = None,
    queue_ids: Collection[int] | None = None,
    site_id: int | None = None,
    limit: int | None = None,
) -> list[EvaluationLine]:
    """Evaluations made in the instants [``start``, ``end``), oldest first: of those agents,
    of agents in those teams (None: no team), about contacts of those queues, of agents
    of that site (None: every filter off). The Analytics drill-down's reading of a
    ``qa_score`` cell, grouped as ``kpi_report`` sums them."""
    where: list[Any] = [QaEvaluation.evaluated_at >= start, QaEvaluation.evaluated_at < end]
    if agent_ids is not None:
        where.append(QaEvaluation.agent_id.in_(sorted(agent_ids)))
    if team_ids is not None:
        named = sorted(t for t in team_ids if t is not None)
        teams = [Agent.team_id.in_(named)]
        if None in team_ids:
            teams.append(Agent.team_id.is_(None))
        where.append(or_(*teams))
    if queue_ids is not None:
        where.append(QaEvaluation.queue_id.in_(sorted(queue_ids)))
    if site_id is not None:
        where.append(Agent.site_id == site_id)
    with db.sessions() as session:
        return _lines(session, where, limit)


def answers_of(db: Database, evaluation_id: int) -> dict[str, str]:
    """What the evaluator answered, by question key."""
    with db.sessions() as session:
        row = session.get(QaEvaluation, evaluation_id)
        if row is None:
            raise UserError(f"no evaluation with id {evaluation_id}")
        return {str(k): str(v) for k, v in row.answers.items()}


@dataclass(frozen=True, slots=True)
class Calibration:
    """One contact scored by several evaluators, and how far apart they are."""

    contact_ref: str
    queue_name: str | None
    agent_name: str
    scores: tuple[tuple[str, float], ...]  # (evaluator, score %), by evaluator
    spread: Spread


def calibration(db: Database, start: date, end: date) -> list[Calibration]:
    """Contacts evaluated by at least two evaluators from ``start`` to ``end`` (local days
    of the agent's site), widest spread first."""
    by_contact: dict[str, list[EvaluationLine]] = {}
    for line in evaluations_in(db, agent_ids=None, start=start, end=end):
        if line.contact_ref is not None:
            by_contact.setdefault(line.contact_ref, []).append(line)
    out = []
    for ref, lines in by_contact.items():
        if len({line.evaluator for line in lines}) < 2:
            continue
        scores = tuple(sorted((line.evaluator, line.score_pct) for line in lines))
        first = lines[0]
        out.append(
            Calibration(
                ref, first.queue_name, first.agent_name, scores, spread(s for _, s in scores)
            )
        )
    out.sort(key=lambda c: (-c.spread.range, c.contact_ref))
    return out


def _local_days(session: Session, start: date, end: date) -> Any:
    """SQL: the evaluation falls from local ``start`` to ``end`` in its agent's site's zone."""
    parts = []
    for site_id, zone in session.execute(select(Site.id, Site.timezone)):
        low, high = range_bounds(start, end, ZoneInfo(zone))
        parts.append(
            (Agent.site_id == site_id)
            & (QaEvaluation.evaluated_at >= low)
            & (QaEvaluation.evaluated_at < high)
        )
    return or_(*parts) if parts else QaEvaluation.id.is_(None)


def _lines(session: Session, where: list[Any], limit: int | None = None) -> list[EvaluationLine]:
    query = (
        select(
            QaEvaluation.id,
            QaEvaluation.agent_id,
            Agent.name,
            QaEvaluation.evaluated_at,
            QaEvaluation.evaluator,
            QaForm.name,
            QaFormVersion.number,
            Contact.external_id,
            Queue.name,
            QaEvaluation.score_pct,
            QaEvaluation.auto_failed,
        )
        .join(Agent, Agent.id == QaEvaluation.agent_id)
        .join(QaFormVersion, QaFormVersion.id == QaEvaluation.form_version_id)
        .join(QaForm, QaForm.id == QaFormVersion.form_id)
        .outerjoin(Contact, Contact.id == QaEvaluation.contact_id)
        .outerjoin(Queue, Queue.id == QaEvaluation.queue_id)
        .where(*where)
        .order_by(QaEvaluation.evaluated_at, QaEvaluation.id)
    )
    rows = session.execute(query if limit is None else query.limit(limit)).all()
    return [
        EvaluationLine(int(i), int(a), n, at, ev, f, int(v), c, q, float(s), bool(af))
        for i, a, n, at, ev, f, v, c, q, s, af in rows
    ]
