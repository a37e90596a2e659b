"""Reading from a streaming replica without showing a change the feed announced as missing.

NOTIFY does not reach a physical standby, so a console LISTENs on the primary and
runs its heavy reads (the live snapshot, charts) on the replica. A notification can
then arrive before the replica has replayed the commit it announces; a refresh it
triggers would show the floor as it was, and nothing would trigger another. So the
listener notes the primary's WAL position when a notification arrives
(``ReplicaBarrier.advance``), and a read on the replica first waits, briefly, until
the replica has replayed up to it (``ReplicaBarrier.wait``). On a server that is not
in recovery ``pg_last_wal_replay_lsn()`` is NULL: nothing to wait for.
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import Connection, text

log = logging.getLogger(__name__)

# How long a read waits for the replica before going ahead with what it has: a replica
# that far behind is reported in the log; the next notification or the safety refresh
# shows the rest.
LAG_WAIT_S = 2.0
POLL_S = 0.005


def lsn_value(lsn: str | None) -> int:
    """A ``pg_lsn`` as text (``16/B374D848``) as a number that orders as the LSN does."""
    if not lsn:
        return 0
    high, low = str(lsn).split("/")
    return (int(high, 16) << 32) | int(low, 16)


class ReplicaBarrier:
    """The primary's WAL position at the latest notification, and the replica's last seen.

    Shared by the listener thread (``advance``) and worker threads (``wait``).
    """

    def __init__(self, lag_wait_s: float = LAG_WAIT_S) -> None:
        self._lock = threading.Lock()
        self._target = 0
        self._replayed = 0
        self.lag_wait_s = lag_wait_s

    @property
    def target(self) -> int:
        return self._target

    def advance(self, lsn: str | int | None) -> None:
        """A notification arrived when the primary had written up to ``lsn``."""
        value = lsn if isinstance(lsn, int) else lsn_value(lsn)
        with self._lock:
            self._target = max(self._target, value)

    def note_primary(self, conn: Connection | object) -> None:
        """``advance`` to the primary's current position, read on ``conn`` (a psycopg or
        SQLAlchemy connection to the primary, the listener's own)."""
        if isinstance(conn, Connection):
            lsn = conn.execute(text("SELECT pg_current_wal_lsn()::text")).scalar()
        else:
            lsn = conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]  # type: ignore[attr-defined]
        self.advance(lsn)

    def wait(self, conn: Connection) -> bool:
        """Block until the server behind ``conn`` has replayed up to the target (True), or
        ``lag_wait_s`` passes (False). One round trip when the replica was already seen
        past the target, none at all when it is known to be."""
        target = self._target
        if target <= self._replayed:
            return True
        deadline = time.monotonic() + self.lag_wait_s
        while True:
            lsn = conn.execute(text("SELECT pg_last_wal_replay_lsn()::text")).scalar()
            if lsn is None:  # not a standby: it has everything it was sent
                self._replayed = max(self._replayed, target)
                return True
            replayed = lsn_value(lsn)
            with self._lock:
                self._replayed = max(self._replayed, replayed)
            if replayed >= target:
                return True
            if time.monotonic() >= deadline:
                log.warning(
                    "the read replica is more than %.1f s behind the primary; showing what it has",
                    self.lag_wait_s,
                )
                return False
            time.sleep(POLL_S)
