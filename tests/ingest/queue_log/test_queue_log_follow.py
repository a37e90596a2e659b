"""``--follow``: a live log appended to, rotated, truncated, and the follower restarted.

The follower runs on a thread against a real database (SQLite and PostgreSQL);
the test writes the log like Asterisk and logrotate would and waits (up to a
few seconds) for the rows to show through a separate connection.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from queue_log_helpers import contacts, spans

from supervisor_app.ingest.queue_log import follow_queue_log
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.kpi.rollup_store import valid_days
from supervisor_app.services.sites import the_site
from supervisor_app.services.writers.queue_log import WriteCounts

T = 1_700_000_000


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


class Follower:
    def __init__(
        self, db: Database, path: Path, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.stop = threading.Event()
        self.result: list[WriteCounts] = []
        self.error: list[BaseException] = []
        self._clock = {} if clock is None else {"clock": clock}
        self._thread = threading.Thread(target=self._run, args=(db, path), daemon=True)
        self._thread.start()

    def _run(self, db: Database, path: Path) -> None:
        try:
            self.result.append(
                follow_queue_log(
                    db, path, self.stop, poll=0.05, on_error=self._retrying, **self._clock
                )
            )
        except BaseException as exc:  # handed to the test thread
            self.error.append(exc)

    @staticmethod
    def _retrying(error: Exception, pause: float) -> None:
        # Shown with a failure's captured output: a retried batch explains a slow row.
        print(f"follower retries in {pause:.0f} s after: {error}")

    def finish(self) -> WriteCounts:
        self.stop.set()
        self._thread.join(timeout=10)
        assert not self._thread.is_alive()
        if self.error:
            raise self.error[0]
        return self.result[0]


@pytest.fixture
def follow(db: Database) -> Iterator[Callable[[Path], Follower]]:
    started: list[Follower] = []

    def start(path: Path) -> Follower:
        follower = Follower(db, path)
        started.append(follower)
        return follower

    yield start
    for follower in started:
        follower.stop.set()


def write(path: Path, *lines: str) -> None:
    with path.open("a") as handle:
        handle.write("".join(line + "\n" for line in lines))
        handle.flush()


def eventually(read: Callable[[], Any], want: Any, seconds: float = 30) -> None:
    """Wait for ``read()`` to equal ``want``; generous, as CI's two cores run other work."""
    deadline = time.monotonic() + seconds
    while (got := read()) != want:
        if time.monotonic() > deadline:
            assert got == want
        time.sleep(0.02)


def outcomes(db: Database) -> list[tuple[str, str | None]]:
    return [(c[0].split("|")[0], c[7]) for c in contacts(db)]


def test_appended_lines_show_up(
    db: Database, follow: Callable[[Path], Follower], tmp_path: Path
) -> None:
    log = tmp_path / "queue_log"
    follower = follow(log)  # the file does not exist yet: it is waited for
    write(log, f"{T}|1.1|q|NONE|ENTERQUEUE||555|1")
    eventually(lambda: outcomes(db), [("1.1", None)])
    write(log, f"{T + 5}|1.1|q|SIP/1|CONNECT|5|1.2|1")
    eventually(lambda: [c[4] for c in contacts(db)], [T + 5.0])
    with log.open("a") as handle:  # a line written in two goes is read once it is whole
        handle.write(f"{T + 65}|1.1|q|SIP/1|COMPLETE")
    time.sleep(0.2)
    assert outcomes(db) == [("1.1", None)]
    write(log, "AGENT|5|60|1")
    eventually(lambda: outcomes(db), [("1.1", "answered")])
    counts = follower.finish()
    assert (counts.contacts_added, counts.contacts_updated) == (1, 2)


def test_rotation_carries_calls_over_to_the_new_file(
    db: Database, follow: Callable[[Path], Follower], tmp_path: Path
) -> None:
    log = tmp_path / "queue_log"
    write(log, f"{T}|2.1|q|NONE|ENTERQUEUE||555|1", f"{T + 3}|2.1|q|SIP/2|CONNECT|3|2.2|1")
    follower = follow(log)
    eventually(lambda: [c[4] for c in contacts(db)], [T + 3.0])
    write(log, f"{T + 4}|3.1|q|NONE|ENTERQUEUE||556|1")  # just before the rotation
    log.rename(tmp_path / "queue_log.1")
    write(log, f"{T + 40}|2.1|q|SIP/2|COMPLETECALLER|3|37|1", f"{T + 41}|3.1|q|NONE|ABANDON|1|1|37")
    eventually(lambda: outcomes(db), [("2.1", "answered"), ("3.1", "abandoned")])
    follower.finish()
    assert spans(db) == [
        ("SIP/2", "on_contact", None, T + 3.0, T + 40.0),
        ("SIP/2", "available", None, T + 40.0, None),
    ]


