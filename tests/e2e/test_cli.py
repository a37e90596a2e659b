"""The `supervisor-app` command as a user runs it: a real process, real database files."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_runner import CliRunner
from daytime import move_sites_to_noon

from supervisor_app.store.migrate import head_revision

# The worked example below, less the targets each test sets.
STAFFING = ("staffing", "--calls", "100", "--aht", "180", "--interval", "30")


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_help_lists_the_commands(cli: CliRunner) -> None:
    result = cli("--help")
    assert result.returncode == 0
    for command in ("gui", "db", "demo", "simulate"):
        assert command in result.stdout


def test_db_upgrade_creates_then_repeats_harmlessly(cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "cc.db"
    first = cli("--db", str(db), "db", "upgrade")
    second = cli("--db", f"sqlite:///{db}", "db", "upgrade")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert f"revision {head_revision()}" in first.stdout
    assert count(db, "contacts") == 0


def test_environment_variable_chooses_the_database(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("SUPERVISOR_APP_DB", f"sqlite:///{db}")
    assert cli("db", "upgrade").returncode == 0
    assert db.exists()


def test_bad_database_is_one_line_and_exit_1(cli: CliRunner, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    result = cli("--db", str(junk), "db", "upgrade")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "not a Supervisor Console database" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_arguments_exit_2_with_the_reason(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("--db", str(tmp_path / "x.db"), "demo", "seed", "--days", "0")
    assert result.returncode == 2
    assert "--days" in result.stderr and "outside 1..366" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_demo_seed_writes_history_and_refuses_a_second_time(cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    args = ("--db", str(db), "demo", "seed", "--days", "2", "--agents", "12", "--queues", "3")
    result = cli(*args, "--until", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert "seeded 2 days" in result.stdout
    contacts = count(db, "contacts")
    assert contacts > 100
    again = cli(*args)
    assert again.returncode == 1
    assert "error:" in again.stderr and "Traceback" not in again.stderr
    assert count(db, "contacts") == contacts


def test_simulate_writes_live_traffic_and_stops_on_sigterm(cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    # History ending two days ago, the sites moved to where it is about noon: the demo
    # centre is open, and today's replay has traffic, whatever the hour of the run.
    until = (date.today() - timedelta(days=2)).isoformat()
    seed = ("demo", "seed", "--days", "1", "--agents", "12", "--queues", "3", "--until", until)
    seeded = cli("--db", str(db), *seed)
    assert seeded.returncode == 0, seeded.stderr
    move_sites_to_noon(db)
    before = count(db, "agent_state_spans")
    # Fast enough that even at night the morning shift starts within seconds (at 120x, a
    # run started after midnight saw no agent change for its whole minute).
    proc = cli.on(db).start("simulate", "--speed", "3000")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and count(db, "agent_state_spans") == before:
            time.sleep(0.5)
        time.sleep(2)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "simulator stopped" in out
    assert count(db, "agent_state_spans") > before
    with sqlite3.connect(db) as conn:
        # Calls and chats still waiting are abandoned at the stop and those in service
        # ended; only waiting emails stay open, for the next run to pick up.
        left_open = conn.execute(
            "SELECT count(*) FROM contacts JOIN queues ON queues.id = contacts.queue_id"
            " WHERE contacts.ended_at IS NULL"
            " AND (queues.channel != 'email' OR contacts.answered_at IS NOT NULL)"
        )
        assert left_open.fetchone()[0] == 0


def test_staffing_prints_the_published_worked_example(cli: CliRunner) -> None:
    # callcentrehelper.com's Erlang C example: 100 calls in 30 minutes, 180 s handle time,
    # 80 % in 20 s → 10 Erlangs, 14 agents, 88.8 % service level, 71.4 % occupancy;
    # with 30 % shrinkage, 14 / 0.7 = 20 to schedule.
    result = cli(*STAFFING, "--target-sl", "0.8", "--target-time", "20", "--shrinkage", "0.3")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["traffic_erlangs"] == pytest.approx(10.0)
    assert (figures["agents"], figures["scheduled_agents"]) == (14, 20)
    assert figures["service_level"] == pytest.approx(0.888, abs=5e-4)
    assert figures["occupancy"] == pytest.approx(10 / 14, abs=1e-6)
    assert "abandon_rate" not in figures


def test_staffing_with_patience_adds_the_abandon_rate(cli: CliRunner) -> None:
    result = cli(*STAFFING, "--target-sl", "0.8", "--target-time", "20", "--patience", "60")
    assert result.returncode == 0, result.stderr
    assert 0 < json.loads(result.stdout)["abandon_rate"] < 1


def test_staffing_refuses_impossible_arguments_with_exit_2(cli: CliRunner) -> None:
    result = cli(*STAFFING, "--target-sl", "80", "--target-time", "20")
    assert result.returncode == 2
    assert "--target-sl" in result.stderr and "Traceback" not in result.stderr
