"""Run a service call off the GUI thread; get its result, or its error, back on the GUI thread.

After Anki's ``QueryOp`` and Picard's thread helper: the op is a plain callable
that talks to services and returns plain data. It makes no UI calls (Qt widgets
may only be touched from the GUI thread); the callbacks do, and they run on the
GUI thread because the signals that carry them are queued across threads.

Every op has one signature, ``Op``: it takes a ``report(fraction)`` callable
(thread-safe: it forwards progress to ``on_progress`` and, once the owner shuts
down, raises ``OperationCancelled`` so a long op such as seeding a demo stops at
its next report instead of holding the window open) and returns its result. An
op with no progress to tell simply leaves ``report`` unused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
Report = Callable[[float], None]
# What ``Workers.run`` runs: ``op(report)`` on a pool thread; its result goes to on_success.
Op = Callable[[Report], T]


class OperationCancelled(Exception):
    """Raised inside an op by ``report()`` once the window is closing."""


class _Task(QObject, Generic[T]):
    """Lives on the GUI thread; the pool thread only emits its signals."""

    _finished = Signal(bool, object)
    _progressed = Signal(float)

    def __init__(
        self,
        owner: Workers,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[float], None] | None,
    ) -> None:
        super().__init__()
        self._owner = owner
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._finished.connect(self._deliver)
        self._progressed.connect(self._deliver_progress)

    def report(self, fraction: float) -> None:
        """Called on the pool thread by the op."""
        if self._owner.closing:
            raise OperationCancelled("the window is closing")
        self._progressed.emit(float(fraction))

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: Any) -> None:
        self._owner._forget(self)
        if self._owner.closing:
            return
        if ok:
            self._on_success(value)
        else:
            self._on_failure(value)

    @Slot(float)
    def _deliver_progress(self, fraction: float) -> None:
        if self._on_progress is not None and not self._owner.closing:
            self._on_progress(fraction)


class _Runnable(QRunnable):
    def __init__(self, op: Op[Any], task: _Task[Any]) -> None:
        super().__init__()
        self._op = op
        self._task = task

    def run(self) -> None:
        try:
            result = self._op(self._task.report)
        except BaseException as exc:  # delivered to on_failure, never lost in a thread
            self._task._finished.emit(False, exc)
        else:
            self._task._finished.emit(True, result)


class Workers(QObject):
    """A window's own thread pool: run ops, and wait for them when the window closes."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[_Task[Any]] = set()
        self.closing = False

    def run(
        self,
        op: Op[T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[float], None] | None = None,
    ) -> None:
        """Start ``op(report)`` on a pool thread; exactly one callback follows on the GUI thread."""
        if self.closing:
            raise RuntimeError("Workers.run() after shutdown()")
        task: _Task[T] = _Task(self, on_success, on_failure, on_progress)
        self._tasks.add(task)
        self._pool.start(_Runnable(op, task))

    def busy(self) -> bool:
        return bool(self._tasks)

    def _forget(self, task: _Task[Any]) -> None:
        self._tasks.discard(task)

    def shutdown(self, timeout_ms: int = 15_000) -> bool:
        """Cancel what has not started, ask running ops to stop, wait for the threads to exit.

        No callback runs after this. Returns False if an op was still running at the timeout
        (a connect that ignores its own timeout); the thread is then abandoned.
        """
        self.closing = True
        self._pool.clear()
        done = self._pool.waitForDone(timeout_ms)
        if not done:
            log.warning("a background operation did not finish within %d ms", timeout_ms)
        self._tasks.clear()
        return done
