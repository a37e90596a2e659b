"""``gui --demo``: seed an empty database with progress, then run the simulator beside it."""

from __future__ import annotations

import time
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from supervisor_app.ui.shell import MainWindow
from supervisor_app.ui.shell.demo import DemoPlan, seed_demo_if_empty

TINY = DemoPlan(days=1, agents=6, queues=2, seed=3)


def test_seeds_an_empty_database_once(sqlite_url: str) -> None:
    from supervisor_app.services.database import has_demo_data, open_database

    db = open_database(sqlite_url)
    try:
        reports: list[float] = []
        summary = seed_demo_if_empty(db, reports.append, TINY)
        assert summary is not None
        assert has_demo_data(db)
        assert reports and reports == sorted(reports) and reports[0] >= 0 and reports[-1] <= 1
        assert seed_demo_if_empty(db, reports.append, TINY) is None
    finally:
        db.close()


def test_demo_window_seeds_with_progress_then_starts_the_simulator(
    make_window: Callable[..., MainWindow], sqlite_url: str, sleeper: list[str], qtbot: QtBot
) -> None:
    window = make_window(sqlite_url, demo=TINY, simulator=lambda: sleeper)
    assert window.demo is not None
    progress: list[float] = []
    bar_seen: list[bool] = []
    window.demo.progress.connect(progress.append)
    window.demo.progress.connect(lambda _f: bar_seen.append(window.status.progress_visible()))
    with qtbot.waitSignal(window.demo.simulator_started, timeout=120_000):
        pass
    assert progress and all(bar_seen)
    assert not window.status.progress_visible()
    assert window.status.simulator_text() == "simulator running"
    assert not window.banner.isVisible()


def test_the_real_simulator_runs_until_the_window_closes(
    make_window: Callable[..., MainWindow], sqlite_url: str, qtbot: QtBot
) -> None:
    from supervisor_app.services.database import open_database

    db = open_database(sqlite_url)
    try:
        seed_demo_if_empty(db, lambda _f: None, TINY)
    finally:
        db.close()
    window = make_window(sqlite_url, demo=TINY)
    assert window.demo is not None
    exits: list[str] = []
    window.demo.simulator_exited.connect(exits.append)
    with qtbot.waitSignal(window.demo.simulator_started, timeout=60_000):
        pass
    qtbot.wait(2_000)  # long enough to import, connect and start writing (or to crash)
    assert exits == [], exits
    assert window.status.simulator_text() == "simulator running"
    simulator = window.demo.simulator
    assert simulator is not None
    begun = time.monotonic()
    window.close()
    assert not simulator.is_running()
    assert time.monotonic() - begun < 5, "the simulator ignored SIGTERM and had to be killed"
