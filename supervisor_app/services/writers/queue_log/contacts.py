"""Contacts from a queue_log, one row per ``(source, external_id)``.

Read twice, a contact is written once; read again with more to tell (answered,
ended), the stored open row is completed, keeping what it already knew.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, func, select, update

from supervisor_app.domain.enums import Outcome
from supervisor_app.services.writers.contact_columns import CONTACT_COLUMNS
from supervisor_app.services.writers.queue_log.records import SOURCE, ContactRecord, WriteCounts
from supervisor_app.services.writers.queue_log.roster import Roster
from supervisor_app.services.writers.queue_log.times import at, texts
from supervisor_app.store import bulk
from supervisor_app.store.models import Contact

CHUNK = 900  # keys per IN (…): below SQLite's lowest variable limit
# Enum values looked up in a dict: ``member.value`` is a slow descriptor in a hot loop.
OUTCOME_TEXT = {o: o.value for o in Outcome}


def write_contacts(
    conn: Connection, roster: Roster, records: Sequence[ContactRecord], counts: WriteCounts
) -> bool:
    """Insert new contacts, complete stored open ones; True if any row changed."""
    existing: dict[str, tuple[int, bool]] = {}  # key -> (id, still open)
    keys = [r.key for r in records]
    for i in range(0, len(keys), CHUNK):
        rows = conn.execute(
            select(Contact.external_id, Contact.id, Contact.ended_at).where(
                Contact.source == SOURCE, Contact.external_id.in_(keys[i : i + CHUNK])
            )
        )
        existing.update({k: (cid, ended is None) for k, cid, ended in rows})
    for record in records:
        if record.orphan and record.key not in existing:
            found = _open_contact_of(conn, record)
            if found is not None:
                existing[record.key] = (found, True)
    fresh = [r for r in records if r.key not in existing]
    stale = [(existing[r.key][0], r) for r in records if existing.get(r.key, (0, False))[1]]
    if fresh:
        _insert_contacts(conn, roster, fresh)
    if stale:
        _update_contacts(conn, roster, stale)
    counts.contacts_added += len(fresh)
    counts.contacts_updated += len(stale)
    return bool(fresh or stale)


def _open_contact_of(conn: Connection, record: ContactRecord) -> int | None:
    """The open contact an earlier file left for this call in this queue, if any."""
    prefix = f"{record.callid}|{record.queue}|"
    return conn.scalar(
        select(Contact.id)
        .where(
            Contact.source == SOURCE,
            Contact.ended_at.is_(None),
            func.substr(Contact.external_id, 1, len(prefix)) == prefix,
        )
        .order_by(Contact.arrived_at.desc())
        .limit(1)
    )


def _insert_contacts(conn: Connection, roster: Roster, records: Sequence[ContactRecord]) -> None:
    dialect = conn.dialect.name
    queues, agents = roster.queues, roster.agents
    arrived = texts(dialect, [r.arrived for r in records])
    answered = texts(dialect, [r.answered for r in records])
    ended = texts(dialect, [r.ended for r in records])
    wrapped = texts(dialect, [r.ended if r.answered is not None else None for r in records])
    rows = [
        (
            queues[r.queue],
            SOURCE,
            r.key,
            r.customer,
            arrived[i],
            answered[i],
            ended[i],
            wrapped[i],
            OUTCOME_TEXT[r.outcome] if r.outcome else None,
            agents[r.agent] if r.agent else None,
            False,
        )
        for i, r in enumerate(records)
    ]
    bulk.insert_rows(conn, Contact.__table__, CONTACT_COLUMNS, rows)  # type: ignore[arg-type]


def _update_contacts(
    conn: Connection, roster: Roster, pairs: Sequence[tuple[int, ContactRecord]]
) -> None:
    agents = roster.agents
    conn.execute(
        update(Contact)
        .where(Contact.id == bindparam("b_id"))
        # What the row knows already stays: a record may know less (read from a later file).
        .values(
            answered_at=func.coalesce(bindparam("b_answered"), Contact.answered_at),
            agent_id=func.coalesce(bindparam("b_agent"), Contact.agent_id),
            ended_at=func.coalesce(bindparam("b_ended"), Contact.ended_at),
            wrap_ended_at=func.coalesce(bindparam("b_wrapped"), Contact.wrap_ended_at),
            outcome=func.coalesce(bindparam("b_outcome"), Contact.outcome),
        ),
        [
            {
                "b_id": cid,
                "b_answered": at(r.answered),
                "b_agent": agents[r.agent] if r.agent else None,
                "b_ended": at(r.ended),
                "b_wrapped": at(r.ended) if r.answered is not None else None,
                "b_outcome": r.outcome,
            }
            for cid, r in pairs
        ],
    )
