"""The real queue_log rows in tests/data/shared, imported on SQLite and PostgreSQL.

Expected values come from reading the files with a few lines of plain code
here (split on ``|``, the csv module), never from the importer.
"""

from __future__ import annotations

import csv
import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from queue_log_helpers import contacts, spans, table_rows

from supervisor_app.ingest.queue_log import import_queue_log
from supervisor_app.services.database import Database, open_database


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


def pipe_rows(path: Path) -> list[list[str]]:
    return [line.split("|") for line in path.read_text().splitlines() if line]


def expected_from_lines(
    rows: list[list[str]],
) -> dict[str, tuple[str, float, float | None, float, str]]:
    """callid -> (queue, arrived, answered, ended, outcome), straight from the lines."""
    end_outcome = {
        "COMPLETEAGENT": "answered",
        "COMPLETECALLER": "answered",
        "ABANDON": "abandoned",
        "EXITWITHTIMEOUT": "timed_out",
    }
    calls: dict[str, dict[str, object]] = {}
    for time, callid, queue, _agent, event, *_data in rows:
        if event == "ENTERQUEUE":
            calls[callid] = {"queue": queue, "arrived": float(time), "answered": None}
        elif event == "CONNECT":
            calls[callid]["answered"] = float(time)
        elif event in end_outcome:
            calls[callid]["ended"] = float(time)
            calls[callid]["outcome"] = end_outcome[event]
    return {
        k: (str(c["queue"]), c["arrived"], c["answered"], c["ended"], str(c["outcome"]))  # type: ignore[misc]
        for k, c in calls.items()
    }


def test_the_pipe_file_gives_its_calls_and_the_agent_timeline(
    db: Database, real_files: tuple[Path, Path]
) -> None:
    pipe, _ = real_files
    rows = pipe_rows(pipe)
    expected = expected_from_lines(rows)
    summary = import_queue_log(db, pipe)

    assert summary.lines == len(rows) == 85
    assert summary.skipped == 0 and summary.unknown == {}
    events: dict[str, int] = {}
    for row in rows:
        events[row[4]] = events.get(row[4], 0) + 1
    assert summary.events == events

    got = {c[0].split("|")[0]: c for c in contacts(db)}
    assert set(got) == set(expected)
    for callid, (queue, arrived, answered, ended, outcome) in expected.items():
        _key, g_queue, _customer, g_arrived, g_answered, g_ended, wrapped, g_outcome, agent = got[
            callid
        ]
        assert (g_queue, g_arrived, g_answered, g_ended, g_outcome) == (
            queue,
            arrived,
            answered,
            ended,
            outcome,
        )
        assert agent == ("PJSIP/400" if answered else None)
        assert wrapped == (ended if answered else None)  # Asterisk logs no wrap-up
    # ENTERQUEUE's second data field is the caller id.
    enter = {r[1]: r[6] for r in rows if r[4] == "ENTERQUEUE"}
    assert {k: c[2] for k, c in got.items()} == enter
    assert sorted(r[0] for r in table_rows(db, "SELECT name FROM queues")) == ["Support", "sales"]

    # By hand: PJSIP/400 talks 1675555761-766, waits, talks 1675720971-1675721075, then
    # stays available (the log never logs it off). Its RINGNOANSWER/RINGCANCELED change nothing.
    assert spans(db) == [
        ("PJSIP/400", "on_contact", None, 1675555761.0, 1675555766.0),
        ("PJSIP/400", "available", None, 1675555766.0, 1675720971.0),
        ("PJSIP/400", "on_contact", None, 1675720971.0, 1675721075.0),
        ("PJSIP/400", "available", None, 1675721075.0, None),
    ]


