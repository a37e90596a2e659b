"""``export review`` as a cron job runs it: the pack's Scorecard row is what ``kpi --by agent
--format json`` prints for the same agent and range (read back with python-calamine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import CliRunner
from python_calamine import CalamineWorkbook

FIRST, LAST = "2026-11-17", "2026-11-19"
# scorecard heading → the kpi command's JSON field
FIELDS = {
    "Handled": "answered",
    "AHT": "aht_seconds",
    "AHT p90": "aht_p90_seconds",
    "Occupancy": "occupancy",
    "Adherence": "adherence",
    "CSAT": "csat",
    "NPS": "nps",
    "FCR": "fcr",
}


def _value(cell: object) -> float | None:
    if cell == "":
        return None
    return cell.total_seconds() if hasattr(cell, "total_seconds") else float(cell)  # type: ignore[arg-type]


def test_the_pack_of_an_agent_named_as_people_know_them(demo: CliRunner, tmp_path: Path) -> None:
    printed = demo("kpi", "--from", FIRST, "--to", LAST, "--by", "agent", "--format", "json")
    assert printed.returncode == 0, printed.stderr
    rows = json.loads(printed.stdout)
    busiest = max(rows, key=lambda r: r["answered"])
    out = tmp_path / "pack.xlsx"
    # by name, in another case: the pack finds the agent as a supervisor would type them
    done = demo("export", "review", "--agent", busiest["agent"].upper(), "--from", FIRST,
                "--to", LAST, "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Review pack" in done.stdout and "6 sheets" in done.stdout
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == [
        "Cover",
        "Scorecard",
        "Quality",
        "Coaching",
        "Training",
        "Definitions",
    ]
    sheet = book.get_sheet_by_name("Scorecard").to_python()
    row = dict(zip(sheet[0], sheet[1], strict=False))
    assert row["Agent"] == busiest["agent"]
    for heading, field in FIELDS.items():
        expected = busiest[field]
        got = _value(row[heading])
        assert got == (None if expected is None else pytest.approx(expected, abs=1e-3)), heading


def test_a_bad_choice_is_one_line(demo: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    missing = demo("export", "review", "--from", FIRST, "--to", LAST, "-o", str(out))
    unknown = demo("export", "review", "--agent", "Nobody", "--from", FIRST, "--to", LAST,
                   "-o", str(out))  # fmt: skip
    for result in (missing, unknown):
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "needs one --agent" in missing.stderr
    assert "no agent with code or name 'Nobody'" in unknown.stderr
    assert not out.exists()
