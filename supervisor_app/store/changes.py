"""The change feed: writers announce which tables changed; readers wait for it.

PostgreSQL: ``pg_notify('supervisor_changes', table)`` inside the writer's
transaction, delivered on commit to every ``LISTEN``ing console.
SQLite: no message; ``PRAGMA data_version`` on a reader's own connection moves
whenever another connection commits, so the reader polls it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import psycopg
from sqlalchemy import Connection, Engine, text

from supervisor_app.store.replica import ReplicaBarrier

CHANNEL = "supervisor_changes"
# The table name a SQLite reader reports: it learns *that* something changed, not what.
ANY_TABLE = "*"


def announce(conn: Connection, tables: Iterable[str]) -> None:
    """Tell listeners these tables changed; a no-op on SQLite (data_version does it)."""
    if conn.dialect.name != "postgresql":
        return
    for table in sorted(set(tables)):
        conn.execute(
            text("SELECT pg_notify(:channel, :table)"), {"channel": CHANNEL, "table": table}
        )


class ChangeListener:
    """Blocks in ``wait()`` until a change is seen or the timeout passes.

    Owns its own connection, so it must live on one (worker) thread. Raises the
    driver's error if the connection is lost; the caller reconnects with backoff.
    With a read replica, ``barrier`` learns the primary's WAL position at each burst
    of notifications, so reads on the replica wait until it has what was announced.
    """

    SQLITE_POLL_SECONDS = 0.25

    def __init__(self, engine: Engine, barrier: ReplicaBarrier | None = None) -> None:
        self._engine = engine
        self._barrier = barrier
        self._pg: psycopg.Connection | None = None
        self._sqlite_conn: Connection | None = None
        self._last_version: int | None = None

    def open(self) -> None:
        if self._engine.dialect.name == "postgresql":
            # Made by the engine (same password source, TLS and session limits), then
            # taken out of its pool: the console's third and last connection.
            fairy = self._engine.raw_connection()
            pg = fairy.driver_connection
            fairy.detach()
            assert isinstance(pg, psycopg.Connection)
            pg.rollback()
            pg.autocommit = True
            self._pg = pg
            self._pg.execute(f"LISTEN {CHANNEL}")
        else:
            self._sqlite_conn = self._engine.connect()
            self._last_version = self._data_version()

    def _data_version(self) -> int:
        assert self._sqlite_conn is not None
        value = self._sqlite_conn.exec_driver_sql("PRAGMA data_version").scalar_one()
        self._sqlite_conn.rollback()
        return int(value)

    def wait(self, timeout: float) -> set[str]:
        """Tables changed since the last call (``{ANY_TABLE}`` on SQLite), or an empty set."""
        if self._pg is not None:
            tables = {n.payload for n in self._pg.notifies(timeout=timeout, stop_after=1)}
            # Drain whatever else arrived in the same burst without blocking again.
            tables |= {n.payload for n in self._pg.notifies(timeout=0.01)}
            if tables and self._barrier is not None:
                self._barrier.note_primary(self._pg)
            return tables
        deadline = time.monotonic() + timeout
        while True:
            version = self._data_version()
            if version != self._last_version:
                self._last_version = version
                return {ANY_TABLE}
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return set()
            time.sleep(min(self.SQLITE_POLL_SECONDS, remaining))

    def close(self) -> None:
        if self._pg is not None:
            self._pg.close()
            self._pg = None
        if self._sqlite_conn is not None:
            self._sqlite_conn.close()
            self._sqlite_conn = None

    def __enter__(self) -> ChangeListener:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
