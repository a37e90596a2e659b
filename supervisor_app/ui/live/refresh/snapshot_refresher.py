"""The Live tab's refresh pipeline: snapshots on a worker, coalesced, with backoff.

At most one snapshot is in flight; a request that arrives meanwhile (a burst of
change notifications) becomes exactly one more after it, and a snapshot taken
from a database no longer shown is dropped (``LatestQuery``: newest request
wins). A slow safety refresh covers lost notifications. A snapshot that fails
for want of a connection is retried with growing back-off, and requests wait for
that retry instead of hammering a database that is down. A snapshot that takes
too long is reported as stalled (the window stays usable; the banner says the
data is getting old).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from supervisor_app.ui.common.change_watcher import BACKOFF_SECONDS
from supervisor_app.ui.common.latest_query import LatestQuery
from supervisor_app.ui.common.workers import Op, Workers
from supervisor_app.ui.live.refresh.connection import is_connection_error

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

MakeOp = Callable[["Database"], Op[Any]]
SAFETY_MS = 5_000
STALL_MS = 4_000


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

    def set_database(self, db: Database | None) -> None:
        """A new database (or None): forget the old one's work, take a snapshot now."""
        self._query.cancel()
        self._db, self._failures, self._pending = db, 0, False
        self._retry.stop()
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
        if self.in_flight or self._retry.isActive():
            self._pending = True
            return
        self._start()

    def refresh_now(self) -> None:
        """F5 and reconnects: skip the back-off wait."""
        self._retry.stop()
        self.request()

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
        self._pending = False
        self._stall.start()
        self._query.run(self._make_op(db), on_success=self._delivered, on_failure=self._failed)

    def _answered(self) -> None:
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
        if self._pending and not self._retry.isActive():
            self._start()

    def stop(self) -> None:
        """Before the window's workers shut down: no timer left, no result wanted."""
        self.set_database(None)
