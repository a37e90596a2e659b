"""The simulator starts again after being killed (SIGKILL) at any speed.

A run at high speed writes contacts dated ahead of the clock; the next run resumes at the
last moment the database holds. Before the fix, the arrival written at that moment came
round a second time (a float a fraction of a microsecond after the stored time) and every
later start died on ``UNIQUE constraint failed: contacts.source, contacts.external_id``.
"""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest
from cli_runner import CliRunner


def _contacts(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def _kill_mid_run(cli: CliRunner, db: Path, speed: str, settle_s: float) -> None:
    """Start ``simulate --speed``, wait until it writes contacts, then SIGKILL it."""
    before = _contacts(db)
    proc = cli.on(db).start("simulate", "--speed", speed)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and _contacts(db) <= before:
            assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.2)
        time.sleep(settle_s)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _contacts(db) > before, "the run wrote no contact before the kill"


def _runs_then_stops(cli: CliRunner, db: Path, speed: str) -> None:
    proc = cli.on(db).start("simulate", "--speed", speed)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and "simulating" not in (proc.stdout.readline() or ""):
            assert proc.poll() is None, proc.communicate()[1]
        time.sleep(3)  # a few seconds of traffic after the start, where it used to die
        assert proc.poll() is None, proc.communicate()[1]
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "simulator stopped" in out


@pytest.mark.parametrize("speed", ["120", "3000", "10000"])
def test_simulate_starts_again_after_sigkill(cli: CliRunner, tmp_path: Path, speed: str) -> None:
    db = tmp_path / "live.db"
    # Killed mid-run, it restarts at normal speed; killed again, it restarts at its own
    # speed: each run goes on from what the database holds.
    _kill_mid_run(cli, db, speed, settle_s=1.0)
    _runs_then_stops(cli, db, "1")
    _kill_mid_run(cli, db, speed, settle_s=0.5)
    _runs_then_stops(cli, db, speed)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
