"""The Escalations report: every escalation raised in the range, with owner, age,
resolution time and outcome, and a summary per owner and per severity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl.workbook import Workbook

from supervisor_app.reports.cover import Headline
from supervisor_app.reports.definitions import add_definitions
from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.styles import CellKind, label
from supervisor_app.reports.table import Column, Table, write_table
from supervisor_app.services.report_data import EscalationLine, escalation_lines

TITLE = "Escalations report"
_SEVERITIES = ("critical", "high", "medium", "low")


def gather(req: Resolved, tick: Tick) -> list[EscalationLine]:
    lines = escalation_lines(
        req.db, req.first, req.last, req.now, req.queue_ids, site_id=req.site_id
    )
    tick(0.4)
    return lines


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def headline(lines: list[EscalationLine]) -> tuple[Headline, ...]:
    return (
        Headline("Escalations", len(lines)),
        Headline("Still open", sum(1 for e in lines if e.resolved is None)),
        Headline(
            "Mean resolution time", _mean([e.resolution_seconds for e in lines]), CellKind.DURATION
        ),
    )


def _summary(
    title: str,
    heading: str,
    lines: list[EscalationLine],
    key: Callable[[EscalationLine], Any],
    order: Sequence[Any] | None = None,
) -> Table:
    groups: dict[Any, list[EscalationLine]] = defaultdict(list)
    for e in lines:
        groups[key(e)].append(e)
    names = (
        [k for k in order if k in groups]
        if order
        else sorted(groups, key=lambda k: (k is None, k or ""))
    )
    columns = [
        Column(heading),
        Column("Escalations", CellKind.COUNT),
        Column("Resolved", CellKind.COUNT),
        Column("Open or taken", CellKind.COUNT),
        Column("Mean time to take", CellKind.DURATION),
        Column("Mean resolution time", CellKind.DURATION),
    ]

    def row(name: Any, group: list[EscalationLine]) -> list[Any]:
        resolved = sum(1 for e in group if e.resolved is not None)
        return [
            name if name is not None else "(nobody)",
            len(group),
            resolved,
            len(group) - resolved,
            _mean([e.take_seconds for e in group]),
            _mean([e.resolution_seconds for e in group]),
        ]

    rows = [row(n, groups[n]) for n in names]
    return Table(title, columns, rows, [row("All", lines)], freeze_columns=1)


def _list(lines: list[EscalationLine]) -> Table:
    columns = [
        Column("Id", CellKind.ID),
        Column("Created", CellKind.DATETIME),
        Column("Severity"),
        Column("Queue"),
        Column("Customer"),
        Column("Reason", CellKind.TEXT),
        Column("Owner"),
        Column("Taken", CellKind.DATETIME),
        Column("Resolved", CellKind.DATETIME),
        Column("Age", CellKind.DURATION),
        Column("Time to take", CellKind.DURATION),
        Column("Resolution time", CellKind.DURATION),
        Column("Outcome"),
        Column("Resolution", CellKind.LONG_TEXT, 50),
        Column("Notes", CellKind.LONG_TEXT, 50),
    ]
    rows = [
        [
            e.id,
            e.created,
            label(e.severity),
            e.queue,
            e.customer,
            e.reason,
            e.owner,
            e.taken,
            e.resolved,
            e.age_seconds,
            e.take_seconds,
            e.resolution_seconds,
            label(e.status),
            e.resolution,
            e.notes,
        ]
        for e in lines
    ]
    return Table("Escalations", columns, rows, freeze_columns=1)


def write(wb: Workbook, lines: list[EscalationLine], req: Resolved, tick: Tick) -> None:
    write_table(wb, _list(lines))
    write_table(wb, _summary("By owner", "Owner", lines, lambda e: e.owner))
    by_severity = _summary("By severity", "Severity", lines, lambda e: e.severity, _SEVERITIES)
    rows = [[label(r[0]), *r[1:]] for r in by_severity.rows]
    write_table(wb, Table(by_severity.title, by_severity.columns, rows, by_severity.totals, 1))
    tick(0.8)
    add_definitions(wb, (), ("age", "time to take", "resolution time"))
