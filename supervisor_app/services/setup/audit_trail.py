"""The audit browser's rows: every change, filtered by entity and date, and exported.

Dates are UTC days (the audit row's ``at`` is stored in UTC): ``since`` is
included from its midnight, ``until`` up to the end of its day. Before and
after are the JSON the change recorded, shown as ``field: old → new``.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select

from supervisor_app.domain.file_errors import replaced_when_done
from supervisor_app.domain.safe_text import clean_text, guard
from supervisor_app.services.database import Database
from supervisor_app.services.setup.records import AuditRecord
from supervisor_app.store.models import AuditEntry

HEADINGS = ("At (UTC)", "Actor", "Entity", "Id", "Action", "Change", "Before", "After")


def list_audit(
    db: Database,
    entity: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 10_000,
) -> list[AuditRecord]:
    """Audit rows, newest first, at most ``limit``."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if since is not None:
        query = query.where(AuditEntry.at >= datetime.combine(since, time(), UTC))
    if until is not None:
        end = datetime.combine(until + timedelta(days=1), time(), UTC)
        query = query.where(AuditEntry.at < end)
    with db.sessions() as session:
        return [
            AuditRecord(
                e.id, e.at, e.actor, e.entity, e.entity_id, e.action, e.before, e.after, e.reason
            )
            for e in session.scalars(query)
        ]


def audit_entities(db: Database) -> list[str]:
    """The entities the trail names, for the browser's filter."""
    with db.sessions() as session:
        return list(
            session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
        )


def _short(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def describe_change(record: AuditRecord) -> str:
    """``field: old → new`` for each field that differs (or every field of an add/remove)."""
    before, after = record.before or {}, record.after or {}
    keys = [k for k in after if k not in before] if not before else list(before)
    keys += [k for k in after if k not in keys]
    parts = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if before and after and old == new:
            continue
        if not before:
            parts.append(f"{key}: {_short(new)}")
        elif not after:
            parts.append(f"{key}: {_short(old)} → removed")
        else:
            parts.append(f"{key}: {_short(old)} → {_short(new)}")
    return "; ".join(parts)


def audit_row(record: AuditRecord) -> list[str]:
    """The browser's and the export's columns for one row, as text."""
    return [
        record.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        record.actor,
        record.entity,
        record.entity_id or "",
        record.action,
        describe_change(record),
        "" if record.before is None else json.dumps(record.before, ensure_ascii=False),
        "" if record.after is None else json.dumps(record.after, ensure_ascii=False),
    ]


def _safe(text: str) -> str:
    """Never a formula in a spreadsheet (OWASP "CSV injection"), never invalid XML."""
    return guard(clean_text(text))


def export_audit(records: Sequence[AuditRecord], path: Path) -> int:
    """Write ``records`` to ``path`` (.csv or .xlsx) beside it first, then moved into place.

    Returns the number of rows written; a half-written file never replaces a good one.
    """
    path = Path(path)
    xlsx = path.suffix.lower() == ".xlsx"
    with replaced_when_done(path) as (fd, temp):
        if xlsx:
            os.close(fd)
            book = Workbook(write_only=True)
            sheet = book.create_sheet("Audit")
            sheet.append(list(HEADINGS))
            for record in records:
                sheet.append([_safe(v) for v in audit_row(record)])
            book.save(temp)
        else:
            with os.fdopen(fd, "w", newline="", encoding="utf-8-sig") as out:
                writer = csv.writer(out)
                writer.writerow(HEADINGS)
                writer.writerows([_safe(v) for v in audit_row(r)] for r in records)
    return len(records)
