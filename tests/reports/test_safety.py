"""Hostile text never becomes a formula, and a report file is replaced whole or not at all.

A hand-made site whose queue, team, agent, customer, reason, note and comment
texts are formula-injection payloads (OWASP "CSV Injection": =, +, -, @, tab,
carriage return, NUL). Every report is exported; openpyxl then finds no
formula cell and the raw sheet XML no ``<f>`` element, and calamine reads the
texts back as they were stored (less the NUL, which XML can't carry).

Figures are checked by hand: Sales has 3 contacts on Monday 16 Nov 2026
(London, GMT): answered after 10 s (talk 100, wrap 20), answered after 30 s
(talk 200, wrap 40), abandoned after 60 s. Threshold 20 s, short abandons
5 s: service level 1 ÷ (3 − 0) = 33.3 %, ASA (10 + 30) ÷ 2 = 20 s,
AHT (120 + 240) ÷ 2 = 180 s, abandon rate 1 ÷ 3.
"""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_readback import records, sheets

from supervisor_app.domain.enums import (
    ActivityKind,
    Channel,
    EscalationStatus,
    Outcome,
    Severity,
    ShiftStatus,
)
from supervisor_app.domain.errors import UserError
from supervisor_app.reports.export import export_report
from supervisor_app.reports.request import ExportRequest
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import (
    Agent,
    Contact,
    Escalation,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    SurveyResponse,
    Team,
)

DAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 20, tzinfo=UTC)
PAYLOADS = {
    "queue": '=HYPERLINK("http://evil.example","Sales")',
    "team": "-2+3+cmd|' /C calc'!A0",
    "agent": "+1+1",
    "customer": "@SUM(1+1)*cmd|' /C calc'!A0",
    "reason": "\t=1+1",
    "owner": "\r=1+1",
    "notes": "=cmd|' /C notepad'!'A1'",
    "comment": "\x00=2+5",
    "comment2": "=A1*1000",
}