def test_the_csv_dump_reads_like_the_pipe_file(
    db_url: str, real_files: tuple[Path, Path], tmp_path: Path
) -> None:
    pipe, dump = real_files
    with dump.open(newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == 85
    offered = {(r["callid"], r["queuename"]) for r in table if r["event"] == "ENTERQUEUE"}
    answered = {r["callid"] for r in table if r["event"] == "CONNECT"}

    from_csv = open_database(db_url)
    try:
        summary = import_queue_log(from_csv, dump)
        assert (summary.format, summary.lines, summary.skipped) == ("csv", 85, 0)
        got = contacts(from_csv)
        assert {(c[0].split("|")[0], c[1]) for c in got} == offered
        assert {c[0].split("|")[0] for c in got if c[4] is not None} == answered
        csv_view = (got, spans(from_csv))
    finally:
        from_csv.close()
    other = open_database(f"sqlite:///{tmp_path / 'pipe.db'}")
    try:
        import_queue_log(other, pipe)
        assert (contacts(other), spans(other)) == csv_view
    finally:
        other.close()


def test_importing_again_in_any_form_adds_nothing(
    db: Database, real_files: tuple[Path, Path], tmp_path: Path
) -> None:
    pipe, dump = real_files
    first = import_queue_log(db, pipe)
    assert (first.counts.contacts_added, first.counts.spans_added) == (8, 4)
    before = (contacts(db), spans(db), table_rows(db, "SELECT count(*) FROM agents"))

    renamed = tmp_path / "queue_log.1"
    shutil.copy(pipe, renamed)
    packed = tmp_path / "queue_log.2.gz"
    packed.write_bytes(gzip.compress(pipe.read_bytes()))
    for again in (pipe, renamed, packed, dump):
        summary = import_queue_log(db, again)
        counts = summary.counts
        assert (
            counts.contacts_added,
            counts.contacts_updated,
            counts.spans_added,
            counts.queues_added,
            counts.agents_added,
        ) == (0, 0, 0, [], []), again
    assert (contacts(db), spans(db), table_rows(db, "SELECT count(*) FROM agents")) == before


def test_a_file_read_as_it_grows_ends_as_if_read_at_once(
    db: Database, real_files: tuple[Path, Path], tmp_path: Path
) -> None:
    pipe, _ = real_files
    lines = pipe.read_text().splitlines(keepends=True)
    growing = tmp_path / "queue_log"
    # Cut inside calls: after an ENTERQUEUE (10), after a CONNECT (11), mid-line (19.5).
    growing.write_text("".join(lines[:10]))
    import_queue_log(db, growing)
    waiting = [c for c in contacts(db) if c[5] is None]
    assert len(waiting) == 1  # the caller of line 10 is still waiting
    with growing.open("a") as handle:
        handle.write(lines[10])
    import_queue_log(db, growing)
    with growing.open("a") as handle:
        handle.write("".join(lines[11:19]) + lines[19][:12])
    partial = import_queue_log(db, growing)
    assert partial.pending_bytes == 12
    with growing.open("a") as handle:
        handle.write(lines[19][12:] + "".join(lines[20:]))
    import_queue_log(db, growing)

    whole = open_database(f"sqlite:///{tmp_path / 'whole.db'}")
    try:
        import_queue_log(whole, pipe)
        assert contacts(db) == contacts(whole)
        assert spans(db) == spans(whole)
    finally:
        whole.close()


def test_a_call_split_by_rotation_is_one_contact_whichever_file_comes_first(
    db_url: str, tmp_path: Path
) -> None:
    older = tmp_path / "queue_log.1"
    newer = tmp_path / "queue_log"
    older.write_text(
        "1700000000|NONE|NONE|NONE|QUEUESTART|\n"
        "1700000100|9.1|q|NONE|ENTERQUEUE||555|1\n"
        "1700000110|9.1|q|SIP/5|CONNECT|10|9.2|1\n"
    )
    # COMPLETEAGENT holdtime 10, calltime 50: answered at ...110, arrived at ...100.
    newer.write_text("1700000160|9.1|q|SIP/5|COMPLETEAGENT|10|50|1\n")
    expected = [
        (
            "9.1|q|1700000100",
            "q",
            None,
            1700000100.0,
            1700000110.0,
            1700000160.0,
            1700000160.0,
            "answered",
            "SIP/5",
        ),
    ]
    for order in ((older, newer), (newer, older)):
        db = open_database(db_url)
        try:
            for path in order:
                import_queue_log(db, path)
            got = contacts(db)
            assert [c[:2] + c[3:] for c in got] == [e[:2] + e[3:] for e in expected], order
            # The caller id is only in the older file's ENTERQUEUE.
            assert got[0][2] == ("555" if order[0] is older else None)
            # Read late, the older file's open span stops where the stored one begins.
            assert spans(db) == [
                ("SIP/5", "on_contact", None, 1700000110.0, 1700000160.0),
                ("SIP/5", "available", None, 1700000160.0, None),
            ], order
        finally:
            with db.engine.begin() as conn:
                for table in ("contacts", "agent_state_spans", "queue_log_files"):
                    conn.exec_driver_sql(f"DELETE FROM {table}")
            db.close()
