"""Window fixtures for the ui tests: every window is closed, and checked to have stopped
its threads, timers and child processes, before the test ends (after napari's
``_dangling_qthreads``)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.shell import MainWindow

HERE = Path(__file__).resolve().parent

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def assert_stopped(window: MainWindow) -> None:
    """Everything the window started is gone once it is closed."""
    assert window.workers.closing
    assert not window.workers.busy()
    assert window.session._watcher is None
    assert window.session.db is None
    if window.demo is not None and window.demo.simulator is not None:
        assert not window.demo.simulator.is_running()
    active = [t for t in window.findChildren(QTimer) if t.isActive()]
    assert not active, f"timers still running after close: {active}"


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[..., MainWindow]]:
    """``make_window(url, **kwargs)``: a shown MainWindow, closed and checked at teardown."""
    windows: list[MainWindow] = []

    def make(url: str | None, **kwargs: Any) -> MainWindow:
        window = MainWindow(url, **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.close()
        assert_stopped(window)


@pytest.fixture
def workers(qtbot: QtBot) -> Iterator[Workers]:
    pool = Workers()
    yield pool
    pool.shutdown()


@pytest.fixture
def settle(qtbot: QtBot) -> Callable[[MainWindow], str]:
    """``settle(window)``: wait until opening the database succeeded or failed; the state."""

    def wait(window: MainWindow, timeout: int = 20_000) -> str:
        qtbot.waitUntil(lambda: window.status.state() in ("connected", "error"), timeout=timeout)
        return window.status.state()

    return wait


@pytest.fixture
def sleeper() -> list[str]:
    """A harmless long-running child standing in for the simulator process."""
    return list(SLEEPER)
