"""A KPI report as text: an aligned table for people, CSV for spreadsheets, JSON for programs.

The table rounds for reading (percentages as %, seconds to whole seconds);
CSV and JSON keep the report's plain numbers (fractions as fractions, no
rounding) so a spreadsheet or a script computes from exactly what the
service returned. Empty cells mean "no data" (nothing to divide by).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from supervisor_app.services.kpi.report import KpiReport

FORMATS = ("table", "json", "csv")

# Group keys shown in the table (ids stay in JSON and CSV), with their headings.
_KEY_HEADINGS = {
    "from": "From",
    "to": "To",
    "queue": "Queue",
    "agent": "Agent",
    "team": "Team",
    "interval_start": "Interval",
    "day": "Day",
    "week": "Week",
    "month": "Month",
}


def _count(v: Any) -> str:
    return f"{v:,}"


def _percent(v: Any) -> str:
    return f"{100.0 * v:.1f}%"


def _seconds(v: Any) -> str:
    return f"{v:,.0f}"


def _points(v: Any) -> str:
    return f"{v:+.1f}"


_FIGURES: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("offered", "Offered", _count),
    ("answered", "Answered", _count),
    ("abandoned", "Abandoned", _count),
    ("short_abandoned", "Short ab.", _count),
    ("answered_within_threshold", "In time", _count),
    ("service_level", "SL", _percent),
    ("asa_seconds", "ASA s", _seconds),
    ("aht_seconds", "AHT s", _seconds),
    ("abandon_rate", "Aband.", _percent),
    ("occupancy", "Occ.", _percent),
    ("adherence", "Adh.", _percent),
    ("csat", "CSAT", _percent),
    ("nps", "NPS", _points),
    ("fcr", "FCR", _percent),
    ("asa_p50_seconds", "ASA p50", _seconds),
    ("asa_p90_seconds", "ASA p90", _seconds),
    ("aht_p50_seconds", "AHT p50", _seconds),
    ("aht_p90_seconds", "AHT p90", _seconds),
)


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
    """A header row of the JSON keys, then one row per group; empty cells for "no data"."""
    rows = report.as_dicts()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if rows:
        writer.writerow(rows[0])
        writer.writerows([("" if v is None else v) for v in row.values()] for row in rows)
    return out.getvalue()


def table(report: KpiReport) -> str:
    """Columns aligned with spaces: group names on the left, figures right-aligned."""
    rows = report.as_dicts()
    keys = [k for k in (rows[0] if rows else {}) if k in _KEY_HEADINGS]
    headings = [_KEY_HEADINGS[k] for k in keys] + [h for _, h, _ in _FIGURES]
    cells = [
        [("(none)" if row[k] is None else str(row[k])) for k in keys]
        + [("-" if row[name] is None else show(row[name])) for name, _, show in _FIGURES]
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