def at(hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(2026, 11, 16, hh, mm, ss, tzinfo=UTC)


def build(db: Database) -> None:
    if db.dialect == "postgresql":  # PostgreSQL text can't hold NUL at all
        PAYLOADS["comment"] = PAYLOADS["comment"].replace("\x00", "")
    with db.sessions.begin() as s:
        site = Site(name="@Site", timezone="Europe/London", interval_minutes=15)
        queue = Queue(site=site, name=PAYLOADS["queue"], channel=Channel.VOICE,
                      answer_threshold_seconds=20, short_abandon_seconds=5)  # fmt: skip
        team = Team(site=site, name=PAYLOADS["team"])
        agent = Agent(employee_code="X1", name=PAYLOADS["agent"], team=team, hourly_cost=20,
                      contracted_weekly_hours=30)  # fmt: skip
        s.add_all([site, queue, team, agent])
        s.flush()

        def contact(n: int, arrived: datetime, wait: int, talk: int = 0, wrap: int = 0) -> Contact:
            answered = arrived + timedelta(seconds=wait) if talk else None
            ended = (
                (answered + timedelta(seconds=talk))
                if answered
                else arrived + timedelta(seconds=wait)
            )
            row = Contact(
                queue_id=queue.id, source="test", external_id=f"h{n}",
                customer_ref=PAYLOADS["customer"], arrived_at=arrived, answered_at=answered,
                ended_at=ended, wrap_ended_at=ended + timedelta(seconds=wrap) if answered else None,
                outcome=Outcome.ANSWERED if answered else Outcome.ABANDONED,
                agent_id=agent.id if answered else None,
            )  # fmt: skip
            s.add(row)
            s.flush()
            return row

        c1 = contact(1, at(9), 10, 100, 20)
        c2 = contact(2, at(10), 30, 200, 40)
        contact(3, at(11), 60)
        s.add(SurveyResponse(contact_id=c1.id, csat=5, nps=10, comment=PAYLOADS["comment"]))
        s.add(SurveyResponse(contact_id=c2.id, csat=2, nps=3, comment=PAYLOADS["comment2"]))
        s.add(Escalation(contact_id=c2.id, queue_id=queue.id, customer_ref=PAYLOADS["customer"],
                         reason=PAYLOADS["reason"], severity=Severity.HIGH,
                         status=EscalationStatus.RESOLVED, owner=PAYLOADS["owner"],
                         notes=PAYLOADS["notes"], resolution="-fixed", created_at=at(10, 5),
                         taken_at=at(10, 15), resolved_at=at(12, 5)))  # fmt: skip
        shift = Shift(agent_id=agent.id, starts_at=at(8), ends_at=at(16, 30),
                      status=ShiftStatus.PUBLISHED, published_by="=planner")  # fmt: skip
        shift.activities.append(
            ShiftActivity(kind=ActivityKind.LUNCH, starts_at=at(12), ends_at=at(12, 30))
        )
        s.add(shift)


@pytest.fixture
def hostile(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    build(db)
    yield db
    db.close()


def _no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(rb"<f[ >]", z.read(name)), f"a formula in {name}"
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r":
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} has no quote prefix"


@pytest.mark.parametrize(
    "report",
    ["service", "satisfaction", "escalations", "scorecards", "schedule", "staffing", "review"],
)
def test_hostile_text_is_never_a_formula(hostile: Database, tmp_path: Path, report: str) -> None:
    out = tmp_path / f"{report}.xlsx"
    rows = report in ("service", "satisfaction")
    agents = ("X1",) if report == "review" else ()
    request = ExportRequest(report, DAY, DAY, rows=rows, agents=agents)
    export_report(hostile, request, out, now=NOW, user="=me")
    _no_formulas(out)
    text = {str(v) for rows in sheets(out).values() for row in rows for v in row}
    expected = {
        "service": ["queue", "agent", "customer"],
        "satisfaction": ["queue", "agent", "comment", "comment2"],
        "escalations": ["queue", "customer", "reason", "owner", "notes"],
        "scorecards": ["team", "agent"],
        "schedule": ["team", "agent"],
        "staffing": ["queue"],
        "review": ["team", "agent"],
    }[report]
    for key in expected:
        assert PAYLOADS[key].replace("\x00", "") in text, key


def test_hand_calculated_service_figures(hostile: Database, tmp_path: Path) -> None:
    out = tmp_path / "service.xlsx"
    export_report(hostile, ExportRequest("service", DAY, DAY), out, now=NOW)
    (row,) = [r for r in records(sheets(out)["Summary"]) if r["Queue"] != "All queues"]
    assert (row["Offered"], row["Answered"], row["Abandoned"]) == (3, 2, 1)
    assert row["Service level"] == pytest.approx(1 / 3)
    assert row["ASA"] == timedelta(seconds=20)
    assert row["AHT"] == timedelta(seconds=180)
    assert row["Abandon rate"] == pytest.approx(1 / 3)
    assert row["Target"] == pytest.approx(0.8)


def test_hand_calculated_schedule_hours(hostile: Database, tmp_path: Path) -> None:
    out = tmp_path / "schedule.xlsx"
    export_report(hostile, ExportRequest("schedule", DAY, DAY), out, now=NOW)
    hours = records(sheets(out)["Hours and cost"])
    # 08:00–16:30 less a 30-minute lunch: 8 paid hours at 20 an hour; contract 30 h a week
    agent = next(r for r in hours if r["Agent"] == PAYLOADS["agent"])
    assert (agent["Paid hours"], agent["Contract hours"], agent["Labour cost"]) == (8, 30, 160)
    assert agent["Paid − contract"] == -22


def _export_to(db: Database, out: Path) -> None:
    export_report(db, ExportRequest("service", DAY, DAY), out, now=NOW)


def test_unwritable_folder_is_a_clear_error_and_nothing_changes(
    hostile: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    old = folder / "report.xlsx"
    old.write_bytes(b"yesterday")
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root writes anywhere: try a folder nobody can write
            with pytest.raises(UserError, match="cannot write in /proc"):
                _export_to(hostile, Path("/proc/report.xlsx"))
        else:
            with pytest.raises(UserError, match="no permission to write"):
                _export_to(hostile, old)
    finally:
        folder.chmod(0o700)
    assert old.read_bytes() == b"yesterday"
    assert os.listdir(folder) == ["report.xlsx"]


def test_read_only_or_open_target_is_refused(hostile: Database, tmp_path: Path) -> None:
    old = tmp_path / "report.xlsx"
    old.write_bytes(b"yesterday")
    old.chmod(0o400)
    with pytest.raises(UserError, match="read-only"):
        _export_to(hostile, old)
    old.chmod(0o600)
    lock = tmp_path / ".~lock.report.xlsx#"
    lock.write_text("someone,host,2026")
    with pytest.raises(UserError, match="open in a spreadsheet program"):
        _export_to(hostile, old)
    assert old.read_bytes() == b"yesterday"
    with pytest.raises(UserError, match="does not exist"):
        _export_to(hostile, tmp_path / "nowhere" / "report.xlsx")


def test_replacing_keeps_the_files_mode(hostile: Database, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    old = tmp_path / "out" / "report.xlsx"
    old.write_bytes(b"yesterday")
    old.chmod(0o640)
    _export_to(hostile, old)
    assert old.stat().st_mode & 0o777 == 0o640
    assert zipfile.is_zipfile(old)
    assert [p.name for p in old.parent.iterdir()] == ["report.xlsx"]  # no temporary file left


def test_a_killed_export_leaves_the_old_file(hostile: Database, tmp_path: Path) -> None:
    """The export is stopped (SIGKILL) while its workbook is half written."""
    old = tmp_path / "report.xlsx"
    old.write_bytes(b"yesterday's report")
    started = tmp_path / "started"
    script = textwrap.dedent(f"""
        import time
        from datetime import date
        from pathlib import Path
        from supervisor_app.reports import table
        from supervisor_app.reports.export import export_report
        from supervisor_app.reports.request import ExportRequest
        from supervisor_app.services.database import open_database

        real = table.CellMaker.row
        def slow(self, values):
            Path({str(started)!r}).touch()
            time.sleep(60)
            return real(self, values)
        table.CellMaker.row = slow
        db = open_database({hostile.url!r}, upgrade=False)
        export_report(db, ExportRequest("service", date(2026, 11, 16), date(2026, 11, 16)),
                      Path({str(old)!r}))
    """)
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert child.poll() is None, "the export ended before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert any(p.name.endswith(".xlsx.part") for p in tmp_path.iterdir())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert old.read_bytes() == b"yesterday's report"


# The aborted save leaves openpyxl's write-only sheet writers half-open; collected later
# they complain ("exception ignored"), which would land on whichever test runs next.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_disk_full_during_export_is_a_plain_message_and_keeps_the_old_file(
    hostile: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ENOSPC`` while the workbook is saved: the user reads "the disk is full" with what to
    do, the old report is untouched and no temporary file is left behind."""
    import errno

    from openpyxl import Workbook

    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "report.xlsx"
    old.write_bytes(b"yesterday's report")

    def full_disk(self: Workbook, filename: object) -> None:
        Path(str(filename)).write_bytes(b"half a work")  # some bytes made it before the disk filled
        raise OSError(errno.ENOSPC, "No space left on device", str(filename))

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(UserError) as caught:
        _export_to(hostile, old)
    message = str(caught.value)
    assert message.startswith("The disk is full: ")
    assert str(old) in message and "Free some space" in message
    assert "Traceback" not in message and "Errno" not in message
    assert old.read_bytes() == b"yesterday's report"
    assert [p.name for p in folder.iterdir()] == ["report.xlsx"]
    del caught  # its traceback holds the workbook
    gc.collect()  # here, where the complaint is expected, not in the next test
