"""`supervisor-app kpi` as a user runs it, on a small seeded demo (a real process, a real file).

The demo is three simulated days (17–19 November 2026, 12 agents, 3 queues),
seeded once by the `demo seed` command itself (`demo` in conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date

import pytest
from cli_runner import CliRunner

from supervisor_app.services.database import open_database
from supervisor_app.services.kpi import kpi_report

FIRST, LAST = "2026-11-17", "2026-11-19"


def kpi(demo: CliRunner, *args: str) -> subprocess.CompletedProcess[str]:
    return demo("kpi", *args)


def test_json_is_the_services_figures(demo: CliRunner) -> None:
    result = kpi(demo, "--from", FIRST, "--to", LAST, "--by", "queue", "--format", "json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    database = open_database(f"sqlite:///{demo.db}")
    try:
        report = kpi_report(database, date.fromisoformat(FIRST), date.fromisoformat(LAST), "queue")
    finally:
        database.close()
    assert printed == json.loads(json.dumps(report.as_dicts()))
    assert len(printed) == 3
    assert {"queue_id", "queue", "service_level", "asa_p90_seconds", "fcr"} <= printed[0].keys()
    assert all(row["occupancy"] is None for row in printed)  # never per queue


def test_json_by_day_adds_up_to_all(demo: CliRunner) -> None:
    days = json.loads(
        kpi(demo, "--from", FIRST, "--to", LAST, "--by", "day", "--format", "json").stdout
    )
    [whole] = json.loads(kpi(demo, "--from", FIRST, "--to", LAST, "--format", "json").stdout)
    assert [d["day"] for d in days] == ["2026-11-17", "2026-11-18", "2026-11-19"]
    assert sum(d["offered"] for d in days) == whole["offered"] > 0
    assert (whole["from"], whole["to"]) == (FIRST, LAST)


def test_csv_has_a_header_and_plain_numbers(demo: CliRunner) -> None:
    result = kpi(demo, "--from", FIRST, "--to", LAST, "--by", "week", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["week"] for r in rows] == ["2026-W47"]
    assert int(rows[0]["offered"]) > 0
    assert 0.0 <= float(rows[0]["service_level"]) <= 1.0  # a fraction, not a percentage
    assert "%" not in result.stdout


def test_table_is_aligned_for_people(demo: CliRunner) -> None:
    result = kpi(demo, "--from", FIRST, "--to", LAST, "--by", "agent")
    assert result.returncode == 0, result.stderr
    title, heading, *lines = result.stdout.splitlines()
    assert title == f"KPIs {FIRST} to {LAST} by agent (Europe/London)"
    assert heading.split()[:3] == ["Agent", "Team", "Offered"]
    assert 0 < len(lines) <= 12
    assert len({len(line) for line in [heading, *lines]}) <= 2  # right-aligned columns
    assert "%" in lines[0]


def test_bad_date_is_a_usage_error(demo: CliRunner) -> None:
    result = kpi(demo, "--from", "2026-11-31", "--to", LAST)
    assert result.returncode == 2
    assert "'2026-11-31' is not a date" in result.stderr


def test_from_after_to_is_one_line_and_exit_1(demo: CliRunner) -> None:
    result = kpi(demo, "--from", LAST, "--to", FIRST)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "supervisor-app: error: the range 2026-11-19 to 2026-11-17 ends before it starts"
    )
    assert result.stdout == ""


def test_a_range_without_contacts_says_so(demo: CliRunner) -> None:
    result = kpi(demo, "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json")
    assert result.returncode == 1
    assert "no contacts between 2026-12-01 and 2026-12-31" in result.stderr
    assert "Traceback" not in result.stderr


def test_queue_and_team_filters(demo: CliRunner) -> None:
    def rows(*args: str) -> list[dict]:
        result = kpi(demo, "--from", FIRST, "--to", LAST, "--format", "json", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    queues = rows("--by", "queue")
    first, second = queues[0], queues[1]
    [one] = rows("--queue", first["queue"])  # by name
    assert one["offered"] == first["offered"] and one["occupancy"] is None
    [two] = rows("--queue", first["queue"], "--queue", str(second["queue_id"]))  # name and id
    assert two["offered"] == first["offered"] + second["offered"]
    days = rows("--by", "day", "--queue", first["queue"])
    assert sum(d["offered"] for d in days) == first["offered"]
    teams = rows("--by", "team")
    named = [t for t in teams if t["team"] is not None]
    [team] = rows("--team", named[0]["team"].upper())  # names match case-insensitively
    assert (team["answered"], team["offered"]) == (named[0]["answered"], named[0]["answered"])
    assert team["occupancy"] == pytest.approx(named[0]["occupancy"])
    agents = rows("--by", "agent", "--team", named[0]["team"])
    assert {a["team"] for a in agents} == {named[0]["team"]}


def test_an_unknown_filter_is_one_line_and_exit_1(demo: CliRunner) -> None:
    result = kpi(demo, "--from", FIRST, "--to", LAST, "--queue", "Nowhere")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("supervisor-app: error: no queue called 'Nowhere' (known: ")
    result = kpi(demo, "--from", FIRST, "--to", LAST, "--team", "999")
    assert result.returncode == 1 and "no team called '999'" in result.stderr
