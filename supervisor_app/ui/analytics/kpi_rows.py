"""The KPI query the Analytics pages run: the bar's range, a grouping and its filters.

The queue and team filters apply to every grouping and are applied by
``kpi_report`` itself (in SQL), so a filtered "all", day or interval row is
the filtered center's figure, not a subset of rows picked from an unfiltered
report. A queue filter leaves no agent time (agents aren't split by queue).
"""

from __future__ import annotations

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import KpiReport, kpi_report
from supervisor_app.ui.analytics.range_bar import Selection
from supervisor_app.ui.common.workers import Op, Report


def chosen(value: int | None) -> list[int] | None:
    return None if value is None else [value]


def kpi_op(
    db: Database, selection: Selection, site_id: int | None, by: Grouping | None = None
) -> Op[KpiReport]:
    """An op for ``Workers``: the selection's report of ``site_id`` (None: all sites),
    grouped by ``by`` (else the bar's)."""
    first, last = selection.first, selection.last
    grouping = selection.by if by is None else by
    queue_ids, team_ids = chosen(selection.queue_id), chosen(selection.team_id)

    def op(report: Report) -> KpiReport:
        return kpi_report(
            db,
            first,
            last,
            grouping,
            site_id=site_id,
            queue_ids=queue_ids,
            team_ids=team_ids,
            progress=report,  # the days summarised first, for the "computing" sentence
        )

    return op
