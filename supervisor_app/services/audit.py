"""The audit trail: who changed what, when, with the values before and after.

Every command a person runs writes one row here in the same transaction as
the change itself, so the trail can never show a change that was rolled back
nor miss one that was committed.

The actor and time written here stand on SQLite, where the OS user is the
person. On PostgreSQL the database replaces both for every login but the
schema owner (the login, ``session_user``, and the server's clock: migration
0012), so a workstation can't claim to be someone else.
"""

from __future__ import annotations

import getpass
import hashlib
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from supervisor_app.store.models import AuditEntry

# Column widths of audit_log (AuditEntry): longer text is cut, never refused,
# so an unusual login or a long reason can't make a user's change fail.
_ACTOR_MAX, _ID_MAX, _REASON_MAX = 120, 60, 500


def current_actor() -> str:
    """``login@hostname`` of the person at this workstation, as audit rows name them."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password file
        login = "unknown"
    host = socket.gethostname().split(".")[0] or "localhost"
    return f"{login}@{host}"


def json_safe(value: Any) -> Any:
    """``value`` with datetimes as ISO strings, enums as their values, decimals as text.

    The JSON columns take only plain JSON; converting here keeps a stray
    datetime from failing the user's change at commit time.
    """
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    if isinstance(value, Enum):
        return json_safe(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """Add an audit row to ``session``; it is written when the caller's transaction commits."""
    session.add(
        AuditEntry(
            actor=actor[:_ACTOR_MAX],
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id)[:_ID_MAX],
            before=None if before is None else json_safe(before),
            after=None if after is None else json_safe(after),
            reason=None if reason is None else reason[:_REASON_MAX],
        )
    )


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """What an import's audit row says of the file: its name, fingerprint and row counts.

    ``rows_in``: data rows (lines) read; ``rows_skipped``: of those, rows not
    written (malformed, left out by a mapping's rule, or already imported).
    """

    kind: str  # queue_log, contacts, agents, forecast, escalations
    file_name: str
    sha256: str
    rows_in: int
    rows_skipped: int


def file_sha256(path: Path, limit: int | None = None) -> str:
    """SHA-256 of the file's bytes as stored (compressed if it is), or of its first ``limit``."""
    digest = hashlib.sha256()
    left = limit
    with path.open("rb") as handle:
        while left is None or left > 0:
            chunk = handle.read(1 << 20 if left is None else min(1 << 20, left))
            if not chunk:
                break
            digest.update(chunk)
            if left is not None:
                left -= len(chunk)
    return digest.hexdigest()


def record_import(
    conn: Connection, imported: ImportedFile, actor: str, written: Mapping[str, Any] | None = None
) -> None:
    """Write an import's audit row on the importing transaction's connection.

    The writers work on Core connections (bulk inserts), so this inserts
    directly; it commits, or rolls back, with the rows it describes.
    """
    conn.execute(
        insert(AuditEntry).values(
            at=datetime.now(UTC),
            actor=actor[:_ACTOR_MAX],
            action=f"import.{imported.kind}",
            entity="import",
            entity_id=Path(imported.file_name).name[:_ID_MAX],
            before=None,
            after=json_safe(
                {
                    "file": imported.file_name,
                    "sha256": imported.sha256,
                    "rows_in": imported.rows_in,
                    "rows_skipped": imported.rows_skipped,
                    **(written or {}),
                }
            ),
        )
    )
