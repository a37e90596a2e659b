"""One writer at a time per agent: the serialised check behind "no two overlapping shifts".

Why a lock and not a constraint: PostgreSQL could refuse overlaps with an
exclusion constraint (``EXCLUDE USING gist (agent_id WITH =, tstzrange(...) WITH &&)``),
but SQLite has nothing like it, and the rule also has to see approved time
off and give the planner a readable reason. So every schedule write first
serialises on the agents it touches, then reads what is committed, checks,
writes and commits:

- PostgreSQL: ``SELECT … FROM agents WHERE id IN (…) ORDER BY id FOR NO KEY UPDATE``
  row-locks the agents (in id order, so two savers can't deadlock); a
  second session touching one of them waits until the first commits, and
  then, in READ COMMITTED, its next statements see the first one's shifts.
  ``NO KEY`` leaves the foreign-key checks of other writers alone (the live
  feed inserting state rows for those agents is not held up by a save).
- SQLite: ``BEGIN IMMEDIATE`` takes the database's single write lock before
  anything is read, so the check and the write can't interleave with another
  writer (SQLite serialises all writers anyway; this makes the read part of it).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.store.models import Agent


def lock_agents(session: Session, agent_ids: Iterable[int]) -> None:
    """Serialise this transaction against every other schedule write on ``agent_ids``.

    Must be the first statement of the session's transaction (on SQLite it
    begins the transaction).
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        # pysqlite opens transactions lazily before DML; an explicit BEGIN IMMEDIATE
        # takes the write lock now, before the reads the check depends on.
        raw = conn.connection.dbapi_connection
        if getattr(raw, "in_transaction", False):
            raise RuntimeError("lock_agents must come before any write in the transaction")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    ids = sorted(set(agent_ids))
    if ids:
        session.execute(
            select(Agent.id)
            .where(Agent.id.in_(ids))
            .order_by(Agent.id)
            .with_for_update(key_share=True)
        )
