"""The evaluations behind a ``qa_score`` cell: what a double-click on Quality lists.

A quality score is not made of contacts but of evaluations, so its drill-down
lists them: agent, when, the form and version it was scored with, evaluator,
score. Which evaluations belong to a row is the rule ``kpi_report`` sums them
by (``services/kpi/quality.py``): the evaluated agent (agent rows), that agent's
team (team rows), the evaluated contact's queue (queue rows: an evaluation
without a contact has none), the local time group of ``evaluated_at``; the team
and site filters keep those agents' evaluations, a queue filter those queues'.
The rows are read by ``services.people.evaluations_between``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from supervisor_app.domain.errors import UserError
from supervisor_app.services.analytics.drilldown_query import same_group, title_of
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import Grouping, GroupKey, range_bounds, time_layout
from supervisor_app.services.people import EvaluationLine, evaluations_between
from supervisor_app.services.sites import site_parts

LIMIT = 5_000


@dataclass(frozen=True, slots=True)
class QualityDrillDown:
    title: str
    rows: tuple[EvaluationLine, ...]  # oldest first; ``evaluated_at`` in the site's zone
    truncated: bool  # more than ``LIMIT``: the first ones are listed

    @property
    def mean_pct(self) -> float | None:
        """The row's quality score as a percentage (None: no evaluation, or a cut list)."""
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
    agents, teams, queues = _group(by, dict(key), team_ids, queue_ids)
    with db.sessions() as session:
        parts = site_parts(session, site_id)
    rows: list[EvaluationLine] = []
    matched = False
    for part in parts:
        start, end = range_bounds(first, last, part.zone)
        if by.is_time:
            layout = time_layout(by, first, last, part.zone, part.interval_minutes)
            group = next((g for g in layout.groups if same_group(g.key, key)), None)
            if group is None:
                continue
            start, end = group.start, group.end
        matched = True
        found = evaluations_between(
            db, start, end, agent_ids=agents, team_ids=teams, queue_ids=queues,
            site_id=part.site.site_id if part.several else None, limit=limit + 1,
        )  # fmt: skip
        rows += [replace(e, evaluated_at=e.evaluated_at.astimezone(part.zone)) for e in found]
    if not matched:
        raise UserError(f"no {by.value} {key} between {first} and {last}")
    rows.sort(key=lambda e: (e.evaluated_at, e.evaluation_id))
    return QualityDrillDown(title_of("qa_score", key), tuple(rows[:limit]), len(rows) > limit)


def _group(
    by: Grouping,
    values: dict[str, Any],
    team_ids: Collection[int] | None,
    queue_ids: Collection[int] | None,
) -> tuple[list[int] | None, list[int | None] | None, list[int] | None]:
    """(agents, teams, queues) the row and the report's filters keep (None: any)."""
    teams: list[int | None] | None = None if team_ids is None else list(team_ids)
    queues = None if queue_ids is None else list(queue_ids)
    if by is Grouping.AGENT:
        return [values["agent_id"]], teams, queues
    if by is Grouping.TEAM:
        team = values["team_id"]
        return None, [team] if teams is None or team in teams else [], queues
    if by is Grouping.QUEUE:
        queue = values["queue_id"]
        return None, teams, [queue] if queues is None or queue in queues else []
    return None, teams, queues
