"""Newest request wins: a superseded answer is dropped, and a panel keeps one fetch in flight."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.latest_query import LatestQuery
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.workers import Op, Report, Workers


def held(answer: Any, gate: threading.Event) -> Op[Any]:
    """An op that returns ``answer`` once ``gate`` opens."""

    def op(_report: Report) -> Any:
        assert gate.wait(10)
        return answer

    return op


def test_only_the_newest_answer_is_delivered(qtbot: QtBot, workers: Workers) -> None:
    query = LatestQuery(workers)
    busy: list[bool] = []
    query.busy_changed.connect(busy.append)
    got: list[Any] = []
    first, second = threading.Event(), threading.Event()
    query.run(held("old", first), on_success=got.append, on_failure=got.append)
    query.run(held("new", second), on_success=got.append, on_failure=got.append)
    assert query.busy and query.running == 2
    second.set()
    qtbot.waitUntil(lambda: got == ["new"])
    assert not query.busy
    first.set()
    qtbot.waitUntil(lambda: query.running == 0)
    assert got == ["new"] and query.dropped == 1
    assert busy == [True, False]


def test_a_cancelled_failure_is_dropped_too(qtbot: QtBot, workers: Workers) -> None:
    query = LatestQuery(workers)
    settled: list[int] = []
    query.settled.connect(lambda: settled.append(query.running))
    errors: list[BaseException] = []

    def broken(_report: Report) -> None:
        raise RuntimeError("too late to matter")

    query.run(broken, on_success=lambda _v: None, on_failure=errors.append)
    query.cancel()
    assert not query.busy
    qtbot.waitUntil(lambda: settled == [0])
    assert errors == [] and query.dropped == 1


def test_requests_during_a_fetch_become_one_more_fetch(qtbot: QtBot, workers: Workers) -> None:
    gate = threading.Event()
    calls: list[int] = []

    def make_op(_db: Any) -> Callable[[Report], int]:
        def op(_report: Report) -> int:
            calls.append(len(calls))
            assert gate.wait(10)
            return len(calls)

        return op

    data: list[int] = []
    refresher = Refresher(workers, make_op, data.append, lambda exc: None)
    refresher.set_database(object())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: calls == [0])
    for _ in range(5):
        refresher.request()
    gate.set()
    qtbot.waitUntil(lambda: not refresher.busy() and len(data) == 2)
    assert calls == [0, 1] and data == [1, 2]
