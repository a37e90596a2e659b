"""``import contacts``: read a file through a mapping, check every row, write all or nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from supervisor_app.ingest.files.contact_rows import ContactReader, RowRefused, SkipRow
from supervisor_app.ingest.files.mapping import ContactMapping, native_mapping
from supervisor_app.ingest.files.rejections import RowErrors
from supervisor_app.ingest.files.table import Table, UnreadableFile, open_table
from supervisor_app.services.audit import ImportedFile, file_sha256
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files import ContactRow, site_info, write_contacts

Progress = Callable[[float], None]
# Reading and checking is about the first half of the work, writing the second.
READ_SHARE = 0.5
_REPORT_EVERY = 2_000
_MAX_TEXT = {"contact_id": 120, "queue": 120, "agent": 120, "customer_id": 120}


@dataclass(frozen=True)
class CheckedContacts:
    """A file whose every row passed: the rows to write and what was left out."""

    path: Path
    rows: list[ContactRow]
    skipped_by_rule: int
    zone: str


@dataclass(frozen=True)
class ContactImportResult:
    path: Path
    read: int
    imported: int
    skipped_by_rule: int
    already_present: int
    queues_created: tuple[str, ...]
    agents_created: tuple[str, ...]

    def summary(self) -> str:
        parts = [f"{self.imported:,} contacts imported from {self.path.name}"]
        if self.already_present:
            parts.append(f"{self.already_present:,} already present")
        if self.skipped_by_rule:
            parts.append(f"{self.skipped_by_rule:,} skipped by the mapping's rules")
        if self.queues_created:
            parts.append(f"new queues: {', '.join(self.queues_created)}")
        if self.agents_created:
            parts.append(f"{len(self.agents_created)} new agents")
        return "; ".join(parts)


def check_contacts(
    table: Table, mapping: ContactMapping, site_zone: str | None, progress: Progress | None = None
) -> CheckedContacts:
    """Every row through the mapping; raises ``ImportRejected`` listing the bad rows."""
    zone = ZoneInfo(mapping.timezone or site_zone or "UTC")
    try:
        reader = ContactReader(mapping, table.header, zone)
    except RowRefused as exc:
        raise UnreadableFile(f"{table.path.name}: {exc} (mapping: {mapping.name})") from None
    errors = RowErrors(table.path)
    rows: list[ContactRow] = []
    first_seen: dict[str, int] = {}
    skipped = 0
    total = max(table.total_rows or 0, 1)
    for number, cells in table.rows():
        if progress is not None and number % _REPORT_EVERY == 0:
            progress(min(number / total, 1.0))
        try:
            record = reader.read(cells)
        except SkipRow:
            skipped += 1
            continue
        except RowRefused as exc:
            errors.add(number, str(exc))
            continue
        too_long = [f for f, n in _MAX_TEXT.items() if len(_field_text(record, f)) > n]
        if too_long:
            errors.add(number, f"{too_long[0]} is longer than {_MAX_TEXT[too_long[0]]} characters")
            continue
        earlier = first_seen.setdefault(record.external_id, number)
        if earlier != number:
            errors.add(number, f"contact_id {record.external_id!r} repeats row {earlier}")
            continue
        rows.append(
            ContactRow(
                external_id=record.external_id,
                queue=record.queue,
                channel=record.channel,
                arrived_at=record.arrived_at.timestamp(),
                answered_at=None if record.answered_at is None else record.answered_at.timestamp(),
                ended_at=record.ended_at.timestamp(),
                wrap_ended_at=None
                if record.wrap_ended_at is None
                else record.wrap_ended_at.timestamp(),
                agent=record.agent,
                outcome=record.outcome.value,
                customer_ref=record.customer_ref,
                csat=record.csat,
                nps=record.nps,
                comment=record.comment,
            )
        )
    errors.raise_if_any()
    return CheckedContacts(table.path, rows, skipped, str(zone))


def _field_text(record: object, name: str) -> str:
    attribute = {"contact_id": "external_id", "customer_id": "customer_ref"}.get(name, name)
    return getattr(record, attribute) or ""


def import_contacts(
    db: Database,
    path: Path | str,
    mapping: ContactMapping | None = None,
    progress: Progress | None = None,
    *,
    site_id: int | None = None,
) -> ContactImportResult:
    """Read, check and write one file into ``site_id`` (None: the only site); nothing is
    written unless every row is valid."""
    report: Progress = progress or (lambda _f: None)
    table = open_table(path)
    mapping = mapping or native_mapping(table.header)
    site = site_info(db, site_id)
    checked = check_contacts(table, mapping, site.timezone, lambda f: report(f * READ_SHARE))
    written = write_contacts(
        db,
        mapping.source,
        checked.rows,
        timezone=mapping.timezone,
        progress=lambda f: report(READ_SHARE + f * (1 - READ_SHARE)),
        site_id=site.id,
        imported=ImportedFile(
            "contacts",
            str(checked.path),
            file_sha256(checked.path),
            len(checked.rows) + checked.skipped_by_rule,
            checked.skipped_by_rule,
        ),
    )
    report(1.0)
    logging.getLogger(__name__).info(
        "import: %s, %d contacts written, %d already present (mapping %s)",
        checked.path,
        written.imported,
        written.already_present,
        mapping.source,
    )
    return ContactImportResult(
        path=checked.path,
        read=len(checked.rows) + checked.skipped_by_rule,
        imported=written.imported,
        skipped_by_rule=checked.skipped_by_rule,
        already_present=written.already_present,
        queues_created=written.queues_created,
        agents_created=written.agents_created,
    )
