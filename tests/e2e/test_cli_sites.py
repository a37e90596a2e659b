"""``--site`` on the commands, on a database with two sites (``tests/two_sites.py``).

With several sites a command that works on one must be told which: without
``--site`` it exits 2 with one line naming both; ``kpi`` and ``export`` also take
``--site all``, whose totals are the sums of the two (figures by hand in
``two_sites.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import CliRunner, SeededDemo
from openpyxl import load_workbook
from two_sites import build_two_sites

from supervisor_app.services.database import open_database

RANGE = ("--from", "2026-11-18", "--to", "2026-11-18")


@pytest.fixture(scope="module")
def two(cli: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> CliRunner:
    folder = tmp_path_factory.mktemp("sites")
    (folder / "home").mkdir()
    db = open_database(f"sqlite:///{folder / 'two.db'}")
    build_two_sites(db)
    db.close()
    return cli.on(folder / "two.db", home=folder / "home")


@pytest.mark.parametrize(
    "command",
    [
        ("kpi", *RANGE),
        ("export", "service", *RANGE, "-o", "x.xlsx"),
        ("forecast", "generate", "--week", "2026-11-23"),
        ("forecast", "accuracy", "--from", "2026-11-16", "--to", "2026-11-16"),
        ("schedule", "check", "--week", "2026-11-16"),
        ("plan", "accuracy", "--from", "2026-11-16", "--to", "2026-11-16"),
        ("schedule", "publish", "--week", "2026-11-16"),
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_missing_site_exits_2_naming_both(two: CliRunner, command: tuple[str, ...]) -> None:
    result = two(*command)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "--site" in lines[0] and "London, New York" in lines[0]


def test_an_unknown_site_exits_2_listing_the_sites(two: CliRunner) -> None:
    result = two("kpi", *RANGE, "--site", "Paris")
    assert result.returncode == 2
    assert "no site named 'Paris'" in result.stderr and "London, New York" in result.stderr


def test_kpi_per_site_and_for_all_sites(two: CliRunner) -> None:
    def figures(site: str) -> dict[str, object]:
        result = two("kpi", *RANGE, "--site", site, "--format", "json")
        assert result.returncode == 0, result.stderr
        (row,) = json.loads(result.stdout)
        return row

    london, new_york, every = figures("London"), figures("new york"), figures("all")
    assert (london["offered"], new_york["offered"], every["offered"]) == (3, 3, 6)
    assert every["answered"] == london["answered"] + new_york["answered"] == 5
    assert every["asa_seconds"] == pytest.approx(26.0)  # (10 + 30 + 5 + 15 + 70) / 5


def test_kpi_by_queue_for_all_sites_names_each_site(two: CliRunner) -> None:
    result = two("kpi", *RANGE, "--site", "all", "--by", "queue", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {(r["site"], r["queue"]): r["offered"] for r in json.loads(result.stdout)}
    assert rows == {("London", "Sales"): 3, ("New York", "Sales"): 3}


def test_export_all_sites_writes_both_sites_queues(two: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "service.xlsx"
    result = two("export", "service", *RANGE, "--site", "all", "-o", str(target))
    assert result.returncode == 0, result.stderr
    book = load_workbook(target, read_only=True)
    text = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row}
    assert {"London · Sales", "New York · Sales", "All sites"} <= text


def test_schedule_check_of_one_site(two: CliRunner) -> None:
    result = two("schedule", "check", "--week", "2026-11-16", "--site", "New York")
    assert result.returncode == 0, result.stderr
    assert "0 violation(s)" in result.stdout


def test_the_demo_seeds_london_and_new_york_by_default(seeded_demo: SeededDemo) -> None:
    """Issue 13: the demo has two sites from the first run, so the picker and the scoping
    show. London takes --agents and --queues at 15 minutes; New York half as many at 30."""
    demo = seeded_demo("--days", "1", "--agents", "8", "--queues", "2", "--until", "2026-11-20")

    def listed(*args: str) -> list[dict[str, object]]:
        result = demo(*args, "--format", "json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    sites = [(s["name"], s["timezone"], s["interval_minutes"]) for s in listed("site", "list")]
    assert sites == [("London", "Europe/London", 15), ("New York", "America/New_York", 30)]
    queues = [q["site"] for q in listed("queue", "list", "--site", "all")]
    agents = [a["site"] for a in listed("agent", "list", "--site", "all")]
    assert (queues.count("London"), queues.count("New York")) == (2, 1)
    assert (agents.count("London"), agents.count("New York")) == (8, 4)
    assert demo("kpi", *RANGE).returncode == 2  # several sites, none chosen
