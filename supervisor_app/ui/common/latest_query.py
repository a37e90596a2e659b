"""Run one query at a time per view; a newer request makes the one in flight irrelevant.

``Workers`` can't stop a statement a database is already running, so a
superseded query is left to finish on its thread and its result is dropped:
each request gets a number, and only the newest number's answer is
delivered. ``busy`` says whether an answer is still awaited, for the spinner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from supervisor_app.ui.common.workers import Report, Workers

T = TypeVar("T")


class LatestQuery(QObject):
    busy_changed = Signal(bool)

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._generation = 0
        self._pending = False
        self.dropped = 0  # answers that arrived after a newer request (for tests and logs)

    @property
    def busy(self) -> bool:
        return self._pending

    def run(
        self,
        op: Callable[[Report], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Start ``op``; any answer still awaited from an earlier ``run`` will be dropped."""
        self._generation += 1
        mine = self._generation
        self._set_pending(True)

        def success(value: Any) -> None:
            if self._deliverable(mine):
                on_success(value)

        def failure(exc: BaseException) -> None:
            if self._deliverable(mine):
                on_failure(exc)

        self._workers.run(op, on_success=success, on_failure=failure)

    def cancel(self) -> None:
        """Forget the answer in flight (if any)."""
        self._generation += 1
        self._set_pending(False)

    def _deliverable(self, generation: int) -> bool:
        if generation != self._generation:
            self.dropped += 1
            return False
        self._set_pending(False)
        return True

    def _set_pending(self, pending: bool) -> None:
        if pending != self._pending:
            self._pending = pending
            self.busy_changed.emit(pending)
