"""Writing checked escalations from a file: one transaction, audited, announced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert

from supervisor_app.domain.enums import EscalationStatus, Severity
from supervisor_app.services.audit import ImportedFile, record_import
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files.common import lock_for_write
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Escalation


@dataclass(frozen=True, slots=True)
class EscalationFileRow:
    queue_id: int
    customer_ref: str
    reason: str
    severity: Severity


def write_escalations(
    db: Database, rows: Sequence[EscalationFileRow], actor: str, imported: ImportedFile
) -> int:
    """Insert every row as an open escalation raised by ``actor``; returns how many."""
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        lock_for_write(conn)
        if rows:
            conn.execute(
                insert(Escalation),
                [
                    {
                        "queue_id": r.queue_id,
                        "customer_ref": r.customer_ref,
                        "reason": r.reason,
                        "severity": r.severity,
                        "status": EscalationStatus.OPEN,
                        "raised_by": actor,
                        "created_at": now,
                        "version": 1,
                    }
                    for r in rows
                ],
            )
        record_import(conn, imported, actor, {"escalations_added": len(rows)})
        announce(conn, ["escalations"])
    return len(rows)
