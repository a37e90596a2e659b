"""The background-op helper: results, errors and progress arrive on the GUI thread."""

from __future__ import annotations

import threading
import time
from typing import Any

from pytestqt.qtbot import QtBot

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.ui.common.workers import OperationCancelled, Report, Workers


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, workers: Workers) -> None:
    seen: dict[str, Any] = {}

    def op(_report: Report) -> int:
        seen["op_thread"] = threading.current_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback_thread"] = threading.current_thread()

    workers.run(op, on_success=done, on_failure=lambda exc: seen.setdefault("error", exc))
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["op_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()
    assert "error" not in seen
    qtbot.waitUntil(lambda: not workers.busy())


def test_error_arrives_as_the_exception(qtbot: QtBot, workers: Workers) -> None:
    errors: list[BaseException] = []

    def op(_report: Report) -> None:
        raise DatabaseError("can't connect to db.example: timeout")

    workers.run(op, on_success=lambda _v: None, on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], DatabaseError)
    assert errors[0].__traceback__ is not None


def test_progress_arrives_in_order_before_the_result(qtbot: QtBot, workers: Workers) -> None:
    events: list[object] = []

    def op(report: Report) -> str:
        for step in range(5):
            report(step / 4)
        return "done"

    workers.run(op, on_success=events.append, on_failure=events.append, on_progress=events.append)
    qtbot.waitUntil(lambda: "done" in events)
    assert events == [0.0, 0.25, 0.5, 0.75, 1.0, "done"]


def test_shutdown_cancels_a_long_op_and_drops_its_callbacks(qtbot: QtBot) -> None:
    pool = Workers()
    started = threading.Event()
    outcome: list[BaseException] = []
    calls: list[object] = []

    def op(report: Report) -> None:
        started.set()
        try:
            while True:
                report(0.5)
                time.sleep(0.01)
        except OperationCancelled as exc:
            outcome.append(exc)
            raise

    pool.run(op, on_success=calls.append, on_failure=calls.append, on_progress=lambda _f: None)
    assert started.wait(5)
    begun = time.monotonic()
    assert pool.shutdown(timeout_ms=5_000)
    assert time.monotonic() - begun < 2
    assert outcome and isinstance(outcome[0], OperationCancelled)
    qtbot.wait(50)
    assert calls == []
