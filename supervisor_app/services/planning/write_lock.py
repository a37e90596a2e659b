"""Planning saves that read, then write: serialised so two planners' edits compound.

A forecast scale is read-modify-write: read each interval's volume, multiply,
write it back. Two planners scaling the same day by +10 % at once must give
+21 %, never +10 % (a lost update). So the save takes the write lock before it
reads: ``BEGIN IMMEDIATE`` on SQLite (the database's one write lock), row
locks (``SELECT … FOR UPDATE``) on PostgreSQL, where a second saver waits for
the first to commit and then, in READ COMMITTED, reads the first one's values.
The rows' ``version`` column (the ORM's ``version_id_col``) stays as a second
guard: an ``UPDATE`` that finds another version raises instead of overwriting.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def begin_write(session: Session) -> None:
    """On SQLite, take the write lock now; call it before the transaction's first statement."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        if not getattr(raw, "in_transaction", False):
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def for_update(session: Session) -> bool:
    """Whether row locks (``FOR UPDATE``) are what serialises this engine's savers."""
    return session.connection().dialect.name == "postgresql"
