"""The Satisfaction report: CSAT and NPS by week and queue with charts, and the comments.

CSAT, NPS and FCR come from ``services.report_service`` (the ``kpi`` command's
sums and formulas, grouped by queue and ISO week); comments are written as
text, never as formulas (``safe_text``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.workbook import Workbook

from supervisor_app.domain.kpi_catalogue import terms
from supervisor_app.domain.periods import Grouping
from supervisor_app.reports.charts import SECOND_CHART_ROW, chart_sheet, line_chart
from supervisor_app.reports.contacts_sheet import CONTACT_DEFINITIONS, write_contacts
from supervisor_app.reports.cover import Headline
from supervisor_app.reports.definitions import add_definitions
from supervisor_app.reports.kpi_columns import figure_column
from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.styles import NUMBER_FORMATS, CellKind
from supervisor_app.reports.table import Column, Table, write_table
from supervisor_app.services.report_data import (
    ServiceCell,
    ServiceTable,
    SurveyComment,
    service_table,
    survey_comments,
)

TITLE = "Satisfaction report"

_COLUMNS = (
    Column("CSAT answers", CellKind.COUNT),
    figure_column("csat"),
    Column("NPS answers", CellKind.COUNT),
    Column("Promoters", CellKind.COUNT),
    Column("Detractors", CellKind.COUNT),
    figure_column("nps"),
    figure_column("fcr"),
)


@dataclass(frozen=True, slots=True)
class SatisfactionData:
    weeks: ServiceTable
    comments: list[SurveyComment]


def gather(req: Resolved, tick: Tick) -> SatisfactionData:
    weeks = service_table(
        req.db, req.first, req.last, Grouping.WEEK, req.queue_ids, site_id=req.site_id
    )
    tick(0.3)
    comments = survey_comments(req.db, req.first, req.last, req.queue_ids, site_id=req.site_id)
    tick(0.45)
    return SatisfactionData(weeks, comments)


def headline(data: SatisfactionData) -> tuple[Headline, ...]:
    f, q = data.weeks.total.figures, data.weeks.total.sums.quality
    return (
        Headline("Survey answers (CSAT)", q.csat_responses),
        Headline("CSAT", f.csat, CellKind.PERCENT),
        Headline("NPS", f.nps, CellKind.POINTS),
        Headline("First-contact resolution", f.fcr, CellKind.PERCENT),
        Headline("Comments", len(data.comments)),
    )


def _values(cell: ServiceCell) -> list[Any]:
    q, f = cell.sums.quality, cell.figures
    return [
        q.csat_responses,
        f.csat,
        q.nps_responses,
        q.nps_promoters,
        q.nps_detractors,
        f.nps,
        f.fcr,
    ]


def _tables(weeks: ServiceTable) -> tuple[Table, Table, Table]:
    summary = Table(
        "Summary",
        [Column("Queue"), *_COLUMNS],
        [[c.queue.name, *_values(c)] for c in weeks.queue_totals if c.queue is not None],
        [["All queues", *_values(weeks.total)]],
        freeze_columns=1,
    )
    by_week = Table(
        "By week",
        [Column("Queue"), Column("Week"), Column("Week starts", CellKind.DATE), *_COLUMNS],
        [
            [c.queue.name, c.label, c.starts.date(), *_values(c)]
            for c in weeks.cells
            if c.queue is not None
        ],
        [["All queues", None, None, *_values(weeks.total)]],
        freeze_columns=2,
    )
    per_queue = {(c.queue.id, c.group): c.figures for c in weeks.cells if c.queue is not None}
    trend = Table(
        "Trend",
        [
            Column("Week"),
            Column("CSAT, all queues", CellKind.PERCENT),
            *(Column(f"CSAT {q.name}", CellKind.PERCENT) for q in weeks.queues),
            Column("NPS, all queues", CellKind.POINTS),
            *(Column(f"NPS {q.name}", CellKind.POINTS) for q in weeks.queues),
        ],
        [
            [
                g.label,
                g.figures.csat,
                *(per_queue[(q.id, g.group)].csat for q in weeks.queues),
                g.figures.nps,
                *(per_queue[(q.id, g.group)].nps for q in weeks.queues),
            ]
            for g in weeks.group_totals
        ],
        freeze_columns=1,
    )
    return summary, by_week, trend


def _comments(comments: list[SurveyComment]) -> Table:
    columns = [
        Column("Contact", CellKind.ID),
        Column("Arrived", CellKind.DATETIME),
        Column("Queue"),
        Column("Agent"),
        Column("CSAT (1–5)", CellKind.COUNT),
        Column("NPS (0–10)", CellKind.COUNT),
        Column("Comment", CellKind.LONG_TEXT, 70),
    ]
    rows = [[c.contact_id, c.arrived, c.queue, c.agent, c.csat, c.nps, c.comment] for c in comments]
    return Table("Comments", columns, rows, freeze_columns=1)


def write(wb: Workbook, data: SatisfactionData, req: Resolved, tick: Tick) -> None:
    summary, by_week, trend = _tables(data.weeks)
    write_table(wb, summary)
    write_table(wb, by_week)
    trend_ws = write_table(wb, trend)
    n, queues = len(trend.rows), len(data.weeks.queues)
    charts = chart_sheet(wb)
    csat_columns = list(range(2, 3 + queues))
    nps_columns = list(range(3 + queues, 4 + 2 * queues))
    charts.add_chart(line_chart(trend_ws, "CSAT by week", 1, csat_columns, n, y_title="CSAT"), "A1")
    nps = line_chart(
        trend_ws,
        "NPS by week",
        1,
        nps_columns,
        n,
        y_title="NPS (points)",
        y_format=NUMBER_FORMATS[CellKind.POINTS],
    )
    nps.y_axis.scaling.min, nps.y_axis.scaling.max = -100, 100
    charts.add_chart(nps, f"A{SECOND_CHART_ROW}")
    write_table(wb, _comments(data.comments))
    tick(0.6)
    if req.request.rows:
        write_contacts(wb, req, lambda f: tick(0.6 + 0.35 * f))
    add_definitions(
        wb,
        terms(("csat", "nps", "fcr")),
        ("totals", *(CONTACT_DEFINITIONS if req.request.rows else ())),
    )
