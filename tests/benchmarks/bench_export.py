"""``export``: Excel reports on a big demo history (SQLite).

The database is the demo simulator's (``seed_demo``: 45 days, 220 agents,
6 queues, about 230,000 contacts), built once into the temp dir and reused.

Figures:

- ``export.contacts_200k_s``: 200,000 contacts streamed from the database into
  the row-level Contacts sheet (local times, every duration, number formats)
  and the workbook saved: what ``export service --rows`` does for those rows;
- ``export.ratio_vs_raw_openpyxl``: that time ÷ a bare openpyxl write-only loop
  writing the same cells (the same values, already converted and in memory,
  the same number formats on one reused styled cell per column), in the same
  run (target ≤ 1.3);
- ``export.peak_rss_mb``: peak resident memory of a fresh process doing the
  200,000-row export (target ≤ 300 MB);
- ``export.service_month_s``: the whole Service report (monthly period, every
  sheet and both charts) for 30 days of the 6 queues (target ≤ 3 s).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from figures import Figure
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import func, select

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.reports.contacts_sheet import CONTACT_COLUMNS, excel_rows
from supervisor_app.reports.export import export_report
from supervisor_app.reports.request import ExportRequest
from supervisor_app.reports.styles import NUMBER_FORMATS, CellKind
from supervisor_app.reports.table import DAY_SECONDS, stream_table
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.report_data import contact_rows
from supervisor_app.store.models import Contact

CACHE = Path(tempfile.gettempdir()) / "supervisor-bench-export"
DB_FILE = CACHE / "export_v1.db"
SIZE = {"days": 45, "agents": 220, "queues": 6, "seed": 11}
UNTIL = datetime(2026, 11, 1, 12, tzinfo=UTC)
FIRST, LAST = date(2026, 9, 17), date(2026, 10, 31)  # the whole seeded history
MONTH = (date(2026, 10, 1), date(2026, 10, 30))
ROWS = 200_000


def note(text: str) -> None:
    print(f"# export: {text}", file=sys.stderr, flush=True)


def _database() -> Database:
    CACHE.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{DB_FILE}")
    with db.sessions() as session:
        contacts = session.scalar(select(func.count()).select_from(Contact)) or 0
    if contacts < ROWS:
        note(f"building {DB_FILE} (once, about a minute)")
        db.close()
        DB_FILE.unlink(missing_ok=True)
        db = open_database(f"sqlite:///{DB_FILE}")
        seed_demo(db, until=UNTIL, **SIZE)
    return db


def _contacts_sheet(db: Database, out: Path) -> int:
    wb = Workbook(write_only=True)
    rows = islice(excel_rows(contact_rows(db, FIRST, LAST)), ROWS)
    n = stream_table(wb, "Contacts", CONTACT_COLUMNS, rows)
    wb.save(out)
    return n


def _excel_values(db: Database) -> list[tuple[Any, ...]]:
    """The same cells' values as a bare loop would hold them: converted, in memory."""
    out = []
    kinds = [c.kind for c in CONTACT_COLUMNS]
    for row in islice(excel_rows(contact_rows(db, FIRST, LAST)), ROWS):
        values = []
        for value, kind in zip(row, kinds, strict=True):
            if value is not None and kind is CellKind.DURATION:
                value = value / DAY_SECONDS
            elif isinstance(value, datetime):
                value = value.replace(tzinfo=None)
            values.append(value)
        out.append(tuple(values))
    return out


def _raw_openpyxl(values: list[tuple[Any, ...]], out: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Contacts")
    ws.append([c.heading for c in CONTACT_COLUMNS])
    cells = []
    for column in CONTACT_COLUMNS:
        cell = WriteOnlyCell(ws)
        cell.number_format = NUMBER_FORMATS[column.kind]
        cells.append(cell)
    for row in values:
        line = []
        for cell, value in zip(cells, row, strict=True):
            if value is None:
                line.append(None)
            else:
                cell.value = value
                line.append(cell)
        ws.append(line)
    wb.save(out)


# VmHWM, not getrusage: Linux carries ru_maxrss over from the parent's memory across
# fork and exec, so a child of a big parent would report the parent's peak.
CHILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, {bench!r})
import bench_export as b
from supervisor_app.services.database import open_database
db = open_database({url!r}, upgrade=False)
n = b._contacts_sheet(db, Path({out!r}))
peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0]
print(json.dumps({{"rows": n, "maxrss_kb": int(peak.split()[1])}}))
"""


def _peak_rss_mb(out: Path) -> float:
    script = CHILD.format(
        bench=str(Path(__file__).parent), url=f"sqlite:///{DB_FILE}", out=str(out)
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rows"] == ROWS
    return result["maxrss_kb"] / 1024.0


def run() -> list[Figure]:
    db = _database()
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        peak = _peak_rss_mb(work / "child.xlsx")  # first, while this process is still small
        started = time.perf_counter()
        assert _contacts_sheet(db, work / "contacts.xlsx") == ROWS
        ours = time.perf_counter() - started
        values = _excel_values(db)
        started = time.perf_counter()
        _raw_openpyxl(values, work / "raw.xlsx")
        raw = time.perf_counter() - started
        del values
        started = time.perf_counter()
        export_report(db, ExportRequest("service", *MONTH, period="monthly"), work / "month.xlsx")
        month = time.perf_counter() - started
        started = time.perf_counter()
        kpi_report(db, *MONTH, "queue")
        note(
            f"for scale: `kpi --by queue` for the same month took "
            f"{time.perf_counter() - started:.2f} s"
        )
    finally:
        db.close()
        for f in work.iterdir():
            f.unlink()
        work.rmdir()
    note(f"raw openpyxl loop {raw:.2f} s for the same {ROWS:,} rows")
    return [
        Figure("export.contacts_200k_s", ours, "s"),
        Figure("export.ratio_vs_raw_openpyxl", ours / raw, "x"),
        Figure("export.peak_rss_mb", peak, "MB"),
        Figure("export.service_month_s", month, "s"),
    ]
