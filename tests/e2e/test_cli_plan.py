"""``plan accuracy`` from the command line: JSON per queue and day, bad input exits 2."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from cli_runner import CliRunner

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database


@pytest.fixture(scope="module")
def demo(cli: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> CliRunner:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "home").mkdir()
    db = open_database(f"sqlite:///{folder / 'plan.db'}")
    seed_demo(db, days=7, agents=20, queues=3, seed=2, until=datetime(2026, 11, 23, tzinfo=UTC))
    db.close()
    return cli.on(folder / "plan.db", home=folder / "home")


def test_json_lists_each_queue_and_day_with_both_levels(demo: CliRunner) -> None:
    done = demo(
        "plan", "accuracy", "--from", "2026-11-16", "--to", "2026-11-22", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 3 * 7  # three queues, seven days
    assert {"expected_service_level", "achieved_service_level", "patience_seconds"} <= set(rows[0])
    busy = [r for r in rows if r["offered"]]
    assert busy and all(0 <= r["achieved_service_level"] <= 1 for r in busy)


def test_erlang_c_assumes_no_patience(demo: CliRunner) -> None:
    done = demo(
        "plan", "accuracy", "--from", "2026-11-16", "--to", "2026-11-16",
        "--method", "erlang-c", "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert all(r["patience_seconds"] is None for r in json.loads(done.stdout))


def test_a_reversed_range_exits_2_with_one_line(demo: CliRunner) -> None:
    done = demo("plan", "accuracy", "--from", "2026-11-22", "--to", "2026-11-16")
    assert done.returncode == 2
    assert "--to 2026-11-16 is before --from 2026-11-22" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_schedule_simulate_gives_each_queue_day_a_band(demo: CliRunner) -> None:
    done = demo(
        "schedule", "simulate", "--week", "2026-11-16", "--runs", "5", "--format", "json"
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {r["queue"] for r in rows} and len(rows) <= 3 * 7
    for r in rows:
        assert 0 <= r["service_level_low"] <= r["service_level_high"] <= 1
        assert 0 <= r["service_level"] <= 1


def test_schedule_simulate_by_interval_lists_the_busy_intervals(demo: CliRunner) -> None:
    by_day = demo("schedule", "simulate", "--week", "2026-11-16", "--runs", "2", "--format", "csv")
    by_interval = demo(
        "schedule", "simulate", "--week", "2026-11-16", "--runs", "2", "--by", "interval",
        "--format", "csv",
    )  # fmt: skip
    assert by_day.returncode == by_interval.returncode == 0
    assert len(by_interval.stdout.splitlines()) > 5 * len(by_day.stdout.splitlines())


def test_schedule_simulate_refuses_zero_runs(demo: CliRunner) -> None:
    done = demo("schedule", "simulate", "--week", "2026-11-16", "--runs", "0")
    assert done.returncode == 2
    assert "--runs 0 refused" in done.stderr
