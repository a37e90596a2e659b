"""Newest request wins: a view's queries run on workers, and only the newest answer is shown.

``Workers`` can't stop a statement a database is already running, so a
superseded query is left to finish on its thread and its answer is dropped:
each request gets a number, and only the newest number's answer is delivered,
and only to a view that still exists. Every view that queries in the
background goes through this one rule, in one of two ways:

- run each request at once (``LatestQuery.run``): the Analytics pages and the
  Reports preview, where a new range makes the old answer worthless at once;
- keep one query in flight and fold the requests made meanwhile into one more
  after it (``refresher.Refresher`` for the panels, the Live tab's
  ``SnapshotRefresher``), where requests come with every change notification,
  faster than a query over a network answers. ``running`` and ``settled`` are
  for these: whether a query (even a dropped one) still holds a worker, and the
  moment one lets go.

``busy`` says whether the newest answer is still awaited, for a spinner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from supervisor_app.ui.common.workers import Op, Workers

T = TypeVar("T")


class LatestQuery(QObject):
    busy_changed = Signal(bool)
    settled = Signal()  # a query finished; its answer was delivered or dropped

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._generation = 0
        self._pending = False
        self._running = 0
        self.dropped = 0  # answers that arrived after a newer request (for tests and logs)

    @property
    def busy(self) -> bool:
        """The newest request's answer is still awaited."""
        return self._pending

    @property
    def generation(self) -> int:
        """The newest request's number: it counts up with every ``run`` and ``cancel``."""
        return self._generation

    @property
    def running(self) -> int:
        """Queries still on a worker thread, superseded ones included."""
        return self._running

    def run(
        self,
        op: Op[T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[float], None] | None = None,
    ) -> None:
        """Start ``op`` now; any answer still awaited from an earlier ``run`` will be dropped
        (and so will its progress reports)."""
        self._generation += 1
        mine = self._generation
        self._running += 1
        self._set_pending(True)
        self._workers.run(
            op,
            on_success=lambda value: self._finish(mine, on_success, value),
            on_failure=lambda exc: self._finish(mine, on_failure, exc),
            on_progress=None
            if on_progress is None
            else lambda fraction: self._progress(mine, on_progress, fraction),
        )

    def _progress(self, generation: int, tell: Callable[[float], None], fraction: float) -> None:
        if isValid(self) and generation == self._generation:
            tell(fraction)

    def cancel(self) -> None:
        """Forget the answer in flight (if any): it will be dropped when it comes."""
        self._generation += 1
        self._set_pending(False)

    def _finish(self, generation: int, deliver: Callable[[Any], None], answer: Any) -> None:
        if not isValid(self):  # the view was deleted while the query ran
            return
        self._running -= 1
        if generation == self._generation:
            self._set_pending(False)
            deliver(answer)
        else:
            self.dropped += 1
        self.settled.emit()

    def _set_pending(self, pending: bool) -> None:
        if pending != self._pending:
            self._pending = pending
            self.busy_changed.emit(pending)
