"""The import commands as a user runs them: a real process on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cli_runner import CliRunner
from file_import_helpers import write_csv


def test_contacts_forecast_and_agents_from_the_command_line(cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    contacts = write_csv(
        tmp_path / "c.csv",
        [
            "contact_id;queue;channel;arrived_at;ended_at",
            "1;Sales;voice;2024-03-01 09:00:00;2024-03-01 09:01:00",
            "2;Sales;voice;2024-03-01 09:02:00;2024-03-01 09:03:00",
        ],
        encoding="utf-16",
    )
    done = cli("--db", f"sqlite:///{db}", "import", "contacts", str(contacts))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 contacts imported from c.csv")
    forecast = write_csv(
        tmp_path / "f.csv",
        ["queue,interval_start,volume,aht_seconds", "Sales,2024-03-04 09:00,4,90"],
    )
    done = cli("--db", f"sqlite:///{db}", "import", "forecast", str(forecast))
    assert done.returncode == 0, done.stderr
    roster = write_csv(tmp_path / "a.csv", ["name,code,skills", "Ann,A1,Sales:9"])
    done = cli("--db", f"sqlite:///{db}", "import", "agents", str(roster))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (2,)
        assert conn.execute("SELECT volume FROM forecasts").fetchone() == (4.0,)
        assert conn.execute("SELECT proficiency FROM agent_skills").fetchone() == (9,)


def test_a_bad_file_exits_non_zero_with_the_rows(cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            "contact_id,queue,channel,arrived_at,ended_at",
            "1,Sales,pigeon,2024-03-01 09:00:00,2024-03-01 09:01:00",
        ],
    )
    done = cli("--db", f"sqlite:///{db}", "import", "contacts", str(bad))
    assert done.returncode == 1
    assert "bad.csv: 1 invalid row, nothing imported" in done.stderr
    assert "row 2: channel 'pigeon'" in done.stderr


def test_an_unknown_mapping_names_the_shipped_ones(cli: CliRunner, tmp_path: Path) -> None:
    contacts = write_csv(tmp_path / "c.csv", ["a", "1"])
    done = cli(
        "--db",
        f"sqlite:///{tmp_path / 's.db'}",
        "import",
        "contacts",
        str(contacts),
        "--mapping",
        "nope",
    )
    assert done.returncode == 1
    assert "nope: no such mapping file" in done.stderr
    assert "anonymous_bank" in done.stderr
