"""``import escalations``: escalations raised elsewhere (a CRM, a mailbox), from a file.

Columns (any case or spacing): ``queue`` (an existing queue's name),
``customer_ref`` (or ``customer``), ``reason``, and optionally ``priority``
(low, normal, high, urgent; empty means normal). Every row is checked as the
Live tab's dialog checks one; any bad row refuses the whole file, with row
numbers and reasons, and nothing is written. The importer is recorded as the
one who raised them, and the file in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from supervisor_app.domain.escalation_fields import (
    DEFAULT_PRIORITY,
    PRIORITIES,
    EscalationDraft,
    field_errors,
)
from supervisor_app.ingest.files.columns import locate
from supervisor_app.ingest.files.rejections import RowErrors
from supervisor_app.ingest.files.table import open_table
from supervisor_app.ingest.files.values import text_of
from supervisor_app.services.audit import ImportedFile, current_actor, file_sha256
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files import (
    EscalationFileRow,
    known_queues,
    write_escalations,
)

ALIASES = {
    "queue": ("queue name", "skill"),
    "customer_ref": ("customer", "customer reference", "customer id", "account", "ticket"),
    "reason": ("description", "subject", "why"),
    "priority": ("severity", "urgency"),
}
REQUIRED = ("queue", "customer_ref", "reason")


@dataclass(frozen=True)
class EscalationImportResult:
    path: Path
    added: int

    def summary(self) -> str:
        return f"{self.added} escalation(s) raised from {self.path.name}"


def import_escalations(
    db: Database, path: Path | str, *, site_id: int | None = None
) -> EscalationImportResult:
    """Check every row, then raise all of them (one transaction, audited) or none.

    Queues are named as at ``site_id`` (else the only site): two sites may share a name.
    """
    table = open_table(path)
    at = locate(table.header, ALIASES, REQUIRED, table.path.name)
    queues = {name.casefold(): queue_id for name, queue_id in known_queues(db, site_id).items()}
    errors = RowErrors(table.path)
    rows: list[EscalationFileRow] = []
    for number, cells in table.rows():

        def cell(field: str, cells: list[object] = cells) -> str:
            return text_of(cells[at[field]]).strip() if field in at else ""  # type: ignore[arg-type]

        priority = cell("priority") or DEFAULT_PRIORITY
        draft = EscalationDraft(cell("queue"), cell("customer_ref"), cell("reason"), priority)
        problems = field_errors(draft)
        queue_id = queues.get(draft.queue.casefold())
        if "queue" not in problems and queue_id is None:
            problems["queue"] = f"no queue named {draft.queue!r}"
        if problems:
            errors.add(number, "; ".join(f"{k}: {v}" for k, v in problems.items()))
            continue
        assert queue_id is not None
        rows.append(
            EscalationFileRow(
                queue_id, draft.customer_ref, draft.reason, PRIORITIES[draft.priority.lower()]
            )
        )
    errors.raise_if_any()
    imported = ImportedFile("escalations", str(table.path), file_sha256(table.path), len(rows), 0)
    added = write_escalations(db, rows, current_actor(), imported)
    return EscalationImportResult(table.path, added)
