"""Which site the queues of a queue_log go to, and what is created on the way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import CliRunner
from queue_log_helpers import table_rows

from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.queue_log import ImportOptions, import_queue_log
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.writers.queue_log import SiteChoice

LOG = "1700000000|1.1|sales|NONE|ENTERQUEUE||555|1\n1700000009|1.1|sales|PJSIP/42|CONNECT|9|1.2|1\n"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


def _log(tmp_path: Path, first: int = 0) -> Path:
    path = tmp_path / f"queue_log_{first}"
    path.write_text(f"{1_600_000_000 + first}|NONE|NONE|NONE|QUEUESTART|\n" + LOG)
    return path


def test_an_empty_database_gets_a_site_named_asterisk(db: Database, tmp_path: Path) -> None:
    summary = import_queue_log(
        db, _log(tmp_path), ImportOptions(SiteChoice(timezone="Europe/Paris"))
    )
    assert table_rows(db, "SELECT name, timezone FROM sites") == [("Asterisk", "Europe/Paris")]
    assert table_rows(db, "SELECT name, channel FROM queues") == [("sales", "voice")]
    assert table_rows(db, "SELECT employee_code, name, team_id FROM agents") == [
        ("PJSIP/42", "PJSIP/42", None)
    ]
    assert (summary.counts.queues_added, summary.counts.agents_added) == (["sales"], ["PJSIP/42"])


def test_with_several_sites_one_must_be_named(db: Database, tmp_path: Path) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sites (name, timezone, interval_minutes) VALUES "
            "('Lyon', 'Europe/Paris', 15), ('Leeds', 'Europe/London', 30)"
        )
    with pytest.raises(UserError, match=r"2 sites .* --site NAME"):
        import_queue_log(db, _log(tmp_path, 1))
    assert table_rows(db, "SELECT count(*) FROM contacts") == [(0,)]
    import_queue_log(db, _log(tmp_path, 2), ImportOptions(SiteChoice("Leeds")))
    assert table_rows(db, "SELECT s.name FROM queues q JOIN sites s ON s.id = q.site_id") == [
        ("Leeds",)
    ]


def test_an_existing_agent_with_the_member_name_as_code_is_reused(
    db: Database, tmp_path: Path
) -> None:
    with db.engine.begin() as conn:  # every agent works at a site: the one the log goes to
        conn.exec_driver_sql(
            "INSERT INTO sites (id, name, timezone, interval_minutes) "
            "VALUES (1, 'Leeds', 'Europe/London', 15)"
        )
        conn.exec_driver_sql(
            "INSERT INTO agents (employee_code, name, hourly_cost, contracted_weekly_hours, "
            "active, site_id) VALUES ('PJSIP/42', 'Ada Lovelace', 20, 35, true, 1)"
        )
    summary = import_queue_log(db, _log(tmp_path, 3))
    assert summary.counts.agents_added == []
    assert table_rows(db, "SELECT a.name FROM contacts c JOIN agents a ON a.id = c.agent_id") == [
        ("Ada Lovelace",)
    ]


def test_an_unknown_time_zone_for_a_new_site_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="time zone 'Mars/Base' is unknown"):
        import_queue_log(db, _log(tmp_path, 4), ImportOptions(SiteChoice(timezone="Mars/Base")))
    assert table_rows(db, "SELECT count(*) FROM sites") == [(0,)]


def test_the_command_names_the_sites_with_exit_2_and_reads_site_in_any_case(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli: CliRunner
) -> None:
    """As every command with ``--site``: several sites and none chosen exit 2 with one line
    naming them, nothing read; ``--site leeds`` is the site Leeds, not a new one."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sites (name, timezone, interval_minutes) VALUES "
            "('Lyon', 'Europe/Paris', 15), ('Leeds', 'Europe/London', 30)"
        )
    run = cli.on(db_url)
    assert run.in_process("import", "queue-log", str(_log(tmp_path, 1))) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "supervisor-app: error: --site: this database has several sites (Lyon, Leeds); "
        "choose --site NAME"
    ]
    assert table_rows(db, "SELECT count(*) FROM contacts") == [(0,)]
    assert run.in_process("import", "queue-log", str(_log(tmp_path, 2)), "--site", "leeds") == 0
    assert table_rows(db, "SELECT count(*) FROM sites") == [(2,)]
    assert table_rows(db, "SELECT s.name FROM queues q JOIN sites s ON s.id = q.site_id") == [
        ("Leeds",)
    ]
