"""The Live tab's refreshes are paced: change notifications never make a console refresh
back to back, a console spaces its snapshots out as they slow, and F5 is never held."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.workers import Op, Workers
from supervisor_app.ui.live.refresh.snapshot_refresher import SnapshotRefresher

DB: Any = object()  # the refresher only hands it to the op


class Recorder:
    """An op maker whose op notes when it started and takes ``seconds`` to answer."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.starts: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, _db: object) -> Op[int]:
        def op(_report: object) -> int:
            with self.lock:
                self.starts.append(time.monotonic())
                n = len(self.starts)
            time.sleep(self.seconds)
            return n

        return op

    @property
    def calls(self) -> int:
        with self.lock:
            return len(self.starts)

    def gaps(self) -> list[float]:
        with self.lock:
            return [b - a for a, b in itertools.pairwise(self.starts)]


@pytest.fixture
def make(qtbot: QtBot) -> Iterator[Callable[..., tuple[SnapshotRefresher, Recorder]]]:
    made: list[tuple[SnapshotRefresher, Workers]] = []

    def build(seconds: float = 0.0, **kwargs: Any) -> tuple[SnapshotRefresher, Recorder]:
        workers, recorder = Workers(), Recorder(seconds)
        refresher = SnapshotRefresher(workers, recorder, safety_ms=60_000, **kwargs)
        made.append((refresher, workers))
        with qtbot.waitSignal(refresher.delivered, timeout=5000):
            refresher.set_database(DB)
        return refresher, recorder

    yield build
    for refresher, workers in made:
        refresher.stop()
        assert workers.shutdown()


def test_a_stream_of_changes_refreshes_at_the_pace_not_back_to_back(
    qtbot: QtBot, make: Callable[..., tuple[SnapshotRefresher, Recorder]]
) -> None:
    refresher, recorder = make(pace_ms=300, busy_share=0)
    deadline = time.monotonic() + 1.6
    while time.monotonic() < deadline:  # a change every 20 ms, as a busy floor's commits
        refresher.request()
        qtbot.wait(20)
    qtbot.waitUntil(lambda: not refresher.in_flight and not refresher._pending)
    # 1.6 s of changes at a 300 ms pace: the first snapshot, then at most 6 more
    # (1.6 / 0.3 = 5.3, plus the one folding in the changes after the last start).
    assert 4 <= recorder.calls <= 7
    assert min(recorder.gaps()) >= 0.29, recorder.gaps()


def test_a_slow_snapshot_spaces_the_next_one_out(
    qtbot: QtBot, make: Callable[..., tuple[SnapshotRefresher, Recorder]]
) -> None:
    refresher, recorder = make(seconds=0.1, pace_ms=0, busy_share=4)
    refresher.request()
    qtbot.waitUntil(lambda: recorder.calls == 2, timeout=5000)
    # The first took 0.1 s: the next starts no sooner than 0.1 + 4 x 0.1 s after it started.
    assert recorder.gaps()[0] >= 0.49


def test_a_change_after_a_quiet_spell_is_not_held(
    qtbot: QtBot, make: Callable[..., tuple[SnapshotRefresher, Recorder]]
) -> None:
    refresher, recorder = make(pace_ms=300, busy_share=0)
    qtbot.wait(350)
    asked = time.monotonic()
    refresher.request()
    qtbot.waitUntil(lambda: recorder.calls == 2, timeout=5000)
    assert recorder.starts[1] - asked < 0.15


def test_f5_is_never_paced(
    qtbot: QtBot, make: Callable[..., tuple[SnapshotRefresher, Recorder]]
) -> None:
    refresher, recorder = make(pace_ms=5_000, busy_share=0)
    refresher.request()  # held by the pace: five seconds
    qtbot.wait(50)
    assert recorder.calls == 1
    asked = time.monotonic()
    refresher.refresh_now()
    qtbot.waitUntil(lambda: recorder.calls == 2, timeout=2000)
    assert recorder.starts[1] - asked < 0.5
    qtbot.wait(200)
    assert recorder.calls == 2, "the held request was folded into F5's snapshot"


def test_a_very_slow_snapshot_holds_the_next_one_back_two_seconds_at_most(
    qtbot: QtBot, make: Callable[..., tuple[SnapshotRefresher, Recorder]]
) -> None:
    refresher, recorder = make(seconds=0.4, pace_ms=0, busy_share=9)  # 9 x 0.4 s: 3.6 s
    recorder.seconds = 0.0
    refresher.request()
    qtbot.waitUntil(lambda: recorder.calls == 2, timeout=5000)
    assert 1.9 <= recorder.gaps()[0] <= 2.6, recorder.gaps()


def test_f5_during_a_snapshot_runs_next_and_the_pace_after_it_is_as_before(
    qtbot: QtBot, make: Callable[..., tuple[SnapshotRefresher, Recorder]]
) -> None:
    refresher, recorder = make(seconds=0.2, pace_ms=400, busy_share=0)
    refresher.request()  # paced: starts 0.4 s after the first
    qtbot.waitUntil(lambda: recorder.calls == 2, timeout=3000)
    refresher.refresh_now()  # while the second is in flight
    qtbot.waitUntil(lambda: recorder.calls == 3, timeout=3000)
    assert recorder.gaps()[1] < 0.3, "F5's snapshot follows the one in flight at once"
    refresher.request()
    qtbot.waitUntil(lambda: recorder.calls == 4, timeout=3000)
    assert 0.39 <= recorder.gaps()[2] < 0.9, "then the pace, not a 2 s wait"