def test_truncation_in_place_is_read_from_the_start(
    db: Database, follow: Callable[[Path], Follower], tmp_path: Path
) -> None:
    log = tmp_path / "queue_log"
    write(
        log,
        *(f"{T + i}|NONE|NONE|NONE|CONFIGRELOAD|" for i in range(50)),
        f"{T + 60}|4.1|q|NONE|ENTERQUEUE||555|1",
    )
    follower = follow(log)
    eventually(lambda: outcomes(db), [("4.1", None)])
    with log.open("r+") as handle:  # logrotate's copytruncate
        handle.truncate(0)
    write(log, f"{T + 70}|4.1|q|NONE|ABANDON|1|1|10", f"{T + 80}|5.1|q|NONE|ENTERQUEUE||1|1")
    eventually(lambda: outcomes(db), [("4.1", "abandoned"), ("5.1", None)])
    follower.finish()


def test_a_restarted_follower_resumes_after_the_last_line_it_committed(
    db: Database, follow: Callable[[Path], Follower], tmp_path: Path
) -> None:
    log = tmp_path / "queue_log"
    write(
        log,
        f"{T}|NONE|q|SIP/3|ADDMEMBER|",
        f"{T + 1}|6.1|q|NONE|ENTERQUEUE||555|1",
        f"{T + 2}|6.1|q|SIP/3|CONNECT|1|6.2|1",
    )
    first = follow(log)
    eventually(lambda: [c[4] for c in contacts(db)], [T + 2.0])
    first.finish()
    # Written while nobody follows: the end of call 6.1 and a new call.
    write(
        log,
        f"{T + 30}|6.1|q|SIP/3|COMPLETEAGENT|1|28|1",
        f"{T + 31}|7.1|q|NONE|ENTERQUEUE||556|1",
        f"{T + 50}|7.1|q|NONE|EXITEMPTY|1|1|19",
    )
    second = follow(log)
    eventually(lambda: outcomes(db), [("6.1", "answered"), ("7.1", "timed_out")])
    counts = second.finish()
    assert (counts.contacts_added, counts.contacts_updated) == (1, 1)
    assert spans(db) == [
        ("SIP/3", "available", None, T + 0.0, T + 2.0),
        ("SIP/3", "on_contact", None, T + 2.0, T + 30.0),
        ("SIP/3", "available", None, T + 30.0, None),
    ]
    # A third start with nothing new adds nothing.
    third = follow(log)
    time.sleep(0.3)
    counts = third.finish()
    assert (counts.contacts_added, counts.contacts_updated, counts.spans_added) == (0, 0, 0)


def test_a_compressed_file_can_not_be_followed(db: Database, tmp_path: Path) -> None:
    import gzip

    from supervisor_app.ingest.queue_log import QueueLogError

    packed = tmp_path / "queue_log.1.gz"
    packed.write_bytes(gzip.compress(b"1700000000|NONE|NONE|NONE|QUEUESTART|\n"))
    with pytest.raises(QueueLogError, match="does not grow"):
        follow_queue_log(db, packed, threading.Event())


def test_the_follower_stops_on_request_while_waiting_for_the_file(
    db: Database, tmp_path: Path
) -> None:
    follower = Follower(db, tmp_path / "not_yet")
    time.sleep(0.1)
    assert follower.finish().contacts_added == 0
    assert not os.path.exists(tmp_path / "not_yet")


