"""``agent add|set --hire-date``: the date is kept, listed and audited; a bad one exits 2
with one line naming the option, and writes nothing."""

from __future__ import annotations

import json

import pytest
from cli_runner import CliRunner


def test_hire_date_on_the_command_line(
    cli: CliRunner, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bound = cli.on(db_url)

    def run(*args: str) -> tuple[int, str, str]:
        code = bound.in_process(*args)
        out, err = capsys.readouterr()
        return code, out, err

    assert run("site", "add", "London", "--timezone", "Europe/London")[0] == 0
    assert run("agent", "add", "Ann", "--code", "E1", "--hire-date", "2023-05-02")[0] == 0
    code, out, _ = run("agent", "list", "--format", "json")
    assert code == 0 and json.loads(out)[0]["hire_date"] == "2023-05-02"
    code, _, err = run("agent", "set", "E1", "--hire-date", "2.5.2023")
    assert code == 2
    assert err.strip().splitlines() == [
        "supervisor-app: error: --hire-date: Hire date '2.5.2023' is not a date: a date as "
        "YYYY-MM-DD from 1950 to 2099; empty when not known"
    ]
    assert run("agent", "set", "E1", "--hire-date", "2024-01-15")[0] == 0
    code, out, _ = run("audit", "list", "--entity", "agent", "--format", "json")
    latest = json.loads(out)[0]
    assert (latest["before"]["hire_date"], latest["after"]["hire_date"]) == (
        "2023-05-02",
        "2024-01-15",
    )
    code, out, _ = run("agent", "list", "--format", "csv")
    assert "hire_date" in out.splitlines()[0] and "2024-01-15" in out
