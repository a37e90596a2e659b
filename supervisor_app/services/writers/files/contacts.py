"""Writing checked contacts from a file: one transaction, in bulk, announced.

Contacts already in the database under the same source and id (an earlier
import of the same export) are left as they are and counted, so importing a
file twice adds nothing. A survey row is written for contacts with a CSAT,
NPS or comment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, select

from supervisor_app.domain.enums import Channel
from supervisor_app.services.audit import ImportedFile, current_actor, record_import
from supervisor_app.services.database import Database
from supervisor_app.services.writers.contact_columns import CONTACT_COLUMNS
from supervisor_app.services.writers.files.common import (
    Progress,
    agent_ids,
    ensure_site,
    lock_for_write,
    queue_ids,
    reserve_ids,
)
from supervisor_app.store import bulk
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Base, Contact

CHUNK_ROWS = 5_000
_CONTACT_COLUMNS = ("id", *CONTACT_COLUMNS)
_SURVEY_COLUMNS = ("id", "contact_id", "csat", "nps", "comment", "answered_at")


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A checked contact as the service stores it (timestamps as UTC epoch seconds)."""

    external_id: str
    queue: str
    channel: Channel
    arrived_at: float
    answered_at: float | None
    ended_at: float
    wrap_ended_at: float | None
    agent: str | None
    outcome: str
    customer_ref: str | None
    csat: int | None
    nps: int | None
    comment: str | None


@dataclass(frozen=True)
class ContactWriteResult:
    imported: int
    already_present: int
    queues_created: tuple[str, ...]
    agents_created: tuple[str, ...]


def write_contacts(
    db: Database,
    source: str,
    rows: Sequence[ContactRow],
    *,
    timezone: str | None,
    progress: Progress | None = None,
    site_id: int | None = None,
    imported: ImportedFile | None = None,
) -> ContactWriteResult:
    """All of ``rows`` or nothing, into ``site_id`` (else the only site); ``progress`` may
    raise to cancel (everything rolls back).

    ``imported``: the file, for the audit row written in the same transaction
    (rows already present are added to its skipped rows).
    """
    report: Callable[[float], None] = progress or (lambda _f: None)
    with db.engine.begin() as conn:
        lock_for_write(conn)
        site_id = ensure_site(conn, timezone, site_id)
        present = _present_ids(conn, source)
        fresh = [r for r in rows if r.external_id not in present]
        channels: dict[str, Channel] = {}
        for r in fresh:
            channels.setdefault(r.queue, r.channel)
        queues, queues_created = queue_ids(conn, site_id, channels)
        agents, agents_created = agent_ids(
            conn, sorted({r.agent for r in fresh if r.agent}), site_id
        )
        surveyed = [r for r in fresh if r.csat is not None or r.nps is not None or r.comment]
        contact_ids = reserve_ids(conn, "contacts", len(fresh))
        survey_ids = iter(reserve_ids(conn, "survey_responses", len(surveyed)))
        dialect = conn.dialect.name
        contacts_table = Base.metadata.tables["contacts"]
        surveys_table = Base.metadata.tables["survey_responses"]
        for start in range(0, len(fresh), CHUNK_ROWS):
            chunk = fresh[start : start + CHUNK_ROWS]
            ids = contact_ids[start : start + CHUNK_ROWS]
            bulk.insert_rows(
                conn,
                contacts_table,
                _CONTACT_COLUMNS,
                _contact_tuples(dialect, chunk, ids, source, queues, agents),
            )
            surveys = [
                (next(survey_ids), cid, r.csat, r.nps, r.comment, None)
                for cid, r in zip(ids, chunk, strict=True)
                if r.csat is not None or r.nps is not None or r.comment
            ]
            if surveys:
                bulk.insert_rows(conn, surveys_table, _SURVEY_COLUMNS, surveys)
            report((start + len(chunk)) / max(len(fresh), 1))
        changed = ["contacts", "survey_responses"]
        changed += ["queues"] if queues_created else []
        changed += ["agents"] if agents_created else []
        if imported is not None:
            skipped = imported.rows_skipped + len(rows) - len(fresh)
            record_import(
                conn,
                replace(imported, rows_skipped=skipped),
                current_actor(),
                {"contacts_added": len(fresh), "source": source},
            )
        announce(conn, changed)
    return ContactWriteResult(
        imported=len(fresh),
        already_present=len(rows) - len(fresh),
        queues_created=tuple(queues_created),
        agents_created=tuple(agents_created),
    )


def _present_ids(conn: Connection, source: str) -> set[str]:
    return set(conn.scalars(select(Contact.external_id).where(Contact.source == source)))


def _contact_tuples(
    dialect: str,
    chunk: Sequence[ContactRow],
    ids: Sequence[int],
    source: str,
    queues: dict[str, int],
    agents: dict[str, int],
) -> list[tuple[Any, ...]]:
    nan = float("nan")
    stamps = [
        bulk.timestamp_texts(
            dialect, [getattr(r, name) if getattr(r, name) is not None else nan for r in chunk]
        )
        for name in ("arrived_at", "answered_at", "ended_at", "wrap_ended_at")
    ]
    return [
        (
            cid,
            queues[r.queue],
            source,
            r.external_id,
            r.customer_ref,
            stamps[0][i],
            stamps[1][i],
            stamps[2][i],
            stamps[3][i],
            r.outcome,
            agents[r.agent] if r.agent else None,
            False,
        )
        for i, (cid, r) in enumerate(zip(ids, chunk, strict=True))
    ]
