"""The service-level report (``export service``): per queue and local day (per interval for
a daily report), with totals, a trend sheet and two native charts (service level against
target, volume).

Every figure comes from ``services.report_data`` (the ``kpi`` command's sums
and formulas), so a queue's total row equals ``kpi --by queue`` for the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.workbook import Workbook

from supervisor_app.domain.kpi_catalogue import terms
from supervisor_app.domain.periods import Grouping
from supervisor_app.reports.charts import SECOND_CHART_ROW, chart_sheet, column_chart, line_chart
from supervisor_app.reports.contacts_sheet import CONTACT_DEFINITIONS, write_contacts
from supervisor_app.reports.cover import Headline
from supervisor_app.reports.definitions import add_definitions
from supervisor_app.reports.kpi_columns import SERVICE_FIGURES, figure_columns, figure_values
from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.styles import CellKind, label
from supervisor_app.reports.table import Column, Table, write_table
from supervisor_app.services.report_data import ServiceCell, ServiceTable, service_tables

TITLE = "Service report"
_COARSE = {"daily": Grouping.DAY, "weekly": Grouping.WEEK, "monthly": Grouping.MONTH}
_SHEET_NAMES = {
    Grouping.INTERVAL: "By interval",
    Grouping.DAY: "By day",
    Grouping.WEEK: "By week",
    Grouping.MONTH: "By month",
}
_PERIOD_COLUMN = {
    Grouping.INTERVAL: Column("Interval start", CellKind.MINUTE),
    Grouping.DAY: Column("Date", CellKind.DATE),
    Grouping.WEEK: Column("Week", CellKind.TEXT),
    Grouping.MONTH: Column("Month", CellKind.TEXT),
}


@dataclass(frozen=True, slots=True)
class ServiceData:
    fine: ServiceTable  # intervals (daily) or days: the trend and charts
    coarse: ServiceTable  # days (daily), weeks or months: the summary


def gather(req: Resolved, tick: Tick) -> ServiceData:
    period = req.period
    fine_by = Grouping.INTERVAL if period == "daily" else Grouping.DAY
    fine, coarse = service_tables(
        req.db,
        req.first,
        req.last,
        fine_by,
        [_COARSE[period]],
        req.queue_ids,
        site_id=req.site_id,
        quality=False,
    )
    tick(0.5)
    return ServiceData(fine, coarse)


def headline(data: ServiceData) -> tuple[Headline, ...]:
    f = data.coarse.total.figures
    return (
        Headline("Offered", f.offered),
        Headline("Answered", f.answered),
        Headline("Service level", f.service_level, CellKind.PERCENT),
        Headline("Average speed of answer", f.asa_seconds, CellKind.DURATION),
        Headline("Average handle time", f.aht_seconds, CellKind.DURATION),
        Headline("Abandon rate", f.abandon_rate, CellKind.PERCENT),
    )


def _period_value(cell: ServiceCell, by: Grouping) -> Any:
    if by is Grouping.INTERVAL:
        return cell.starts
    if by is Grouping.DAY:
        return cell.starts.date()
    return cell.label


def _figures(cell: ServiceCell, target: float | None) -> list[Any]:
    values = figure_values(cell.figures, SERVICE_FIGURES)
    at = SERVICE_FIGURES.index("service_level") + 1
    return [*values[:at], target, *values[at:]]


def _figure_columns() -> list[Column]:
    columns = figure_columns(SERVICE_FIGURES)
    at = SERVICE_FIGURES.index("service_level") + 1
    return [*columns[:at], Column("Target", CellKind.PERCENT), *columns[at:]]


def _summary(table: ServiceTable) -> Table:
    columns = [Column("Queue"), Column("Channel"), *_figure_columns()]
    rows = [
        [c.queue.name, label(c.queue.channel), *_figures(c, c.target)]
        for c in table.queue_totals
        if c.queue is not None
    ]
    totals = [["All queues", None, *_figures(table.total, None)]]
    return Table("Summary", columns, rows, totals, freeze_columns=1)


def _by_queue_and_time(table: ServiceTable) -> Table:
    columns = [Column("Queue"), _PERIOD_COLUMN[table.by], *_figure_columns()]
    rows = [
        [c.queue.name, _period_value(c, table.by), *_figures(c, c.target)]
        for c in table.cells
        if c.queue is not None
    ]
    totals = [["All queues", None, *_figures(table.total, None)]]
    return Table(_SHEET_NAMES[table.by], columns, rows, totals, freeze_columns=2)


def _trend(table: ServiceTable) -> Table:
    """One row per time group: volumes, service level of all and of each queue, the targets.

    A target line per distinct series of targets: queues that share theirs share a line,
    and a line steps where a target changed within the range (each group's value is the
    one in force on its first day).
    """
    per_queue = {(c.queue.id, c.group): c.figures for c in table.cells if c.queue is not None}
    target_of = {(c.queue.id, c.group): c.target for c in table.cells if c.queue is not None}
    series: dict[tuple[float | None, ...], list[str]] = {}
    for q in table.queues:
        values = tuple(target_of[(q.id, g.group)] for g in table.group_totals)
        series.setdefault(values, []).append(q.name)
    lines = sorted(series.items(), key=lambda item: [v or 0.0 for v in item[0]])
    columns = [
        _PERIOD_COLUMN[table.by],
        *figure_columns(("offered", "answered", "abandoned")),
        Column("Service level, all queues", CellKind.PERCENT),
        *(Column(f"SL {q.name}", CellKind.PERCENT) for q in table.queues),
        *(Column(_target_title(values, names), CellKind.PERCENT) for values, names in lines),
    ]
    rows = []
    for k, g in enumerate(table.group_totals):
        f = g.figures
        rows.append(
            [
                _period_value(g, table.by),
                f.offered,
                f.answered,
                f.abandoned,
                f.service_level,
                *(per_queue[(q.id, g.group)].service_level for q in table.queues),
                *(values[k] for values, _ in lines),
            ]
        )
    return Table("Trend", columns, rows, freeze_columns=1)


def _target_title(values: tuple[float | None, ...], names: list[str]) -> str:
    """ "Target 80%" for a target that holds all range long, else the queues it belongs to."""
    if len(set(values)) == 1 and values and values[0] is not None:
        return f"Target {values[0]:.0%}"
    return f"Target, {', '.join(names)}"


def write(wb: Workbook, data: ServiceData, req: Resolved, tick: Tick) -> None:
    write_table(wb, _summary(data.coarse))
    if len(data.coarse.group_totals) > 1:
        write_table(wb, _by_queue_and_time(data.coarse))
    write_table(wb, _by_queue_and_time(data.fine))
    trend = _trend(data.fine)
    trend_ws = write_table(wb, trend)
    n, queues = len(trend.rows), len(data.fine.queues)
    charts = chart_sheet(wb)
    unit = "interval" if data.fine.by is Grouping.INTERVAL else "day"
    sl_columns = [5, *range(6, 6 + queues)]
    target_columns = list(range(6 + queues, len(trend.columns) + 1))
    sl = line_chart(
        trend_ws,
        f"Service level against target, by {unit}",
        1,
        [*sl_columns, *target_columns],
        n,
        y_title="Service level",
        dashed=target_columns,
    )
    sl.y_axis.scaling.max = 1.0
    charts.add_chart(sl, "A1")
    charts.add_chart(
        column_chart(trend_ws, f"Contacts by {unit}", 1, [2, 3, 4], n, y_title="Contacts"),
        f"A{SECOND_CHART_ROW}",
    )
    tick(0.6)
    if req.request.rows:
        write_contacts(wb, req, lambda f: tick(0.6 + 0.35 * f))
    add_definitions(
        wb,
        terms(SERVICE_FIGURES),
        ("service level target", "totals", *(CONTACT_DEFINITIONS if req.request.rows else ())),
    )
