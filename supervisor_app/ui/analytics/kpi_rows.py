"""Which KPI rows the Analytics filters keep.

``kpi_report`` has no queue or team filter, so the tab filters the rows it
returns: a queue filter keeps that queue's row when grouped by queue, a team
filter keeps that team's row (grouped by team) or its agents' rows (by agent).
Time and "all" groupings cover every queue and team, so filters don't apply there.
"""

from __future__ import annotations

from supervisor_app.services.analytics_options import AnalyticsOptions
from supervisor_app.services.kpi_buckets import Grouping
from supervisor_app.services.kpi_report import KpiReport, KpiRow
from supervisor_app.ui.analytics.range_bar import Selection


def filters_apply(by: Grouping) -> tuple[bool, bool]:
    """Whether the (queue, team) filters apply to a grouping."""
    return by is Grouping.QUEUE, by in (Grouping.TEAM, Grouping.AGENT)


def kept_rows(
    report: KpiReport, selection: Selection, options: AnalyticsOptions | None
) -> tuple[KpiRow, ...]:
    by = report.by
    if by is Grouping.QUEUE and selection.queue_id is not None:
        return tuple(r for r in report.rows if dict(r.key)["queue_id"] == selection.queue_id)
    if by is Grouping.TEAM and selection.team_id is not None:
        return tuple(r for r in report.rows if dict(r.key)["team_id"] == selection.team_id)
    if by is Grouping.AGENT and selection.team_id is not None:
        team_of = {a.id: a.team_id for a in options.agents} if options else {}
        return tuple(
            r for r in report.rows if team_of.get(dict(r.key)["agent_id"]) == selection.team_id
        )
    return report.rows
