"""Drill-down contacts as CSV: written beside the target, then moved into place.

A half-written file never replaces a good one (a full disk, a crash); the
columns are the dialog's, with plain numbers (seconds, not m:ss) for a
spreadsheet to compute with. Text a spreadsheet would run as a formula (a queue
named ``=cmd|…`` from a PBX) is written as text (``domain.safe_text.guard``).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from supervisor_app.domain.file_errors import explain_os_error, replaced_when_done
from supervisor_app.domain.safe_text import guard
from supervisor_app.services.analytics.drilldown_query import DrillContact

HEADINGS = (
    "Contact",
    "Arrived",
    "Queue",
    "Agent",
    "Outcome",
    "Wait s",
    "Handle s",
    "In time",
    "Short abandon",
    "CSAT",
    "NPS",
)


def csv_values(row: DrillContact) -> list[Any]:
    return [
        row.external_id,
        row.arrived.isoformat(),
        row.queue,
        row.agent or "",
        row.outcome or "",
        "" if row.wait_seconds is None else row.wait_seconds,
        "" if row.handle_seconds is None else row.handle_seconds,
        "yes" if row.in_time else "no",
        "yes" if row.short_abandon else "no",
        "" if row.csat is None else row.csat,
        "" if row.nps is None else row.nps,
    ]


def export_csv(rows: Sequence[DrillContact], path: Path) -> None:
    """Write ``rows`` to ``path`` as CSV: to a temporary file beside it, then moved into place,
    so a half-written file never replaces a good one."""
    path = Path(path)
    try:
        with (
            replaced_when_done(path) as (fd, _temp),
            os.fdopen(fd, "w", newline="", encoding="utf-8") as out,
        ):
            writer = csv.writer(out)
            writer.writerow(HEADINGS)
            writer.writerows([guard(v) for v in csv_values(r)] for r in rows)
    except OSError as exc:  # disk full, file open in Excel: plain words, the old file kept
        raise explain_os_error(exc, path) from exc
