"""The Live tab's refresh pipeline: snapshots on a worker, coalesced, paced, with backoff.

At most one snapshot is in flight; a request that arrives meanwhile (a burst of
change notifications) becomes exactly one more after it, and a snapshot taken
from a database no longer shown is dropped (``LatestQuery``: newest request
wins).

Refreshes asked for by changes are paced: the next snapshot starts at least
``pace_ms`` after the last one started, and ``busy_share`` times the last one's
duration after it ended, so a console spends at most a tenth of its time
refreshing; but never more than ``PACE_MAX_MS`` apart (a slow first snapshot, a
server busy for a moment, must not hold the board back for long). A floor taking
twenty commits a second would otherwise have every console take snapshots back
to back, more often than anyone can read a board.
On a shared server each console spaces its snapshots out as the server slows,
so fifty consoles share it instead of queueing behind each other
(``bench_scale``). F5 and a new database are not paced.

A slow safety refresh covers lost notifications. A snapshot that fails for want
of a connection is retried with growing back-off, and requests wait for that
retry instead of hammering a database that is down. A snapshot that takes too
long is reported as stalled (the window stays usable; the banner says the data
is getting old).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from supervisor_app.ui.common.change_watcher import BACKOFF_SECONDS
from supervisor_app.ui.common.latest_query import LatestQuery
from supervisor_app.ui.common.workers import Op, Workers
from supervisor_app.ui.live.refresh.connection import is_connection_error

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

MakeOp = Callable[["Database"], Op[Any]]
SAFETY_MS = 5_000
STALL_MS = 4_000
PACE_MS = 500  # at most two refreshes a second from change notifications
BUSY_SHARE = 9  # and a pause of nine times the last snapshot's duration after it
PACE_MAX_MS = 2_000  # but at least one every two seconds while changes come


def _timer(parent: QObject, ms: int, single: bool) -> QTimer:
    timer = QTimer(parent)
    timer.setInterval(ms)
    timer.setSingleShot(single)
    return timer


class SnapshotRefresher(QObject):
    delivered = Signal(object)  # what the op returned
    failed = Signal(object, float)  # the exception; seconds to the retry (0: no retry planned)
    stalled = Signal()  # the snapshot in flight has taken longer than stall_ms

    def __init__(
        self,
        workers: Workers,
        make_op: MakeOp,
        *,
        safety_ms: int = SAFETY_MS,
        stall_ms: int = STALL_MS,
        backoff: Sequence[float] = BACKOFF_SECONDS,
        pace_ms: int = PACE_MS,
        busy_share: float = BUSY_SHARE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self._make_op = make_op
        self._backoff = tuple(backoff)
        self._db: Database | None = None
        self._failures = 0
        self._pending = False
        self._query = LatestQuery(workers, self)
        self._query.settled.connect(self._settled)
        self._safety = _timer(self, safety_ms, False)
        self._safety.timeout.connect(self.request)
        self._stall = _timer(self, stall_ms, True)
        self._stall.timeout.connect(self.stalled)
        self._retry = _timer(self, 0, True)
        self._retry.timeout.connect(self._start)
        self._pace_ms, self._busy_share = pace_ms, busy_share
        self._started_at = self._took = 0.0  # monotonic start of the last snapshot; seconds
        self._unpaced = False  # F5 asked: the next start is not held
        self._pace = _timer(self, 0, True)
        self._pace.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one fires up to 5 % early
        self._pace.timeout.connect(self._start)

    def set_database(self, db: Database | None) -> None:
        """A new database (or None): forget the old one's work, take a snapshot now."""
        self._query.cancel()
        self._db, self._failures, self._pending = db, 0, False
        self._retry.stop()
        self._pace.stop()
        self._started_at = self._took = 0.0
        if db is None:
            self._safety.stop()
            self._stall.stop()
            return
        self._safety.start()
        self.request()

    def request(self) -> None:
        """Take a snapshot soon: now, after the one in flight, or at the planned retry."""
        if self._db is None:
            return
        if self.in_flight or self._retry.isActive() or self._pace.isActive():
            self._pending = True
            return
        self._start_paced()

    def refresh_now(self) -> None:
        """F5 and reconnects: skip the back-off wait and the pace."""
        self._retry.stop()
        self._pace.stop()
        self._unpaced = True  # the next start, now or after the one in flight
        self.request()

    def _start_paced(self) -> None:
        """Start now, or when the pace since the last snapshot's start has run out."""
        wait_s = self._started_at + self._gap_s() - time.monotonic()
        if wait_s > 0 and not self._unpaced:
            self._pending = True
            self._pace.start(max(1, round(wait_s * 1000)))
        else:
            self._start()

    def _gap_s(self) -> float:
        spaced = max(self._pace_ms / 1000, self._took * (1 + self._busy_share))
        return min(spaced, max(self._pace_ms, PACE_MAX_MS) / 1000)

    @property
    def in_flight(self) -> bool:
        """A snapshot is being taken (perhaps from a database no longer shown)."""
        return self._query.running > 0

    def waiting_retry(self) -> bool:
        return self._retry.isActive()

    def _start(self) -> None:
        db = self._db
        if db is None or self.in_flight or self._workers.closing:
            return
        self._pending = self._unpaced = False
        self._pace.stop()
        self._started_at = time.monotonic()
        self._stall.start()
        self._query.run(self._make_op(db), on_success=self._delivered, on_failure=self._failed)

    def _answered(self) -> None:
        self._took = time.monotonic() - self._started_at
        self._stall.stop()
        if self._safety.isActive():
            self._safety.start()  # the next safety refresh counts from this one

    def _delivered(self, result: Any) -> None:
        self._answered()
        self._failures = 0
        self.delivered.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._answered()
        if is_connection_error(exc):
            delay = self._backoff[min(self._failures, len(self._backoff) - 1)]
            self._failures += 1
            self._retry.start(int(delay * 1000))
            self.failed.emit(exc, float(delay))
        else:
            self.failed.emit(exc, 0.0)

    def _settled(self) -> None:
        """A snapshot came back (delivered, or dropped as from another database): the next."""
        self._stall.stop()
        if self._pending and not self._retry.isActive() and not self._pace.isActive():
            self._start_paced()

    def stop(self) -> None:
        """Before the window's workers shut down: no timer left, no result wanted."""
        self.set_database(None)
