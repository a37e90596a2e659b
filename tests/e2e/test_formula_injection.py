"""Queue names that a spreadsheet would run as formulas leave as text on every CSV path.

A PBX hands over queue names unchanged, so a queue may be called
``=cmd|' /C calc'!A0``. The drill-down CSV export, ``kpi --format csv``,
``queue list --format csv`` and the audit export must write it with an apostrophe
in front (OWASP's rule), while numbers stay numbers. Each file is read back with
the csv module.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cli_runner import CliRunner

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.services.analytics import drilldown, export_csv
from supervisor_app.services.database import open_database
from supervisor_app.services.setup import AuditRecord, export_audit
from supervisor_app.store.models import Contact, Queue, Site

HOSTILE = ("=cmd|' /C calc'!A0", "@SUM(1)", "-2+3")
DAY = date(2026, 11, 2)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """One site, the three hostile queues and a plain one, one abandoned contact each
    (waited 7 s) at 09:00 UTC on Monday 2 November 2026."""
    path = tmp_path / "hostile.db"
    db = open_database(f"sqlite:///{path}")
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London", interval_minutes=15)
        queues = [Queue(site=site, name=n, channel=Channel.VOICE) for n in (*HOSTILE, "Sales")]
        s.add_all([site, *queues])
        s.flush()
        arrived = datetime(2026, 11, 2, 9, tzinfo=UTC)
        for n, queue in enumerate(queues):
            s.add(
                Contact(
                    queue_id=queue.id,
                    source="test",
                    external_id=f"c{n}",
                    arrived_at=arrived,
                    ended_at=arrived + timedelta(seconds=7),
                    outcome=Outcome.ABANDONED,
                )
            )
        s.commit()
    db.close()
    return path


def expected_text() -> set[str]:
    return {"'=cmd|' /C calc'!A0", "'@SUM(1)", "'-2+3", "Sales"}


def test_drilldown_csv_writes_formulas_as_text(db_file: Path, tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{db_file}")
    try:
        got = drilldown(db, DAY, DAY, "all", (("from", "x"), ("to", "y")), "offered")
    finally:
        db.close()
    target = tmp_path / "contacts.csv"
    export_csv(got.rows, target)
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["Queue"] for r in rows} == expected_text()
    assert {r["Wait s"] for r in rows} == {"7.0"}  # a number stays a number


def test_kpi_csv_writes_formulas_as_text(cli: CliRunner, db_file: Path) -> None:
    result = cli.on(db_file)(
        "kpi", "--from", str(DAY), "--to", str(DAY), "--by", "queue", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["queue"] for r in rows} == expected_text()
    # One contact per queue, abandoned: offered 1, abandoned 1, abandon rate 1.
    assert {(float(r["offered"]), float(r["abandoned"])) for r in rows} == {(1.0, 1.0)}


def test_list_csv_writes_formulas_as_text(cli: CliRunner, db_file: Path) -> None:
    result = cli.on(db_file)("queue", "list", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["name"] for r in rows} == expected_text()
    table = cli.on(db_file)("queue", "list")  # the table for people shows the names as they are
    assert all(name in table.stdout for name in HOSTILE)


def test_audit_csv_export_writes_formulas_as_text(tmp_path: Path) -> None:
    record = AuditRecord(
        id=1,
        at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        actor="@SUM(1)",
        entity="queue",
        entity_id="-2+3",
        action="queue.update",
        before=None,
        after=None,
        reason=None,
    )
    target = tmp_path / "audit.csv"
    assert export_audit([record], target) == 1
    with target.open(encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["Actor"], row["Id"], row["Entity"]) == ("'@SUM(1)", "'-2+3", "queue")
