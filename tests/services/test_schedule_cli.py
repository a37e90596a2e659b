"""``supervisor-app schedule check|publish`` through the real parser and handlers."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from cli_runner import CliRunner
from test_schedule_world import ANN, MONDAY, PLANNER_A, db, shift

from supervisor_app.domain import schedule_edits as edits
from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.services.database import Database
from supervisor_app.services.schedules import load_week, save_week

__all__ = ["db"]

Schedule = Callable[..., int]


@pytest.fixture
def schedule(cli: CliRunner, db: Database) -> Schedule:
    """``supervisor-app --db URL schedule …`` run in this process: its exit code."""
    return partial(cli.on(db.url).in_process, "schedule")


def test_check_prints_violations_in_local_time_and_exits_2(
    schedule: Schedule, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert schedule("check", "--week", MONDAY.isoformat()) == 0
    assert capsys.readouterr().out.strip() == "week of 2026-11-30: 0 violation(s)"
    week = load_week(db, MONDAY)
    save_week(db, week, edits.add_shift(week, shift(ANN, 0, "09:00", "11:00")), PLANNER_A)
    assert schedule("check", "--week", "2026-11-30") == 2
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split("\t")[:3] == ["agent 1", "Mon 2026-11-30 09:00", "shift_too_short"]
    assert lines[-1] == "week of 2026-11-30: 1 violation(s)"


def test_publish_refuses_then_overrides(
    schedule: Schedule, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    week = load_week(db, MONDAY)
    save_week(db, week, edits.add_shift(week, shift(ANN, 0, "09:00", "11:00")), PLANNER_A)
    assert schedule("publish", "--week", "2026-11-30") == 1
    captured = capsys.readouterr()
    assert "shift_too_short" in captured.out
    assert captured.err.startswith("supervisor-app: error: week of 2026-11-30 has 1 rule")
    assert schedule("publish", "--week", "2026-11-30", "--override-reason", "training day") == 0
    out = capsys.readouterr().out
    assert "published by" in out and "1 shift(s), overriding 1 violation(s)" in out
    assert load_week(db, MONDAY).shifts[0].status is ShiftStatus.PUBLISHED


def test_a_week_that_is_not_a_monday_is_one_line_error(
    schedule: Schedule, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert schedule("check", "--week", "2026-12-01") == 1
    assert capsys.readouterr().err.strip() == (
        "supervisor-app: error: a schedule week starts on a Monday; 2026-12-01 is a Tuesday"
    )
