"""A KPI report as text: an aligned table for people, CSV for spreadsheets, JSON for programs.

The figures, their order and the table's headings are the KPI catalogue's
(``domain.kpi_catalogue``): the short titles the Analytics table shows, with
" s" on figures in seconds. The table rounds for reading (percentages as %,
seconds to whole seconds); CSV and JSON keep the report's plain numbers
(fractions as fractions, no rounding) under its field names, so a
spreadsheet or a script computes from exactly what the service returned.
Empty cells mean "no data" (nothing to divide by). In CSV, a group's name that a
spreadsheet would run as a formula is written as text (``domain.safe_text.guard``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from supervisor_app.domain.kpi_catalogue import KEY_TITLES, REPORTED, Figure, Kind
from supervisor_app.domain.safe_text import guard

if TYPE_CHECKING:  # the command imports this module before it needs the services
    from supervisor_app.services.kpi import KpiReport

FORMATS = ("table", "json", "csv")

SHOWN: dict[Kind, Callable[[Any], str]] = {
    Kind.COUNT: lambda v: f"{v:,}",
    Kind.PERCENT: lambda v: f"{100.0 * v:.1f}%",
    Kind.SECONDS: lambda v: f"{v:,.0f}",
    Kind.POINTS: lambda v: f"{v:+.1f}",
}


def heading(figure: Figure) -> str:
    """The figure's short title; seconds say so, since the table shows them as plain numbers."""
    return f"{figure.short} s" if figure.kind is Kind.SECONDS else figure.short


def render(report: KpiReport, fmt: str) -> str:
    """The report in ``fmt`` (one of ``FORMATS``), ending with a newline."""
    if fmt == "json":
        return json.dumps(report.as_dicts(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return csv_text(report)
    if fmt == "table":
        return table(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def csv_text(report: KpiReport) -> str:
    """A header row of the group's keys and the figures' fields, then one row per group;
    empty cells for "no data"."""
    rows = report.as_dicts()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if rows:
        names = [*(k for k, _ in report.rows[0].key), *(f.field for f in REPORTED)]
        writer.writerow(names)
        writer.writerows([("" if row[n] is None else guard(row[n])) for n in names] for row in rows)
    return out.getvalue()


def table(report: KpiReport) -> str:
    """Columns aligned with spaces: group names on the left, figures right-aligned."""
    rows = report.as_dicts()
    keys = [k for k in (rows[0] if rows else {}) if k in KEY_TITLES]
    headings = [KEY_TITLES[k] for k in keys] + [heading(f) for f in REPORTED]
    cells = [
        [("(none)" if row[k] is None else str(row[k])) for k in keys]
        + [("-" if row[f.field] is None else SHOWN[f.kind](row[f.field])) for f in REPORTED]
        for row in rows
    ]
    widths = [max(len(c) for c in column) for column in zip(headings, *cells, strict=True)]

    def line(values: list[str]) -> str:
        parts = [
            v.ljust(w) if i < len(keys) else v.rjust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    title = f"KPIs {report.first} to {report.last} by {report.by.value} ({report.timezone})"
    return "\n".join([title, line(headings), *(line(r) for r in cells)]) + "\n"
