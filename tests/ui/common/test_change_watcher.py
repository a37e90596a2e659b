"""The change-watcher thread: changes with their time, reconnect with backoff, clean stop."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.change_watcher import ChangeWatcher, database_listener


class FlakyListener:
    """Fails to open ``failures`` times (a server restarting), then reports one change."""

    opened = 0
    failures = 1

    def __init__(self) -> None:
        self._sent = False

    def open(self) -> None:
        FlakyListener.opened += 1
        if FlakyListener.opened <= FlakyListener.failures:
            raise ConnectionError("server closed the connection unexpectedly\n\tdetail line")

    def wait(self, timeout: float) -> set[str]:
        if not self._sent:
            self._sent = True
            return {"contacts", "agent_state_spans"}
        time.sleep(timeout)
        return set()

    def close(self) -> None:
        pass


@pytest.fixture
def watcher_factory() -> Iterator[list[ChangeWatcher]]:
    made: list[ChangeWatcher] = []
    yield made
    for watcher in made:
        watcher.stop()
        assert not watcher.isRunning()


def test_reconnects_after_a_failure_then_reports_changes(
    qtbot: QtBot, watcher_factory: list[ChangeWatcher]
) -> None:
    FlakyListener.opened = 0
    watcher = ChangeWatcher(FlakyListener, poll_seconds=0.05, backoff=[0.05])
    watcher_factory.append(watcher)
    events: list[tuple[str, tuple[object, ...]]] = []
    for name in ("connection_lost", "connecting", "connected", "changed"):
        getattr(watcher, name).connect(lambda *args, n=name: events.append((n, args)))
    with qtbot.waitSignals(
        [watcher.connection_lost, watcher.connecting, watcher.connected, watcher.changed],
        order="strict",
        timeout=5_000,
    ):
        watcher.start()
    assert [name for name, _args in events] == [
        "connection_lost",
        "connecting",
        "connected",
        "changed",
    ]
    assert events[0][1] == ("server closed the connection unexpectedly", 0.05)
    tables, when = events[3][1]
    assert tables == frozenset({"contacts", "agent_state_spans"})
    assert when.tzinfo is UTC and abs(datetime.now(UTC) - when) < timedelta(seconds=5)


def test_backoff_grows_and_stops_at_its_last_step(
    qtbot: QtBot, watcher_factory: list[ChangeWatcher]
) -> None:
    FlakyListener.opened = 0
    FlakyListener.failures = 4
    delays: list[float] = []
    try:
        watcher = ChangeWatcher(FlakyListener, backoff=[0.01, 0.02, 0.04])
        watcher_factory.append(watcher)
        watcher.connection_lost.connect(lambda _e, d: delays.append(d))
        with qtbot.waitSignal(watcher.connected, timeout=5_000):
            watcher.start()
    finally:
        FlakyListener.failures = 1
    assert delays == [0.01, 0.02, 0.04, 0.04]


def test_stop_interrupts_a_long_backoff(qtbot: QtBot) -> None:
    FlakyListener.opened = 0
    FlakyListener.failures = 100
    try:
        watcher = ChangeWatcher(FlakyListener, backoff=[60])
        with qtbot.waitSignal(watcher.connection_lost, timeout=5_000):
            watcher.start()
        begun = time.monotonic()
        watcher.stop()
    finally:
        FlakyListener.failures = 1
    assert not watcher.isRunning()
    assert time.monotonic() - begun < 2


def test_real_listener_sees_another_connection_write(
    qtbot: QtBot, watcher_factory: list[ChangeWatcher], db_url: str
) -> None:
    from supervisor_app.services.database import open_database
    from supervisor_app.store.changes import announce
    from supervisor_app.store.models import Site

    db = open_database(db_url)
    writer = open_database(db_url)
    try:
        watcher = ChangeWatcher(database_listener(db), poll_seconds=0.2)
        watcher_factory.append(watcher)
        with qtbot.waitSignal(watcher.connected, timeout=10_000):
            watcher.start()
        with (
            qtbot.waitSignal(watcher.changed, timeout=10_000) as blocker,
            writer.sessions.begin() as session,
        ):
            session.add(Site(name="South", timezone="America/Chicago"))
            session.flush()
            announce(session.connection(), ["sites"])
        tables, _when = blocker.args
        assert tables == ({"sites"} if db.dialect == "postgresql" else {"*"})
        watcher.stop()
    finally:
        writer.close()
        db.close()


class BusyFeed:
    """A floor committing every 10 ms: each read finds one more table changed."""

    def __init__(self) -> None:
        self.reads = 0

    def open(self) -> None:
        pass

    def wait(self, timeout: float) -> set[str]:
        time.sleep(0.01)
        self.reads += 1
        return {f"t{self.reads}"}

    def close(self) -> None:
        pass


def test_a_busy_feed_is_read_in_bursts_a_settle_time_apart(
    qtbot: QtBot, watcher_factory: list[ChangeWatcher]
) -> None:
    feed = BusyFeed()
    watcher = ChangeWatcher(lambda: feed, settle_s=0.2)
    watcher_factory.append(watcher)
    bursts: list[tuple[float, frozenset[str]]] = []
    watcher.changed.connect(lambda tables, _at: bursts.append((time.monotonic(), tables)))
    started = time.monotonic()
    watcher.start()
    qtbot.wait(1000)
    watcher.stop()
    # One read per 0.01 + 0.2 s: about five in a second, not a hundred.
    assert 3 <= len(bursts) <= 6, len(bursts)
    assert bursts[0][0] - started < 0.15, "the first change goes out at once"
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(bursts)]
    assert min(gaps) >= 0.19
