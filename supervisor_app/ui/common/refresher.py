"""Fetch a view's data on a worker: at most one fetch in flight, later requests coalesced.

A live view is asked to refresh on every change notification, which can come
faster than a query over a network answers. Piling up queries would only load
the database and deliver stale answers in a burst; instead requests made while a
fetch runs collapse into one more fetch after it. Requests made in the same turn
of the event loop (``set_filter`` then ``refresh``) collapse too, through a
zero-delay timer. An answer for an old database or old parameters is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

from supervisor_app.ui.common.workers import Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

# Given the database, on the GUI thread: the call to run on the worker, with today's parameters.
MakeOp = Callable[["Database"], Callable[[], Any]]


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
        self._generation = 0
        self._in_flight = False
        self._pending = False
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
        self._generation += 1
        self.request()

    def request(self) -> None:
        if self._db is None or self._workers.closing:
            return
        if self._in_flight:
            self._pending = True
        else:
            self._kick.start()

    def busy(self) -> bool:
        return self._in_flight or self._kick.isActive()

    def stop(self) -> None:
        self._kick.stop()
        self._pending = False

    def _start(self) -> None:
        db = self._db
        if self._in_flight or db is None or self._workers.closing:
            return
        self._in_flight = True
        self._pending = False
        generation = self._generation
        call = self._make_op(db)
        self._workers.run(
            lambda _report: call(),
            on_success=lambda value: self._done(generation, value, None),
            on_failure=lambda exc: self._done(generation, None, exc),
        )

    def _done(self, generation: int, value: Any, exc: BaseException | None) -> None:
        if not isValid(self):  # the view was deleted while the query ran
            return
        self._in_flight = False
        current = generation == self._generation
        if current and exc is None:
            self._on_data(value)
        elif current and exc is not None:
            self._on_error(exc)
        if self._pending:
            self.request()
