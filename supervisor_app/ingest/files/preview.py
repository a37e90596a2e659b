"""What the import wizard shows before anything is written: the file's shape and a dry run.

Plain functions the wizard runs on a worker thread; no Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path

from supervisor_app.ingest.files.agents import check_agents, import_agents
from supervisor_app.ingest.files.contacts import check_contacts, import_contacts
from supervisor_app.ingest.files.evaluations import check_evaluations, import_evaluations
from supervisor_app.ingest.files.forecast import check_forecast, import_forecast
from supervisor_app.ingest.files.mapping import ContactMapping, native_mapping
from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.ingest.files.table import open_table
from supervisor_app.ingest.files.training import check_training, import_training
from supervisor_app.ingest.files.values import text_of
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files import site_info

PREVIEW_ROWS = 20


class FileKind(StrEnum):
    CONTACTS = "contacts"
    AGENTS = "agents"
    FORECAST = "forecast"
    TRAINING = "training"
    EVALUATIONS = "evaluations"


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back, nothing is written."""


@dataclass(frozen=True)
class FilePreview:
    path: Path
    format: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells as text)
    total_rows: int | None


@dataclass(frozen=True)
class Validation:
    valid_rows: int
    skipped_rows: int
    errors: tuple[tuple[int, str], ...]
    error_count: int

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def preview_file(path: Path | str, rows: int = PREVIEW_ROWS) -> FilePreview:
    table = open_table(path)
    first = tuple(
        (number, tuple(text_of(c) for c in cells)) for number, cells in islice(table.rows(), rows)
    )
    return FilePreview(
        table.path, table.format.describe(), tuple(table.header), first, table.total_rows
    )


def validate_contacts(
    db: Database,
    path: Path | str,
    mapping: ContactMapping | None,
    progress: Callable[[float], None] | None = None,
    site_id: int | None = None,
) -> Validation:
    """The import's checks without the writing: what would happen, row by row."""
    table = open_table(path)
    mapping = mapping or native_mapping(table.header)
    try:
        checked = check_contacts(table, mapping, site_info(db, site_id).timezone, progress)
    except ImportRejected as exc:
        return Validation(0, 0, tuple(exc.errors), exc.count)
    return Validation(len(checked.rows), checked.skipped_by_rule, (), 0)


def validate_file(
    db: Database,
    kind: FileKind,
    path: Path | str,
    mapping: ContactMapping | None = None,
    progress: Callable[[float], None] | None = None,
    site_id: int | None = None,
) -> Validation:
    """``site_id``: the site the file goes to (None: the database's only one)."""
    if kind == FileKind.CONTACTS:
        return validate_contacts(db, path, mapping, progress, site_id)
    checks = {
        FileKind.AGENTS: check_agents,
        FileKind.FORECAST: check_forecast,
        FileKind.TRAINING: check_training,
        FileKind.EVALUATIONS: check_evaluations,
    }
    check = checks[kind]
    try:
        _path, rows = check(db, path, site_id)
    except ImportRejected as exc:
        return Validation(0, 0, tuple(exc.errors), exc.count)
    return Validation(len(rows), 0, (), 0)


def run_import(
    db: Database,
    kind: FileKind,
    path: Path | str,
    mapping: ContactMapping | None = None,
    progress: Callable[[float], None] | None = None,
    site_id: int | None = None,
) -> str:
    """Import the file into ``site_id`` (None: the database's only site); the one-line
    summary the CLI also prints."""
    if kind == FileKind.CONTACTS:
        from supervisor_app.services.kpi import keep_summaries  # numpy and the KPI machinery

        summary = import_contacts(db, path, mapping, progress, site_id=site_id).summary()
        kept = keep_summaries(db)  # the days it wrote, as every writer keeps them
        return summary if not kept.days else f"{summary}; {kept.text()}"
    if kind == FileKind.AGENTS:
        return import_agents(db, path, progress, site_id=site_id).summary()
    if kind == FileKind.TRAINING:
        return import_training(db, path, progress, site_id=site_id).summary()
    if kind == FileKind.EVALUATIONS:
        return import_evaluations(db, path, progress, site_id=site_id).summary()
    return import_forecast(db, path, progress, site_id=site_id).summary()


def cancellable(
    report: Callable[[float], None], cancelled: Callable[[], bool]
) -> Callable[[float], None]:
    """A progress callback that raises ``ImportCancelled`` once the user asked to stop."""

    def progress(fraction: float) -> None:
        if cancelled():
            raise ImportCancelled("the import was cancelled; nothing was written")
        report(fraction)

    return progress
