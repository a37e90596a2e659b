"""The status bar's words: connection states, the retry countdown, the last change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.ui.shell.status_bar import StatusBar


@pytest.fixture
def bar(qtbot: QtBot) -> Iterator[StatusBar]:
    widget = StatusBar()
    qtbot.addWidget(widget)
    yield widget
    widget.stop_timers()


def test_starts_connecting_with_no_change_seen(bar: StatusBar) -> None:
    assert (bar.state(), bar.state_text()) == ("connecting", "connecting…")
    assert bar.last_change_text() == "no changes seen yet"
    assert not bar.progress_visible()


def test_connection_lost_counts_down_then_connected_stops_the_count(
    bar: StatusBar, qtbot: QtBot
) -> None:
    bar.set_connection_lost("server closed the connection unexpectedly", 3)
    assert bar.state() == "lost"
    assert bar.state_text() == "connection lost, retrying in 3 s"
    qtbot.waitUntil(lambda: bar.state_text() == "connection lost, retrying in 2 s", timeout=3_000)
    bar.set_connected()
    assert bar.state_text() == "connected"
    assert not bar._countdown.isActive()


def test_last_change_is_local_time(bar: StatusBar) -> None:
    when = datetime(2024, 3, 5, 13, 3, 27, tzinfo=UTC)
    bar.set_last_change(when)
    assert bar.last_change_text() == f"last change {when.astimezone():%H:%M:%S}"


def test_error_text_and_progress(bar: StatusBar) -> None:
    bar.set_error("can't connect to postgresql+psycopg://u:***@db/x: timeout")
    assert bar.state() == "error"
    assert bar.state_text().endswith("timeout")
    bar.show_progress("Seeding demo history…", 0.42)
    assert bar.progress_visible()
    assert bar.findChild(object, "progressLabel").text() == "Seeding demo history… 42%"
    bar.hide_progress()
    assert not bar.progress_visible()
