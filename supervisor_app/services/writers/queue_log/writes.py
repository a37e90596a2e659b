"""Storing what a queue_log import read: contacts and agent spans, idempotently.

Contacts (``queue_log_contacts``) and spans (``queue_log_spans``) are matched
against what is stored, so reading a file twice writes nothing new. Each unit
is one transaction that also records how far the file was read, so rows and
progress commit (or roll back) together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import InterfaceError, OperationalError

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.services.audit import ImportedFile, current_actor, record_import
from supervisor_app.services.database import Database
from supervisor_app.services.writers.queue_log.contacts import write_contacts
from supervisor_app.services.writers.queue_log.progress import load_progress, save_progress
from supervisor_app.services.writers.queue_log.records import (
    EventBatch,
    FileProgress,
    SiteChoice,
    WriteCounts,
)
from supervisor_app.services.writers.queue_log.roster import Roster
from supervisor_app.services.writers.queue_log.spans import write_spans
from supervisor_app.store import bulk
from supervisor_app.store.changes import announce
from supervisor_app.store.models import AgentStateSpan, Contact

SQLITE_CACHE_KIB = 256 * 1024


class QueueLogWriter:
    """Writes one import's batches; each ``unit()`` is a transaction."""

    def __init__(self, db: Database, site: SiteChoice | None = None) -> None:
        self._db = db
        self._roster = Roster(site or SiteChoice())
        self.counts = WriteCounts()

    def progress(self, fingerprint: str) -> FileProgress | None:
        try:
            with self._db.engine.connect() as conn:
                return load_progress(conn, fingerprint)
        except (OperationalError, InterfaceError) as exc:
            raise self._lost(exc) from exc

    def _lost(self, exc: Exception) -> DatabaseError:
        first = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[:1]
        return DatabaseError(f"{self._db.display_url}: {first[0] if first else 'unreachable'}")

    @contextmanager
    def unit(self, expected_rows: int = 0) -> Iterator[WriteUnit]:
        """One transaction. ``expected_rows`` (a whole file's worth) makes it a bulk load.

        A lost, locked or restarting database raises ``DatabaseError``; nothing of
        the unit is stored then, so a caller may retry from the stored progress.
        """
        unit: WriteUnit | None = None
        try:
            with self._db.engine.begin() as conn:
                bulky = expected_rows > 0 and conn.dialect.name == "sqlite"
                restore = _prepare_bulk(conn, expected_rows) if bulky else []
                try:
                    analyze = expected_rows > 0 and conn.dialect.name == "postgresql"
                    unit = WriteUnit(conn, self._roster, analyze)
                    yield unit
                    bulk.restore_checks(conn, restore)
                    if unit.tables:
                        announce(conn, unit.tables)
                finally:
                    if bulky:
                        conn.exec_driver_sql("PRAGMA cache_size=-2000")
        except (OperationalError, InterfaceError) as exc:  # lost, locked or restarting
            self._roster.forget()
            raise self._lost(exc) from exc
        except BaseException:
            self._roster.forget()
            raise
        self.counts.add(unit.counts)


def _prepare_bulk(conn: Connection, expected_rows: int) -> list[str]:
    """A big page cache for a SQLite bulk load and, when the load outweighs the tables,
    their secondary indexes dropped until the commit (``bulk.drop_checks``): building
    an index once is cheaper than updating it row by row, but not than leaving a big
    table's alone. Never on PostgreSQL, where dropping would lock out live readers."""
    conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    tables = [Contact.__table__, AgentStateSpan.__table__]
    stored = sum(conn.scalar(select(func.max(t.c.id))) or 0 for t in tables)
    if expected_rows <= stored:
        return []
    return bulk.drop_checks(conn, tables)  # type: ignore[arg-type]


class WriteUnit:
    """The writes of one transaction.

    ``analyze``: refresh PostgreSQL's statistics after each batch of a bulk load.
    Planned on the statistics of the tables before the load, the lookups of
    stored keys scan every row the load has added so far; with fresh ones they
    use the unique index.
    """

    def __init__(self, conn: Connection, roster: Roster, analyze: bool = False) -> None:
        self._conn = conn
        self._roster = roster
        self._analyze = analyze
        self.counts = WriteCounts()
        self.tables: set[str] = set()

    def write(self, batch: EventBatch) -> None:
        if not batch:
            return
        conn = self._conn
        # Records may name a queue or agent first seen in an earlier batch (or run).
        queues = dict.fromkeys(batch.queues)  # in order of first appearance
        queues.update(dict.fromkeys(r.queue for r in batch.contacts))
        agents = dict.fromkeys(batch.agents)
        agents.update(dict.fromkeys(s.agent for s in batch.spans))
        agents.update(dict.fromkeys(r.agent for r in batch.contacts if r.agent is not None))
        self._roster.ensure(conn, queues, agents, self.counts)
        if self.counts.queues_added:
            self.tables.add("queues")
        if self.counts.agents_added:
            self.tables.add("agents")
        if batch.contacts and write_contacts(conn, self._roster, batch.contacts, self.counts):
            self.tables.add("contacts")
        if batch.spans and write_spans(conn, self._roster, batch.spans, self.counts):
            self.tables.add("agent_state_spans")
        if self._analyze:
            conn.exec_driver_sql("ANALYZE contacts, agent_state_spans")

    def save(self, progress: FileProgress) -> None:
        save_progress(self._conn, progress)

    def audit(self, imported: ImportedFile, written: WriteCounts) -> None:
        """The import's audit row, committed with the unit's rows and progress."""
        record_import(
            self._conn,
            imported,
            current_actor(),
            {
                "contacts_added": written.contacts_added,
                "contacts_updated": written.contacts_updated,
                "spans_added": written.spans_added,
                "spans_updated": written.spans_updated,
                "queues_added": written.queues_added,
                "agents_added": written.agents_added,
            },
        )
