"""Random, truncated and damaged input: a clear error or a counted skip, never a crash or half.

Every generated file starts with its own QUEUESTART line, so each example is a
file the database has not seen (files are known by their first line).
"""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from queue_log_helpers import PIPE_FILE, table_rows

from supervisor_app.ingest.queue_log import ImportOptions, QueueLogError, import_queue_log
from supervisor_app.services.database import Database, open_database

VALID = [
    "1700000000|1.1|q|NONE|ENTERQUEUE||555|1",
    "1700000010|1.1|q|SIP/1|CONNECT|10|1.2|2",
    "1700000070|1.1|q|SIP/1|COMPLETEAGENT|10|60|1",
    "1700000080|NONE|q|SIP/1|PAUSE|Lunch",
    "1700000090|NONE|q|SIP/1|UNPAUSE|",
    "1700000100|2.1|q|NONE|ENTERQUEUE||556|1",
    "1700000120|2.1|q|NONE|ABANDON|1|1|20",
    "1700000130|3.1|q|SIP/1|TRANSFER|200|ctx|5|20|1",
    "1700000140|NONE|NONE|SIP/1|AGENTLOGOFF|SIP/1|100",
]
if PIPE_FILE.exists():
    VALID += [line for line in PIPE_FILE.read_text().splitlines() if line]
_serial = itertools.count()

noise = st.text(
    st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)), max_size=80
)
truncated = st.builds(lambda line, cut: line[:cut], st.sampled_from(VALID), st.integers(0, 60))
mangled = st.builds(
    lambda line, at, junk: line[:at] + junk + line[at:],
    st.sampled_from(VALID),
    st.integers(0, 40),
    st.sampled_from(["|", "x", "\x00", "é", "||", " "]),
)
lines = st.lists(st.one_of(st.sampled_from(VALID), noise, truncated, mangled), max_size=25)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path]]:
    folder = tmp_path_factory.mktemp("fuzz")
    db = open_database(f"sqlite:///{folder / 'fuzz.db'}")
    try:
        yield db, folder
    finally:
        db.close()


def _write(folder: Path, body: list[str]) -> Path:
    n = next(_serial)
    path = folder / f"queue_log.{n}"
    head = f"{1_600_000_000 + n}|NONE|NONE|NONE|QUEUESTART|"
    path.write_text("\n".join([head, *body]) + "\n", encoding="utf-8")
    return path


def _totals(db: Database) -> list[tuple[object, ...]]:
    return table_rows(
        db,
        "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM agent_state_spans), "
        "(SELECT count(*) FROM queue_log_files), (SELECT count(*) FROM queues)",
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=lines)
def test_lenient_import_reads_every_line_and_skips_the_bad_ones(
    fuzz_db: tuple[Database, Path], body: list[str]
) -> None:
    db, folder = fuzz_db
    summary = import_queue_log(db, _write(folder, body))
    assert summary.lines == len(body) + 1
    assert summary.skipped <= len(body)
    for skip in summary.first_skips:
        assert 2 <= skip.line <= len(body) + 1 and skip.reason


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=lines)
def test_strict_import_is_all_or_nothing(fuzz_db: tuple[Database, Path], body: list[str]) -> None:
    db, folder = fuzz_db
    before = _totals(db)
    path = _write(folder, body)
    try:
        import_queue_log(db, path, ImportOptions(strict=True))
    except QueueLogError as exc:
        assert str(exc).startswith(f"{path}: line ")
        assert _totals(db) == before
    else:
        assert _totals(db)[0][2] == before[0][2] + 1  # the file is now known


def test_a_damaged_gzip_is_refused_whole(fuzz_db: tuple[Database, Path]) -> None:
    db, folder = fuzz_db
    body = "\n".join(f"{1_650_000_000 + i}|{i}.1|q|NONE|ENTERQUEUE||5|1" for i in range(5000))
    packed = gzip.compress(body.encode())
    damaged = folder / "queue_log.9.gz"
    damaged.write_bytes(packed[: len(packed) // 2])
    before = _totals(db)
    with pytest.raises(QueueLogError, match="damaged"):
        import_queue_log(db, damaged)
    assert _totals(db) == before


def test_a_file_that_is_not_a_queue_log_is_refused_at_line_1(
    fuzz_db: tuple[Database, Path],
) -> None:
    db, folder = fuzz_db
    other = folder / "contacts.csv"
    other.write_text("contact_id,queue,channel,arrived_at\n1,sales,voice,2026-01-01\n")
    with pytest.raises(QueueLogError, match="line 1 is neither"):
        import_queue_log(db, other)
    missing = folder / "nowhere"
    with pytest.raises(QueueLogError, match="no such file"):
        import_queue_log(db, missing)


EVENTS = [
    "ENTERQUEUE||{n}|1",
    "CONNECT|{n}|x.1|1",
    "COMPLETEAGENT|{n}|{n}|1",
    "COMPLETECALLER|{n}|{n}|1",
    "TRANSFER|200|ctx|{n}|{n}|1",
    "BLINDTRANSFER|200|ctx|{n}|{n}|1",
    "ATTENDEDTRANSFER|BRIDGE|x|{n}|{n}|1",
    "ABANDON|1|1|{n}",
    "EXITWITHKEY|5|1|1|{n}",
    "EXITWITHTIMEOUT|1|1|{n}",
    "EXITEMPTY|1|1|{n}",
    "RINGNOANSWER|{n}000",
    "RINGCANCELED|{n}000",
    "AGENTLOGIN|SIP/x",
    "AGENTLOGOFF|SIP/x|{n}",
    "AGENTCALLBACKLOGIN|1@ctx",
    "AGENTCALLBACKLOGOFF|1@ctx|{n}|Autologoff",
    "ADDMEMBER|",
    "REMOVEMEMBER|",
    "PAUSE|Lunch",
    "PAUSE|",
    "UNPAUSE|",
    "PAUSEALL|Training",
    "UNPAUSEALL|",
    "DID|555",
]
well_formed = st.lists(
    st.tuples(
        st.integers(-5, 30),  # seconds after the previous line; negative: logged out of order
        st.sampled_from(["1.1", "2.1", "3.1", "NONE"]),
        st.sampled_from(["q1", "q2", "NONE"]),
        st.sampled_from(["SIP/1", "SIP/2", "NONE"]),
        st.sampled_from(EVENTS),
        st.integers(0, 40),
    ),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=well_formed, cut=st.integers(0, 40))
def test_any_sequence_of_events_stores_and_reads_again_as_nothing_new(
    fuzz_db: tuple[Database, Path], events: list[tuple[int, str, str, str, str, int]], cut: int
) -> None:
    """Whatever order events come in, read in two parts, the rows keep the schema's rules
    (an answer after the arrival, spans ending after they start, one open span an agent:
    the database refuses anything else) and a third read adds nothing."""
    db, folder = fuzz_db
    t = 1_700_000_000 + next(_serial) * 100_000
    body = []
    for step, callid, queue, agent, event, n in events:
        t += step
        body.append(f"{t}|{callid}|{queue}|{agent}|{event.format(n=n)}")
    path = _write(folder, body[:cut])
    import_queue_log(db, path)
    with path.open("a") as handle:
        handle.write("".join(line + "\n" for line in body[cut:]))
    import_queue_log(db, path)
    before = _totals(db)
    again = import_queue_log(db, path)
    assert again.lines == 0
    assert _totals(db) == before
