"""The row-level "Contacts" sheet: one row per contact, local times, every duration.

Streamed from the database cursor into a write-only sheet, so its memory does
not grow with the month (see ``tests/benchmarks/bench_export.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.workbook import Workbook

from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.styles import CellKind, label
from supervisor_app.reports.table import Column, stream_table
from supervisor_app.services.report_data import contact_count, contact_rows

CONTACT_COLUMNS: tuple[Column, ...] = (
    Column("Contact", CellKind.ID, 10),
    Column("Queue", CellKind.TEXT, 20),
    Column("Agent", CellKind.TEXT, 22),
    Column("Customer", CellKind.TEXT, 14),
    Column("Arrived", CellKind.DATETIME),
    Column("Answered", CellKind.DATETIME),
    Column("Ended", CellKind.DATETIME),
    Column("Wrap-up ended", CellKind.DATETIME),
    Column("Outcome", CellKind.TEXT, 12),
    Column("Wait", CellKind.DURATION),
    Column("Talk", CellKind.DURATION),
    Column("Wrap-up", CellKind.DURATION),
    Column("Handle time", CellKind.DURATION),
    Column("Escalated", CellKind.TEXT, 10),
    Column("CSAT", CellKind.COUNT, 7),
    Column("NPS", CellKind.COUNT, 7),
)
CONTACT_DEFINITIONS = ("wait", "talk", "wrap-up", "handle time")
SHEET = "Contacts"


def excel_rows(rows: Iterable[tuple[Any, ...]]) -> Iterable[Sequence[Any]]:
    """Service rows as cell values: booleans as "yes"/"no" (a filter reads them better)."""
    for row in rows:
        yield (*row[:8], label(row[8]), *row[9:13], "Yes" if row[13] else "No", *row[14:])


def write_contacts(wb: Workbook, req: Resolved, tick: Tick, share: float = 1.0) -> int:
    """The sheet; ``tick`` moves through ``share`` of the progress bar as rows go out."""
    total = max(contact_count(req.db, req.first, req.last, req.queue_ids, site_id=req.site_id), 1)
    rows = contact_rows(req.db, req.first, req.last, req.queue_ids, site_id=req.site_id)
    return stream_table(
        wb,
        SHEET,
        CONTACT_COLUMNS,
        excel_rows(rows),
        tick=lambda n: tick(share * min(n / total, 1.0)),
    )
