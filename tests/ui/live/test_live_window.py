"""The Live tab in the real window on real databases: simulated traffic, locks, lost servers."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from daytime import move_sites_to_noon
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from supervisor_app.ingest.simulator import run_live, seed_demo
from supervisor_app.services.database import open_database
from supervisor_app.store.location import sqlite_path
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.shell import MainWindow

MakeWindow = Callable[..., MainWindow]


def seed(url: str) -> str:
    db = open_database(url)
    try:
        seed_demo(db, days=1, agents=12, queues=3, seed=3)
    finally:
        db.close()
    return url


@pytest.fixture
def demo_sqlite(sqlite_url: str) -> str:
    return seed(sqlite_url)


@pytest.fixture
def noon_demo_sqlite(sqlite_url: str) -> str:
    """The demo with its site at about noon now, its history ending two days ago: the
    replay of "today so far" has a morning of traffic at whatever hour the suite runs."""
    db = open_database(sqlite_url)
    try:
        seed_demo(
            db, days=1, agents=12, queues=3, seed=3, until=datetime.now(UTC) - timedelta(days=2)
        )
    finally:
        db.close()
    path = sqlite_path(sqlite_url)
    assert path is not None
    move_sites_to_noon(path)
    return sqlite_url


def opened(qtbot: QtBot, make_window: MakeWindow, url: str, **kwargs: object) -> MainWindow:
    window = make_window(url, **kwargs)
    with qtbot.waitSignal(window.live.refreshed, timeout=30_000):
        pass
    return window


@pytest.fixture
def simulator(sqlite_url: str) -> Iterator[Callable[[], None]]:
    """``start()`` runs the live simulator at 60x on a thread; it is stopped at teardown."""
    stop = threading.Event()
    failures: list[BaseException] = []
    threads: list[threading.Thread] = []
    db = open_database(sqlite_url)

    def target() -> None:
        try:
            run_live(db, speed=60, stop=stop)
        except BaseException as exc:
            failures.append(exc)

    def start() -> None:
        thread = threading.Thread(target=target, name="simulator")
        thread.start()
        threads.append(thread)

    yield start
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "the simulator did not stop"
    db.close()
    assert not failures, failures


def test_simulated_traffic_changes_the_models_without_a_reset(
    qtbot: QtBot,
    make_window: MakeWindow,
    noon_demo_sqlite: str,
    simulator: Callable[[], None],
    model_log: Callable[..., object],
    qtmodeltester,
) -> None:
    window = opened(qtbot, make_window, noon_demo_sqlite)
    live = window.live
    qtmodeltester.check(live.queue_model)
    qtmodeltester.check(live.agent_model)
    queues, agents = model_log(live.queue_model), model_log(live.agent_model)

    def offered() -> list[str]:
        return [live.queue_model.index(r, 7).data() for r in range(live.queue_model.rowCount())]

    before = offered()
    simulator()
    # Replaying today's traffic so far moves "offered today" and the agents' states.
    qtbot.waitUntil(
        lambda: offered() != before and {"dataChanged"} <= agents.kinds() & queues.kinds(),
        timeout=60_000,
    )
    refreshes: list[object] = []
    live.refreshed.connect(refreshes.append)
    qtbot.waitUntil(lambda: len(refreshes) >= 3, timeout=30_000)
    for log in (queues, agents):
        assert "modelReset" not in log.kinds()
    assert live.queue_model.rowCount() == 4 and live.agent_model.rowCount() == 12


def test_a_writer_holding_the_sqlite_file_does_not_freeze_the_window(
    qtbot: QtBot, make_window: MakeWindow, demo_sqlite: str
) -> None:
    window = opened(qtbot, make_window, demo_sqlite)
    beats: list[float] = []
    heartbeat = QTimer(window)
    heartbeat.setInterval(50)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start()
    path = sqlite_path(demo_sqlite)
    assert path is not None
    writer = sqlite3.connect(path, isolation_level=None, timeout=1)
    try:
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("UPDATE sites SET name = name")
        locked_at = time.monotonic()
        for _ in range(3):
            window.live.refresh_now()
            qtbot.wait(500)
        held = time.monotonic() - locked_at
    finally:
        writer.execute("COMMIT")
        writer.close()
    heartbeat.stop()
    during = [b for b in beats if b >= locked_at]
    assert len(during) >= held / 0.05 * 0.5, "the GUI thread kept running while the file was locked"
    gaps = [b - a for a, b in pairwise(during)]
    assert max(gaps) < 1.0, "no event-loop stall of a second or more"
    with qtbot.waitSignal(window.live.refreshed, timeout=10_000):
        window.live.refresh_now()
    assert not window.live.ui.banner.isVisible()
    assert window.live.agent_model.rowCount() == 12


@pytest.mark.pg
def test_postgresql_backends_killed_banner_then_reconnect(
    qtbot: QtBot, make_window: MakeWindow, pg_url: str
) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    window = opened(qtbot, make_window, seed(pg_url))
    live = window.live
    qtbot.waitUntil(lambda: window.status.state() == "connected", timeout=10_000)
    rows = live.agent_model.rowCount()
    stale: list[bool] = []
    live.freshness.stale_changed.connect(stale.append)
    conninfo = make_url(pg_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    assert killed and killed[0] >= 1
    qtbot.waitUntil(lambda: True in stale, timeout=15_000)
    assert live.agent_model.rowCount() == rows, "the last data stay on screen"
    assert live.queue_model.rowCount() == 4
    qtbot.waitUntil(lambda: stale[-1] is False, timeout=30_000)
    with qtbot.waitSignal(live.refreshed, timeout=15_000):
        pass
    assert not live.ui.banner.isVisible()
    assert live.agent_model.rowCount() == rows


def test_the_agent_board_layout_survives_closing_the_window(
    qtbot: QtBot, make_window: MakeWindow, demo_sqlite: str, tmp_path: Path
) -> None:
    settings = WindowSettings(tmp_path / "window.ini")
    window = opened(qtbot, make_window, demo_sqlite, settings=settings)
    header = window.live.ui.agent_view.horizontalHeader()
    header.moveSection(header.visualIndex(6), 1)
    header.resizeSection(0, 222)
    window.close()

    again = opened(qtbot, make_window, demo_sqlite, settings=settings)
    header = again.live.ui.agent_view.horizontalHeader()
    assert header.visualIndex(6) == 1
    assert header.sectionSize(0) == 222
