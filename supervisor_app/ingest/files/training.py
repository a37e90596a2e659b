"""``import training``: training completions kept in another tool, from a CSV or XLSX file.

Columns (any case or spacing): ``employee_code`` (an existing agent's code),
``course`` (an existing course's name, any case) and ``completed_on`` (a
date: ISO ``2026-03-31`` or a spreadsheet date). The expiry comes from the
course's validity, as when a completion is recorded by hand. Every row is
checked first; any bad row refuses the whole file with row numbers and
reasons, and nothing is written. A completion already recorded (same agent,
course and day) is skipped, so a file imported twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from supervisor_app.domain.training import expiry
from supervisor_app.ingest.files.columns import locate
from supervisor_app.ingest.files.rejections import RowErrors
from supervisor_app.ingest.files.table import open_table
from supervisor_app.ingest.files.values import is_empty, parse_date, text_of
from supervisor_app.services.audit import ImportedFile, current_actor, file_sha256
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files import (
    CompletionRow,
    training_names,
    write_completions,
)

ALIASES = {
    "employee_code": ("agent code", "code", "employee", "employee id", "agent"),
    "course": ("course name", "training", "module"),
    "completed_on": ("completed", "completion date", "date", "completed at"),
}
REQUIRED = ("employee_code", "course", "completed_on")


@dataclass(frozen=True)
class TrainingImportResult:
    path: Path
    rows: int
    added: int

    def summary(self) -> str:
        skipped = self.rows - self.added
        already = f" ({skipped} already recorded)" if skipped else ""
        return f"{self.added} training completion(s) imported from {self.path.name}{already}"


def check_training(
    db: Database, path: Path | str, site_id: int | None = None, *, today: date | None = None
) -> tuple[Path, list[CompletionRow]]:
    """Every row checked against the agents and courses; ``ImportRejected`` names bad rows.

    ``site_id`` is accepted for the wizard's one signature: agents' codes are unique
    across sites, so a file may name any site's agents (the database's row-level
    security refuses those the user may not record on a shared database)."""
    del site_id
    today = today or date.today()
    table = open_table(path)
    at = locate(table.header, ALIASES, REQUIRED, table.path.name)
    names = training_names(db)
    errors = RowErrors(table.path)
    rows: list[CompletionRow] = []
    for number, cells in table.rows():
        problems = []
        code = text_of(cells[at["employee_code"]]).strip()
        course_name = text_of(cells[at["course"]]).strip()
        agent_id = names.agents.get(code.casefold())
        course = names.courses.get(course_name.casefold())
        if not code:
            problems.append("employee_code is empty")
        elif agent_id is None:
            problems.append(f"no agent with employee code {code!r}")
        if not course_name:
            problems.append("course is empty")
        elif course is None:
            known = ", ".join(sorted(n for _, n, _ in names.courses.values())) or "none yet"
            problems.append(f"no course named {course_name!r} (the courses: {known})")
        completed: date | None = None
        cell = cells[at["completed_on"]]
        if is_empty(cell):
            problems.append("completed_on is empty")
        else:
            try:
                completed = parse_date(cell, None)
            except ValueError as exc:
                problems.append(f"completed_on: {exc}")
            else:
                if completed > today:
                    problems.append(f"completed_on {completed} is in the future")
        if problems:
            errors.add(number, "; ".join(problems))
            continue
        assert agent_id is not None and course is not None and completed is not None
        rows.append(CompletionRow(agent_id, course[0], completed, expiry(completed, course[2])))
    errors.raise_if_any()
    return table.path, rows


def import_training(
    db: Database,
    path: Path | str,
    progress: Callable[[float], None] | None = None,
    site_id: int | None = None,
) -> TrainingImportResult:
    """Check every row, then record all the new completions (one transaction, audited) or none."""
    checked_path, rows = check_training(db, path, site_id)
    if progress is not None:
        progress(0.5)
    imported = ImportedFile("training", str(checked_path), file_sha256(checked_path), len(rows), 0)
    added = write_completions(db, rows, current_actor(), imported)
    if progress is not None:
        progress(1.0)
    return TrainingImportResult(checked_path, len(rows), added)
