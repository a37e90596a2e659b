"""Quality evaluation sums per KPI group, for ``qa_score``.

Evaluations are few (a handful per agent a month), so they are read raw for
every report rather than kept in the per-day rollups: one query over the
range, grouped here. An evaluation counts in the local day (week, month,
interval) of its ``evaluated_at`` in the report's zone; it belongs to the
evaluated agent (agent rows), to that agent's team (team rows) and to its
contact's queue (queue rows; an evaluation without a contact has no queue and
is left out of them, as unanswered contacts are left out of agent rows).

Filters act as they do on agent time: the site and team filters keep the
evaluations of those agents; a queue filter keeps evaluations of contacts of
those queues.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.kpi.buckets import TimeLayout
from supervisor_app.services.kpi.scope import KpiFilter
from supervisor_app.services.kpi.sums import EvaluationSums
from supervisor_app.store.models import Agent, QaEvaluation


def evaluation_sums(
    session: Session,
    by: Grouping,
    layout: TimeLayout | None,
    bounds: tuple[datetime, datetime],
    narrow: KpiFilter,
) -> dict[tuple[Any, ...], EvaluationSums]:
    """Each group's evaluation sums, keyed as the report's other sums are."""
    start, end = bounds
    query = (
        select(
            QaEvaluation.agent_id,
            Agent.team_id,
            QaEvaluation.queue_id,
            QaEvaluation.evaluated_at,
            QaEvaluation.score_pct,
        )
        .join(Agent, Agent.id == QaEvaluation.agent_id)
        .where(
            QaEvaluation.evaluated_at >= start,
            QaEvaluation.evaluated_at < end,
            *narrow.agents(QaEvaluation.agent_id),
        )
    )
    if narrow.queue_ids is not None:
        query = query.where(QaEvaluation.queue_id.in_(narrow.queue_ids))
    starts = [g.start for g in layout.groups] if layout is not None else []
    out: dict[tuple[Any, ...], EvaluationSums] = {}
    for agent_id, team_id, queue_id, at, pct in session.execute(query):
        key = _key(by, starts, agent_id, team_id, queue_id, at)
        if key is None:
            continue
        out[key] = out.get(key, EvaluationSums()) + EvaluationSums(float(pct), 1)
    return out


def _key(
    by: Grouping,
    starts: list[datetime],
    agent_id: int,
    team_id: int | None,
    queue_id: int | None,
    at: datetime,
) -> tuple[Any, ...] | None:
    if by is Grouping.AGENT:
        return (agent_id,)
    if by is Grouping.TEAM:
        return (team_id,)
    if by is Grouping.QUEUE:
        return None if queue_id is None else (queue_id,)
    if starts:
        return (max(bisect_right(starts, at) - 1, 0),)
    return ()
