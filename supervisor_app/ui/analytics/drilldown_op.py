"""The drill-down query as an op for ``Workers``: the report's own range and grouping."""

from __future__ import annotations

from supervisor_app.domain.periods import GroupKey
from supervisor_app.services.analytics import DrillDown, drilldown
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import KpiReport
from supervisor_app.ui.common.workers import Op, Report


def drilldown_op(db: Database, report: KpiReport, key: GroupKey, figure: str) -> Op[DrillDown]:
    first, last, by = report.first, report.last, report.by
    queues, teams, site = report.queue_ids, report.team_ids, report.site_id

    def op(_report: Report) -> DrillDown:
        return drilldown(
            db, first, last, by, key, figure, queue_ids=queues, team_ids=teams, site_id=site
        )

    return op