@pytest.mark.pg
def test_connections_killed_under_the_follower_lose_and_double_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    db = open_database(pg_url)
    log = tmp_path / "queue_log"
    write(log, f"{T}|NONE|NONE|NONE|QUEUESTART|")
    errors: list[str] = []
    stop = threading.Event()
    follower = threading.Thread(
        target=follow_queue_log,
        args=(db, log, stop),
        kwargs={"poll": 0.02, "on_error": lambda exc, pause: errors.append(str(exc))},
        daemon=True,
    )
    follower.start()
    url = make_url(pg_url)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, autocommit=True) as admin:
            for k in range(60):
                write(
                    log,
                    f"{T + k}|{k}.1|q|NONE|ENTERQUEUE||{k}|1",
                    f"{T + k}|{k}.1|q|NONE|ABANDON|1|1|0",
                )
                if k % 3 == 0:  # every connection of the follower, idle or mid-transaction
                    admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()",
                        [url.database],
                    )
                time.sleep(0.03)
        eventually(lambda: len(outcomes(db)), 60, seconds=90)
        assert outcomes(db) == sorted((f"{k}.1", "abandoned") for k in range(60))
    finally:
        stop.set()
        follower.join(timeout=60)
        db.close()
    assert not follower.is_alive()


def test_each_file_session_writes_one_audit_row(
    db: Database, follow: Callable[[Path], Follower], tmp_path: Path
) -> None:
    import hashlib

    from sqlalchemy import select

    from supervisor_app.store.models import AuditEntry

    log = tmp_path / "queue_log"
    write(log, f"{T}|6.1|q|NONE|ENTERQUEUE||555|1", "not a queue_log line")
    follower = follow(log)
    eventually(lambda: outcomes(db), [("6.1", None)])
    write(log, f"{T + 9}|6.1|q|NONE|ABANDON|1|1|9")  # a batch of its own: still one row
    eventually(lambda: outcomes(db), [("6.1", "abandoned")])
    log.rename(tmp_path / "queue_log.1")  # rotation ends the first file's session
    write(log, f"{T + 20}|7.1|q|NONE|ENTERQUEUE||556|1")
    eventually(lambda: len(outcomes(db)), 2)
    follower.finish()  # stopping ends the second file's session
    with db.sessions() as s:
        rows = [r.after for r in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert all(r is not None for r in rows)
    first = (tmp_path / "queue_log.1").read_bytes()
    # Session 1: 3 lines (one malformed, skipped); contact 6.1 added, then completed.
    assert [
        (r["rows_in"], r["rows_skipped"], r["contacts_added"], r["sha256"])  # type: ignore[index]
        for r in rows
    ] == [
        (3, 1, 1, hashlib.sha256(first).hexdigest()),
        (1, 0, 1, hashlib.sha256(log.read_bytes()).hexdigest()),
    ]


def test_a_day_that_ends_while_the_follower_runs_is_summarised_as_the_reports_count_it(
    db: Database, tmp_path: Path
) -> None:
    """The follower's upkeep keeps each day once it has ended on its clock: after midnight
    the day's first report reads the summary and builds nothing, and reads what the raw
    rows say."""
    log = tmp_path / "queue_log"
    day = datetime.fromtimestamp(T, UTC).date()  # 2023-11-14; the created site is in UTC
    now = [datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=23, minutes=59)]
    write(
        log,
        f"{T}|7.1|q|NONE|ENTERQUEUE||555|1",
        f"{T + 12}|7.1|q|SIP/7|CONNECT|12|7.2|1",
        f"{T + 200}|7.1|q|SIP/7|COMPLETEAGENT|12|188|1",
        f"{T + 300}|8.1|q|NONE|ENTERQUEUE||556|1",
        f"{T + 340}|8.1|q|NONE|ABANDON|1|1|40",
    )
    follower = Follower(db, log, clock=lambda: now[0])
    eventually(lambda: outcomes(db), [("7.1", "answered"), ("8.1", "abandoned")])
    assert kept_days(db, day) == set(), "the day has not ended on the follower's clock"
    now[0] += timedelta(hours=1, minutes=1)  # 01:00 the next day: an hour since the last
    eventually(lambda: kept_days(db, day), {day})
    follower.finish()
    heard: list[float] = []
    report = kpi_report(db, day, day, "queue", now=now[0], progress=heard.append)
    assert heard == [], "the first report after midnight only read"
    raw = kpi_report(db, day, day, "queue", now=now[0], use_rollups=False)
    assert report.rows == raw.rows
    # By hand: two offered, one answered after 12 s, one abandoned after 40 s.
    (row,) = report.rows
    assert (row.sums.contacts.offered, row.sums.contacts.answered) == (2, 1)
    assert row.sums.contacts.abandoned == 1


def kept_days(db: Database, day: date) -> set[date]:
    with db.sessions() as session:
        site = the_site(session, None)
        return valid_days(session, site.id, day, day)
