"""The Staffing report: per queue and interval, forecast, required, scheduled and the gap
(under-staffing shaded red), a daily summary, and the capacity plan (FTE required, on
roster, hiring need). Every figure is ``services.coverage``'s and ``services.capacity``'s.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook import Workbook

from supervisor_app.reports import styles
from supervisor_app.reports.cover import Headline
from supervisor_app.reports.definitions import add_definitions
from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Column, Table, write_table
from supervisor_app.services.report_data import StaffingData, staffing_data

TITLE = "Staffing report"


def gather(req: Resolved, tick: Tick) -> StaffingData:
    data = staffing_data(req.db, req.first, req.last, req.queue_ids, site_id=req.site_id)
    tick(0.5)
    return data


def _intervals(req: Resolved, data: StaffingData) -> list[list[Any]]:
    """(queue, local start, forecast, AHT, required, to roster, scheduled, gap, expected SL)."""
    rows = []
    for week in data.weeks:
        zone = ZoneInfo(week.timezone)
        local = [s.astimezone(zone) for s in week.starts]
        inside = [i for i, t in enumerate(local) if req.first <= t.date() <= req.last]
        for q in week.queues:
            for i in inside:
                rows.append(
                    [
                        q.name,
                        local[i],
                        q.forecast[i],
                        q.aht_seconds[i],
                        q.required[i],
                        q.to_roster[i],
                        q.scheduled[i],
                        q.gap[i],
                        q.expected_sl[i],
                    ]
                )
    rows.sort(key=lambda r: (r[0].casefold(), r[1]))
    return rows


def headline(data: StaffingData) -> tuple[Headline, ...]:
    c = data.capacity
    short = sum(
        1
        for w in data.weeks
        for q in w.queues
        for f, g in zip(q.forecast, q.gap, strict=True)
        if f > 0 and g < 0
    )
    return (
        Headline("Under-staffed intervals (the weeks shown)", short),
        Headline("Required FTE", c.required_fte, CellKind.NUMBER),
        Headline("On-roster FTE", c.roster_fte, CellKind.NUMBER),
        Headline("Hiring need (FTE)", c.hiring_fte, CellKind.NUMBER),
    )


def _daily(rows: list[list[Any]], hours: float) -> Table:
    sums: dict[tuple[str, Any], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0.0])
    for queue, start, forecast, _, required, _, scheduled, gap, _ in rows:
        s = sums[(queue, start.date())]
        s[0] += forecast
        s[1] += required * hours
        s[2] += scheduled * hours
        s[3] += gap * hours
        s[4] += 1 if forecast > 0 and gap < 0 else 0
    columns = [
        Column("Queue"),
        Column("Date", CellKind.DATE),
        Column("Forecast contacts", CellKind.NUMBER),
        Column("Required agent-hours", CellKind.HOURS),
        Column("Scheduled agent-hours", CellKind.HOURS),
        Column("Gap agent-hours", CellKind.HOURS),
        Column("Under-staffed intervals", CellKind.COUNT),
    ]
    body = [[q, d, *v[:4], int(v[4])] for (q, d), v in sums.items()]
    return Table("By day", columns, body, freeze_columns=2)


def _capacity(data: StaffingData) -> Table:
    c = data.capacity
    columns = [
        Column("Queue"),
        Column("Required paid hours", CellKind.HOURS),
        Column("Required FTE", CellKind.NUMBER),
    ]
    rows = [[q.queue, q.required_hours, q.required_fte] for q in c.queues]
    totals = [
        ["All queues", c.required_hours, c.required_fte],
        ["On roster (active agents)", None, c.roster_fte],
        ["Hiring need", None, c.hiring_fte],
        [
            f"Days with a forecast: {c.days_with_forecast} of {c.days}; "
            f"full time is {c.fte_weekly_hours:g} hours a week",
            None,
            None,
        ],
    ]
    return Table("Capacity", columns, rows, totals, freeze_columns=1)


def _shade_under(ws: Any, column: str, rows: int) -> None:
    if rows:
        ws.conditional_formatting.add(
            f"{column}2:{column}{rows + 1}",
            CellIsRule(
                operator="lessThan",
                formula=["0"],
                fill=PatternFill("solid", fgColor=styles.RED_FILL),
                font=Font(color=styles.RED_TEXT),
            ),
        )


def write(wb: Workbook, data: StaffingData, req: Resolved, tick: Tick) -> None:
    rows = _intervals(req, data)
    write_table(wb, _capacity(data))
    hours = req.context.interval_minutes / 60.0
    daily = _daily(rows, hours)
    _shade_under(write_table(wb, daily), "F", len(daily.rows))
    columns = [
        Column("Queue"),
        Column("Interval start", CellKind.MINUTE),
        Column("Forecast", CellKind.NUMBER),
        Column("AHT", CellKind.DURATION),
        Column("Required", CellKind.COUNT),
        Column("To roster", CellKind.COUNT),
        Column("Scheduled", CellKind.NUMBER),
        Column("Gap", CellKind.NUMBER),
        Column("Expected SL", CellKind.PERCENT),
    ]
    _shade_under(
        write_table(wb, Table("By interval", columns, rows, freeze_columns=2)), "H", len(rows)
    )
    tick(0.9)
    add_definitions(
        wb,
        (),
        (
            "forecast",
            "required",
            "to roster",
            "scheduled",
            "gap",
            "expected service level",
            "agent-hours",
            "under-staffed intervals",
            "required FTE",
            "on-roster FTE",
            "hiring need",
        ),
    )
