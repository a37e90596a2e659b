"""``import forecast``: expected volume and handle time per queue and interval, from a file.

Columns (any case or spacing): ``queue``, ``interval_start`` (local time of the
site, on an interval boundary), ``volume`` and ``aht_seconds``. The forecast of
every (queue, interval) the file covers is replaced; other intervals are kept.
A local time that occurs twice (the autumn DST change) is taken as the first
occurrence, and as the second when the file gives it again for the same queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from supervisor_app.ingest.files.columns import locate
from supervisor_app.ingest.files.rejections import RowErrors
from supervisor_app.ingest.files.table import Cell, open_table
from supervisor_app.ingest.files.values import is_empty, parse_datetime, parse_number, text_of
from supervisor_app.services.audit import ImportedFile, file_sha256
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files import (
    ForecastRow,
    known_queues,
    replace_forecast,
    site_info,
)

ALIASES = {
    "queue": ("queue name", "skill"),
    "interval_start": ("interval", "start", "interval start", "datetime", "time"),
    "volume": ("calls", "contacts", "offered", "forecast"),
    "aht_seconds": ("aht", "aht seconds", "average handle seconds", "handle time"),
}


@dataclass(frozen=True)
class ForecastImportResult:
    path: Path
    intervals: int
    queues: int
    replaced: int

    def summary(self) -> str:
        return (
            f"{self.intervals} forecast intervals for {self.queues} queue(s) imported from "
            f"{self.path.name} ({self.replaced} replaced)"
        )


def to_utc(local: datetime, zone: ZoneInfo, second_time: bool) -> datetime:
    """A naive local time in ``zone`` as UTC; ``ValueError`` if the clock skipped it."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    stamp = local.replace(tzinfo=zone, fold=1 if second_time else 0)
    back = stamp.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != local:
        raise ValueError(
            f"{local:%Y-%m-%d %H:%M} does not exist in {zone.key} (clocks went forward)"
        )
    return stamp.astimezone(UTC)


def import_forecast(
    db: Database,
    path: Path | str,
    progress: Callable[[float], None] | None = None,
    *,
    site_id: int | None = None,
) -> ForecastImportResult:
    """Check every row, then replace the covered intervals of ``site_id``'s queues (None:
    the only site's), all or nothing."""
    checked_path, rows = check_forecast(db, path, site_id)
    if progress is not None:
        progress(0.5)
    imported = ImportedFile("forecast", str(checked_path), file_sha256(checked_path), len(rows), 0)
    replaced = replace_forecast(db, rows, known_queues(db, site_id), imported)
    if progress is not None:
        progress(1.0)
    return ForecastImportResult(checked_path, len(rows), len({r.queue for r in rows}), replaced)


def check_forecast(
    db: Database, path: Path | str, site_id: int | None = None
) -> tuple[Path, list[ForecastRow]]:
    """The forecast's rows in UTC, checked; raises ``ImportRejected`` listing the bad ones."""
    table = open_table(path)
    at = locate(table.header, ALIASES, tuple(ALIASES), table.path.name)
    site = site_info(db, site_id)
    zone = ZoneInfo(site.timezone or "UTC")
    queues = known_queues(db, site_id)
    errors = RowErrors(table.path)
    rows: list[ForecastRow] = []
    # Keyed with the fold: naive datetimes compare equal whatever their fold.
    seen: dict[tuple[str, datetime, int], int] = {}
    for number, cells in table.rows():
        try:
            row, local = _row(cells, at, queues, site.interval_minutes)
            key = (row.queue, local, 0)
            stamp = to_utc(local, zone, False)
            if key in seen:
                first = seen[key]
                key = (row.queue, local, 1)
                later = to_utc(local, zone, True)
                if key in seen or later == stamp:
                    raise ValueError(
                        f"queue {row.queue!r} at {local:%Y-%m-%d %H:%M} repeats row {first}"
                    )
                stamp = later
        except ValueError as exc:
            errors.add(number, str(exc))
            continue
        seen[key] = number
        rows.append(ForecastRow(row.queue, stamp, row.volume, row.aht_seconds))
    errors.raise_if_any()
    return table.path, rows


def _row(
    cells: list[Cell], at: dict[str, int], queues: dict[str, int], minutes: int
) -> tuple[ForecastRow, datetime]:
    values = {f: cells[i] for f, i in at.items()}
    for field, value in values.items():
        if is_empty(value):
            raise ValueError(f"{field} is missing")
    queue = text_of(values["queue"]).strip()
    if queue not in queues:
        raise ValueError(f"queue {queue!r} does not exist")
    try:
        local = parse_datetime(values["interval_start"], None)
    except ValueError as exc:
        raise ValueError(f"interval_start: {exc}") from None
    if local.minute % minutes or local.second or local.microsecond:
        raise ValueError(
            f"interval_start {local:%Y-%m-%d %H:%M:%S} is not on a {minutes}-minute boundary"
        )
    volume, aht = parse_number(values["volume"]), parse_number(values["aht_seconds"])
    if not 0 <= volume < 1e9 or not 0 <= aht < 1e6:
        raise ValueError("volume and aht_seconds must be zero or more")
    return ForecastRow(queue, local, volume, aht), local
