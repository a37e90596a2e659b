"""``import evaluations``: quality evaluations kept in another tool, from a CSV or XLSX file.

Columns (any case or spacing): ``agent`` (employee code), ``form`` (an existing
form's name), ``evaluator``, ``evaluated_at`` (ISO date and time; without an
offset it is the agent's site's local time), and optionally ``version`` (the
form's version; empty: the newest) and ``contact`` (the contact's external id;
its queue comes with it). Then one column per question, headed by the question's
key; an empty answer is "na" (not applicable). Each row is scored with its form
version exactly as the evaluation dialog scores it; any bad row refuses the
whole file, with row numbers and reasons, and nothing is written. The file and
the person who imported it are in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.quality import FormDefinition, score
from supervisor_app.ingest.files.columns import locate, normalised
from supervisor_app.ingest.files.rejections import RowErrors
from supervisor_app.ingest.files.table import open_table
from supervisor_app.ingest.files.values import parse_datetime, text_of
from supervisor_app.services.audit import ImportedFile, current_actor, file_sha256
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files import (
    EvaluationFileRow,
    EvaluationLookups,
    contacts_by_external_id,
    evaluation_lookups,
    write_evaluations,
)

ALIASES = {
    "agent": ("agent code", "employee code", "employee"),
    "form": ("form name", "scorecard"),
    "version": ("form version",),
    "contact": ("contact id", "call id", "uniqueid", "interaction"),
    "evaluator": ("evaluated by", "reviewer"),
    "evaluated_at": ("evaluated", "date", "evaluated on", "when"),
}
REQUIRED = ("agent", "form", "evaluator", "evaluated_at")


@dataclass(frozen=True)
class EvaluationImportResult:
    path: Path
    added: int

    def summary(self) -> str:
        return f"{self.added} evaluation(s) imported from {self.path.name}"


def check_evaluations(
    db: Database, path: Path | str, site_id: int | None = None
) -> tuple[Path, list[EvaluationFileRow]]:
    """Check and score every row without writing: the wizard's dry run and the import's
    first half. ``site_id`` is accepted for the wizard's one shape; an evaluation belongs
    to its agent's site, whichever site the wizard shows."""
    del site_id
    table = open_table(path)
    at = locate(table.header, ALIASES, REQUIRED, table.path.name)
    columns = {normalised(name): i for i, name in enumerate(table.header)}
    found = evaluation_lookups(db)
    raw = list(table.rows())
    contacts = contacts_by_external_id(
        db, [text_of(c[at["contact"]]).strip() for _, c in raw if "contact" in at]
    )
    errors = RowErrors(table.path)
    rows: list[EvaluationFileRow] = []
    for number, cells in raw:

        def cell(field: str, cells: list[Any] = cells) -> Any:
            return cells[at[field]] if field in at and at[field] < len(cells) else ""

        try:
            rows.append(_row(cell, cells, columns, found, contacts))
        except (UserError, ValueError) as problem:
            errors.add(number, str(problem))
    errors.raise_if_any()
    return table.path, rows


def import_evaluations(
    db: Database,
    path: Path | str,
    progress: Callable[[float], None] | None = None,
    site_id: int | None = None,
) -> EvaluationImportResult:
    """Check and score every row, then write all of them (one transaction, audited) or none."""
    checked_path, rows = check_evaluations(db, path, site_id)
    if progress is not None:
        progress(0.5)
    imported = ImportedFile(
        "evaluations", str(checked_path), file_sha256(checked_path), len(rows), 0
    )
    added = write_evaluations(db, rows, current_actor(), imported)
    if progress is not None:
        progress(1.0)
    return EvaluationImportResult(checked_path, added)


def _row(
    cell: Any,
    cells: list[Any],
    columns: dict[str, int],
    found: EvaluationLookups,
    contacts: dict[str, tuple[int, int] | None],
) -> EvaluationFileRow:
    code = text_of(cell("agent")).strip()
    agent = found.agents.get(code.casefold())
    if agent is None:
        raise UserError(f"agent: no agent with employee code {code!r}")
    form = text_of(cell("form")).strip()
    versions = found.versions.get(form.casefold())
    if not versions:
        raise UserError(f"form: no evaluation form named {form!r}")
    wanted = text_of(cell("version")).strip()
    number = int(float(wanted)) if wanted else max(versions)
    if number not in versions:
        raise UserError(f"version: form {form!r} has no version {wanted}")
    version_id, data = versions[number]
    definition = FormDefinition.from_dict(data)
    answers = {}
    for q in definition.questions:
        where = columns.get(normalised(q.key))
        if where is None:
            raise UserError(f"no column for question {q.key!r} of form {form!r}")
        value = text_of(cells[where]).strip() if where < len(cells) else ""
        answers[q.key] = value.lower() or "na"
    result = score(definition, answers)
    evaluator = text_of(cell("evaluator")).strip()
    if not evaluator:
        raise UserError("evaluator: empty")
    when = parse_datetime(cell("evaluated_at"), None)
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo(agent[1]))
    if when > datetime.now(when.tzinfo):
        raise UserError(f"evaluated_at: {when.isoformat()} is in the future")
    ref = text_of(cell("contact")).strip()
    contact: tuple[int, int] | None = None
    if ref:
        if ref not in contacts:
            raise UserError(f"contact: no contact with id {ref!r}")
        contact = contacts[ref]
        if contact is None:
            raise UserError(f"contact: id {ref!r} is used by several sources")
    return EvaluationFileRow(
        agent_id=agent[0],
        form_version_id=version_id,
        contact_id=None if contact is None else contact[0],
        queue_id=None if contact is None else contact[1],
        evaluator=evaluator,
        evaluated_at=when,
        answers=answers,
        score_pct=round(result.pct, 4),
        auto_failed=result.auto_failed,
    )
