"""The evaluations behind a ``qa_score`` cell: what a double-click on Quality lists.

A quality score is not made of contacts but of evaluations, so its drill-down
lists them: agent, when, the form and version it was scored with, evaluator,
score. Which evaluations belong to a row is the rule ``kpi_report`` sums them
by (``services/kpi/quality.py``): the evaluated agent (agent rows), that agent's
team (team rows), the evaluated contact's queue (queue rows: an evaluation
without a contact has none), the local time group of ``evaluated_at``; the team
and site filters keep those agents' evaluations, a queue filter those queues'.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.errors import UserError
from supervisor_app.services.analytics.drilldown_query import same_group, title_of
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import Grouping, GroupKey, range_bounds, time_layout
from supervisor_app.services.sites import site_parts
from supervisor_app.store.models import Agent, Contact, QaEvaluation, QaForm, QaFormVersion

LIMIT = 5_000


@dataclass(frozen=True, slots=True)
class DrillEvaluation:
    evaluation_id: int
    agent: str
    evaluated_at: datetime  # in the site's zone
    form: str
    form_version: int
    evaluator: str
    score_pct: float  # 0..100
    auto_failed: bool
    contact: str | None  # the evaluated contact's external id


@dataclass(frozen=True, slots=True)
class QualityDrillDown:
    title: str
    rows: tuple[DrillEvaluation, ...]  # oldest first
    truncated: bool  # more than ``LIMIT``: the first ones are listed

    @property
    def mean_pct(self) -> float | None:
        """The row's quality score as a percentage (None: no evaluation)."""
        if not self.rows or self.truncated:
            return None
        return sum(r.score_pct for r in self.rows) / len(self.rows)


def quality_drilldown(
    db: Database,
    first: date,
    last: date,
    by: Grouping | str,
    key: GroupKey,
    *,
    limit: int = LIMIT,
    queue_ids: Collection[int] | None = None,
    team_ids: Collection[int] | None = None,
    site_id: int | None = None,
) -> QualityDrillDown:
    """The evaluations the ``qa_score`` of report row ``key`` (grouped ``by``) averages."""
    by = Grouping(by)
    values = dict(key)
    rows: list[DrillEvaluation] = []
    with db.sessions() as session:
        matched = False
        for part in site_parts(session, site_id):
            start, end = range_bounds(first, last, part.zone)
            if by.is_time:
                layout = time_layout(by, first, last, part.zone, part.interval_minutes)
                group = next((g for g in layout.groups if same_group(g.key, key)), None)
                if group is None:
                    continue
                start, end = group.start, group.end
            matched = True
            where: list[ColumnElement[bool]] = [
                QaEvaluation.evaluated_at >= start,
                QaEvaluation.evaluated_at < end,
                *_group(by, values),
            ]
            if part.several:
                where.append(Agent.site_id == part.site.site_id)
            if team_ids is not None:
                where.append(Agent.team_id.in_(sorted(team_ids)))
            if queue_ids is not None:
                where.append(QaEvaluation.queue_id.in_(sorted(queue_ids)))
            query = (
                select(
                    QaEvaluation,
                    Agent.name.label("agent"),
                    QaForm.name.label("form"),
                    QaFormVersion.number.label("version"),
                    Contact.external_id.label("contact"),
                )
                .join(Agent, Agent.id == QaEvaluation.agent_id)
                .join(QaFormVersion, QaFormVersion.id == QaEvaluation.form_version_id)
                .join(QaForm, QaForm.id == QaFormVersion.form_id)
                .outerjoin(Contact, Contact.id == QaEvaluation.contact_id)
                .where(*where)
                .order_by(QaEvaluation.evaluated_at, QaEvaluation.id)
                .limit(limit + 1)
            )
            rows += [_row(r, part.zone) for r in session.execute(query)]
        if not matched:
            raise UserError(f"no {by.value} {key} between {first} and {last}")
    rows.sort(key=lambda e: (e.evaluated_at, e.evaluation_id))
    return QualityDrillDown(title_of("qa_score", key), tuple(rows[:limit]), len(rows) > limit)


def _group(by: Grouping, values: dict[str, Any]) -> list[ColumnElement[bool]]:
    if by is Grouping.AGENT:
        return [QaEvaluation.agent_id == values["agent_id"]]
    if by is Grouping.TEAM:
        team = values["team_id"]
        return [Agent.team_id.is_(None) if team is None else Agent.team_id == team]
    if by is Grouping.QUEUE:
        return [QaEvaluation.queue_id == values["queue_id"]]
    return []


def _row(r: Any, zone: Any) -> DrillEvaluation:
    e: QaEvaluation = r.QaEvaluation
    return DrillEvaluation(
        evaluation_id=e.id,
        agent=r.agent,
        evaluated_at=e.evaluated_at.astimezone(zone),
        form=r.form,
        form_version=r.version,
        evaluator=e.evaluator,
        score_pct=float(e.score_pct),
        auto_failed=bool(e.auto_failed),
        contact=r.contact,
    )
