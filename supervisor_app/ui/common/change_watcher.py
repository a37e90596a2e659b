"""A thread that waits on the change feed and tells the GUI which tables changed, and when.

``ChangeListener.wait`` blocks (LISTEN on PostgreSQL, a ``data_version`` poll on
SQLite), so it gets a thread of its own. When the connection drops the thread
says so, waits with growing backoff, reconnects and says that too: the views
then reload in full, because notifications sent while away are lost by design.

A busy floor commits many times a second, and every wake-up to read a
notification costs about a millisecond of the console's CPU (psycopg's
``notifies``): twenty a second, times fifty consoles on one machine, was more
than half of a 2-core box before any refresh ran (``bench_scale``). So after
telling the GUI of a burst the thread lets ``settle_s`` pass before it reads
again, and whatever arrived meanwhile goes out as one burst. The first change
after a quiet spell goes out at once; the Live tab paces its refreshes at
half a second anyway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QThread, Signal

from supervisor_app.ui.common.failures import first_line

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

log = logging.getLogger(__name__)

BACKOFF_SECONDS: tuple[float, ...] = (1, 2, 5, 10, 30)
SETTLE_SECONDS = 0.2


class Listener(Protocol):
    def open(self) -> None: ...
    def wait(self, timeout: float) -> set[str]: ...
    def close(self) -> None: ...


def database_listener(db: Database) -> Callable[[], Listener]:
    """The real listener for an open database (imported on the watcher's own thread)."""

    def make() -> Listener:
        from supervisor_app.store.changes import ChangeListener

        return ChangeListener(db.engine, db.barrier)

    return make


class ChangeWatcher(QThread):
    """Emits ``changed(tables, when)``; ``connection_lost(error, retry_in_s)``; ``connected()``."""

    changed = Signal(object, object)  # frozenset[str], aware UTC datetime
    connected = Signal()
    connecting = Signal()
    connection_lost = Signal(str, float)

    def __init__(
        self,
        make_listener: Callable[[], Listener],
        *,
        poll_seconds: float = 0.5,
        backoff: Sequence[float] = BACKOFF_SECONDS,
        settle_s: float = SETTLE_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_listener = make_listener
        self._poll_seconds = poll_seconds
        self._backoff = tuple(backoff)
        self._settle_s = settle_s
        self._stop = threading.Event()

    def run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            if failures:
                self.connecting.emit()
            listener: Listener | None = None
            try:
                listener = self._make_listener()
                listener.open()
                self.connected.emit()
                failures = 0
                self._listen(listener)
            except Exception as exc:
                delay = self._backoff[min(failures, len(self._backoff) - 1)]
                failures += 1
                log.info("change feed lost (%s); retrying in %s s", exc, delay)
                self.connection_lost.emit(first_line(exc), float(delay))
                self._stop.wait(delay)
            finally:
                if listener is not None:
                    _close_quietly(listener)

    def _listen(self, listener: Listener) -> None:
        while not self._stop.is_set():
            tables = listener.wait(self._poll_seconds)
            if tables and not self._stop.is_set():
                self.changed.emit(frozenset(tables), datetime.now(UTC))
                self._stop.wait(self._settle_s)  # the next burst's notifications queue up

    def stop(self) -> None:
        """Ask the loop to end and wait for it: at most one poll interval."""
        self._stop.set()
        self.wait()


def _close_quietly(listener: Listener) -> None:
    try:
        listener.close()
    except Exception as exc:  # the connection is already gone; nothing to tell anyone
        log.debug("closing the change listener failed: %s", exc)
