"""The live simulator on both engines: picks up after a seed, writes as it goes, stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from test_seed_invariants import UNTIL, assert_invariants

from supervisor_app.domain.enums import AgentState, Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.simulator import run_live, seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.writers.simulation import (
    Answered,
    Arrived,
    LiveWriter,
    StateChanged,
    read_roster,
)

NEXT_DAY = "2026-03-12 00:00:00+00:00"  # explicit UTC compares right on both engines
SPEED = 1800.0  # two wall seconds are an hour of traffic


LIVE_ROWS = "SELECT COUNT(*) FROM contacts WHERE external_id LIKE 'live-%'"


def _live(db: Database, *, now: datetime, seconds: float = 2.0, until: str = LIVE_ROWS) -> None:
    """Run the live simulator on a thread for ``seconds``, and on until the query ``until``
    gives something true (a busy machine may need longer), then stop it and wait."""
    stop = threading.Event()
    failure: list[BaseException] = []

    def target() -> None:
        try:
            run_live(db, speed=SPEED, stop=stop, now=now)
        except BaseException as exc:  # handed to the test thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    stop.wait(seconds)
    deadline = time.monotonic() + 60
    while thread.is_alive() and time.monotonic() < deadline and not _scalar(db, until):
        time.sleep(0.1)
    stop.set()
    thread.join(timeout=60)
    assert not thread.is_alive(), "run_live did not stop"
    if failure:
        raise failure[0]


def _scalar(db: Database, sql: str) -> object:
    with db.engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


@pytest.fixture
def seeded(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    seed_demo(db, days=2, agents=12, queues=3, seed=5, until=UNTIL)
    yield db
    db.close()


def test_live_run_replays_today_then_stops_cleanly(seeded: Database) -> None:
    shifts_before = _scalar(seeded, "SELECT COUNT(*) FROM shifts")
    _live(seeded, now=UNTIL, until=f"{LIVE_ROWS} HAVING COUNT(*) > 50")

    live = _scalar(seeded, LIVE_ROWS)
    assert isinstance(live, int) and live > 50, "today's traffic so far was replayed"
    first = _scalar(seeded, "SELECT MIN(arrived_at) FROM contacts WHERE external_id LIKE 'live-%'")
    assert str(first) >= "2026-03-04", "the replay starts at today's local midnight"
    # Stopped: nothing in progress, nobody waiting but emails, every agent offline.
    assert (
        _scalar(
            seeded,
            "SELECT COUNT(*) FROM contacts WHERE answered_at IS NOT NULL AND ended_at IS NULL",
        )
        == 0
    )
    assert (
        _scalar(
            seeded,
            "SELECT COUNT(*) FROM contacts c JOIN queues q ON q.id = c.queue_id "
            "WHERE c.ended_at IS NULL AND q.channel <> 'email'",
        )
        == 0
    )
    assert (
        _scalar(
            seeded,
            "SELECT COUNT(*) FROM agent_state_spans WHERE ended_at IS NULL AND state <> 'offline'",
        )
        == 0
    )
    # Today's shifts came from the seed's published week ahead, not generated again.
    assert _scalar(seeded, "SELECT COUNT(*) FROM shifts") == shifts_before
    assert_invariants(seeded)


def test_a_second_run_carries_on_after_the_first(seeded: Database) -> None:
    _live(seeded, now=UNTIL, seconds=1.0)
    last = _scalar(seeded, "SELECT MAX(arrived_at) FROM contacts")
    before = _scalar(seeded, LIVE_ROWS)
    assert isinstance(before, int)
    _live(
        seeded,
        now=UNTIL + timedelta(hours=3),
        seconds=1.0,
        until=f"{LIVE_ROWS} HAVING COUNT(*) > {before}",
    )
    later = _scalar(
        seeded,
        f"SELECT COUNT(*) FROM contacts WHERE external_id LIKE 'live-%' AND arrived_at > '{last}'",
    )
    assert isinstance(later, int) and later > 0
    assert_invariants(seeded)


def test_a_killed_run_is_closed_when_the_next_one_starts(seeded: Database) -> None:
    """Leave a call in progress and one waiting, as a killed run would; the next run ends them."""
    writer = LiveWriter(seeded)
    roster = read_roster(seeded)
    assert roster is not None
    voice = next(q for q in roster.queues if q.channel == "voice")
    agent = next(a for a in roster.agents if any(q == voice.id for q, _ in a.skills))
    shift = writer.day_shifts(roster, UNTIL.timestamp() - 13 * 3600, UNTIL.timestamp() + 11 * 3600)
    assert shift is not None
    mine = next(s for s in shift if s.agent_id == agent.id)
    at = next(
        t
        for t in range(int(mine.starts) + 60, int(mine.ends), 60)
        if not any(a.starts <= t < a.ends for a in mine.activities)
    )
    writer.apply(
        [
            Arrived(1, voice.id, "killed-1", "C1", at - 5.0),
            Answered(1, agent.id, at),
            StateChanged(agent.id, AgentState.ON_CONTACT, None, at),
            Arrived(2, voice.id, "killed-2", "C2", at + 1.0),
        ]
    )
    _live(seeded, now=UNTIL, seconds=1.0)

    with seeded.engine.connect() as conn:
        rows = dict(
            conn.execute(
                text("SELECT external_id, outcome FROM contacts WHERE external_id LIKE 'killed-%'")
            ).all()
        )
    assert rows == {"killed-1": Outcome.ANSWERED.value, "killed-2": Outcome.ABANDONED.value}
    assert_invariants(seeded)


def test_speed_must_be_positive(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        for bad in (0, -1.0, float("nan"), float("inf")):
            with pytest.raises(UserError, match="speed"):
                run_live(db, speed=bad, stop=threading.Event(), now=datetime.now(UTC))
    finally:
        db.close()


def test_new_days_get_shifts_and_forecasts_as_the_clock_reaches_them(seeded: Database) -> None:
    """Past the seed's published week: each day is planned, published, then worked."""
    late = datetime(2026, 3, 11, 23, 40, tzinfo=UTC)  # the week ahead ends on the 10th
    _live(
        seeded,
        now=late,
        seconds=1.5,
        until=f"SELECT COUNT(*) FROM shifts WHERE starts_at >= '{NEXT_DAY}'",
    )
    for day, after in (("2026-03-11", "2026-03-12"), ("2026-03-12", "2026-03-13")):
        # Explicit UTC bounds compare right on both engines (text on SQLite, timestamptz on PG).
        within = f">= '{day} 00:00:00+00:00' AND {{0}} < '{after} 00:00:00+00:00'"
        shifts = _scalar(
            seeded, "SELECT COUNT(*) FROM shifts WHERE starts_at " + within.format("starts_at")
        )
        forecasts = _scalar(
            seeded,
            "SELECT COUNT(*) FROM forecasts WHERE interval_start "
            + within.format("interval_start"),
        )
        assert isinstance(shifts, int) and shifts > 0, day
        assert forecasts == 3 * 96, day
    assert_invariants(seeded)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_run_cleanly(sqlite_url: str, signum: int) -> None:
    db = open_database(sqlite_url)
    seed_demo(db, days=1, agents=6, queues=2, seed=5, until=UNTIL)
    code = (
        "from datetime import datetime, UTC\n"
        "from supervisor_app.services.database import open_database\n"
        "from supervisor_app.ingest.simulator import run_live\n"
        f"run_live(open_database({sqlite_url!r}), speed=600.0, now=datetime.fromisoformat("
        f"{UNTIL.isoformat()!r}))\n"
        "print('stopped', flush=True)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 30
        while not _scalar(db, LIVE_ROWS):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the live run wrote nothing"
            time.sleep(0.1)
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "stopped" in out
    assert (
        _scalar(
            db,
            "SELECT COUNT(*) FROM agent_state_spans WHERE ended_at IS NULL AND state <> 'offline'",
        )
        == 0
    )
    assert_invariants(db)
    db.close()


def test_the_day_that_ends_while_it_runs_is_summarised(seeded: Database) -> None:
    """Started half an hour before local midnight (London is on GMT in early March), the
    simulator keeps the KPI summary of the day that ends within its next hour of
    simulated time, so a report over that day reads it instead of building it."""
    today = UNTIL.date()  # 4 March: the seed's history ends at its start
    kept = f"SELECT COUNT(*) FROM kpi_rollup_days WHERE day = '{today.isoformat()}'"
    assert _scalar(seeded, kept) == 0, "a day that has not ended is never kept"
    before_midnight = datetime(2026, 3, 4, 23, 30, tzinfo=UTC)
    _live(seeded, now=before_midnight, seconds=3.0, until=kept)
    assert _scalar(seeded, kept) == 1
