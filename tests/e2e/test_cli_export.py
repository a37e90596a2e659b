"""`supervisor-app export` as a cron job runs it: a real process, a real seeded file.

The demo is three simulated days (17–19 November 2026, 12 agents, 3 queues),
seeded once by the `demo seed` command itself (`demo` in conftest.py); the workbook's
figures are compared with what `kpi --format json` prints for the same range.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_runner import CliRunner
from python_calamine import CalamineWorkbook

FIRST, LAST = "2026-11-17", "2026-11-19"


def export(demo: CliRunner, *args: str) -> subprocess.CompletedProcess[str]:
    return demo("export", *args)


def _rows(path: Path, sheet: str) -> list[dict]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_service_workbook_carries_the_kpi_commands_figures(demo: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "service.xlsx"
    result = export(
        demo, "service", "--from", FIRST, "--to", LAST, "--period", "weekly", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and "Service report" in result.stdout
    printed = demo("kpi", "--from", FIRST, "--to", LAST, "--by", "queue", "--format", "json")
    assert printed.returncode == 0, printed.stderr
    kpi = {row["queue"]: row for row in json.loads(printed.stdout)}
    summary = {r["Queue"]: r for r in _rows(out, "Summary")}
    for queue, row in kpi.items():
        assert summary[queue]["Offered"] == row["offered"]
        assert summary[queue]["Answered"] == row["answered"]
        assert summary[queue]["Service level"] == pytest.approx(row["service_level"])
        assert summary[queue]["AHT"].total_seconds() == pytest.approx(row["aht_seconds"], abs=1e-3)


@pytest.mark.parametrize(
    "report", ["scorecards", "schedule", "staffing", "satisfaction", "escalations"]
)
def test_every_report_exports(demo: CliRunner, tmp_path: Path, report: str) -> None:
    out = tmp_path / f"{report}.xlsx"
    rows = ["--rows"] if report == "satisfaction" else []
    result = export(demo, report, "--from", FIRST, "--to", LAST, "-o", str(out), *rows)
    assert result.returncode == 0, result.stderr
    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert names[0] == "Cover" and names[-1] == "Definitions"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["service", "--from", LAST, "--to", FIRST, "-o", "x.xlsx"], "ends before it starts"),
        (["service", "--from", "2026-13-01", "--to", LAST, "-o", "x.xlsx"], "is not a date"),
        (["service", "--from", FIRST, "--to", LAST, "-o", "x.csv"], "must end in .xlsx"),
        (["service", "--from", FIRST, "--to", LAST], "-o/--output"),
        (["pivot", "--from", FIRST, "--to", LAST, "-o", "x.xlsx"], "invalid choice"),
        (["service", "--from", FIRST, "--to", LAST, "--queue", "Nope", "-o", "x.xlsx"],
         "no queue called 'Nope'"),
        (["scorecards", "--from", FIRST, "--to", LAST, "--team", "Nope", "-o", "x.xlsx"],
         "no team called 'Nope'"),
        (["service", "--from", FIRST, "--to", LAST, "--period", "hourly", "-o", "x.xlsx"],
         "invalid choice"),
        (["service", "--from", FIRST, "--to", LAST, "-o", "/nonexistent/x.xlsx"],
         "does not exist"),
        (["service", "--from", FIRST, "--to", LAST, "--team", "A", "-o", "x.xlsx"],
         "--team applies to"),
        (["scorecards", "--from", FIRST, "--to", LAST, "--queue", "A", "-o", "x.xlsx"],
         "--queue applies to"),
        (["escalations", "--from", FIRST, "--to", LAST, "--rows", "-o", "x.xlsx"],
         "--rows applies to"),
        (["schedule", "--from", FIRST, "--to", LAST, "--period", "daily", "-o", "x.xlsx"],
         "--period applies to the service report only"),
        (["service", "--from", "2024-01-01", "--to", "2026-01-01", "-o", "x.xlsx"],
         "a report covers at most"),
    ],
)  # fmt: skip
def test_bad_arguments_exit_non_zero_with_one_line(
    demo: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a in ("x.xlsx", "x.csv") else a for a in args]
    result = export(demo, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.xlsx"))


def test_help_documents_the_options(demo: CliRunner) -> None:
    result = export(demo, "--help")
    assert result.returncode == 0
    for option in ("--from", "--to", "--queue", "--team", "--period", "--rows", "-o"):
        assert option in result.stdout
