"""Fetch a panel's data on a worker: at most one fetch in flight, later requests coalesced.

A live panel is asked to refresh on every change notification, which can come
faster than a query over a network answers. Piling up queries would only load
the database and deliver stale answers in a burst; instead requests made while a
fetch runs collapse into one more fetch after it. Requests made in the same turn
of the event loop (``set_filter`` then ``refresh``) collapse too, through a
zero-delay timer. An answer for an old database or old parameters is dropped
(``LatestQuery``: newest request wins).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from supervisor_app.ui.common.latest_query import LatestQuery
from supervisor_app.ui.common.workers import Op, Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

# Given the database, on the GUI thread: the op to run on the worker, with today's parameters.
MakeOp = Callable[["Database"], Op[Any]]


class Refresher(QObject):
    def __init__(
        self,
        workers: Workers,
        make_op: MakeOp,
        on_data: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self._make_op = make_op
        self._on_data = on_data
        self._on_error = on_error
        self._db: Database | None = None
        self._pending = False
        self._query = LatestQuery(workers, self)
        self._query.settled.connect(self._settled)
        self._kick = QTimer(self)
        self._kick.setSingleShot(True)
        self._kick.setInterval(0)
        self._kick.timeout.connect(self._start)

    @property
    def db(self) -> Database | None:
        return self._db

    def set_database(self, db: Database | None) -> None:
        """A new database: forget answers from the old one, and fetch again."""
        self._db = db
        self.invalidate()

    def invalidate(self) -> None:
        """The parameters changed: an answer already on its way is dropped, a new fetch follows."""
        self._query.cancel()
        self.request()

    def request(self) -> None:
        if self._db is None or self._workers.closing:
            return
        if self._query.running:
            self._pending = True
        else:
            self._kick.start()

    def busy(self) -> bool:
        return bool(self._query.running) or self._kick.isActive()

    def stop(self) -> None:
        self._kick.stop()
        self._pending = False

    def _start(self) -> None:
        db = self._db
        if self._query.running or db is None or self._workers.closing:
            return
        self._pending = False
        self._query.run(self._make_op(db), on_success=self._on_data, on_failure=self._on_error)

    def _settled(self) -> None:
        if self._pending:
            self.request()
