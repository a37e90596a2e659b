"""``supervisor-app import queue-log`` as a user runs it: a real process, a real SQLite file."""

from __future__ import annotations

import gzip
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from cli_runner import CliRunner


def count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_import_prints_what_it_read_and_a_second_run_adds_nothing(
    cli: CliRunner, tmp_path: Path, real_files: tuple[Path, Path]
) -> None:
    pipe, _ = real_files
    db = tmp_path / "cc.db"
    packed = tmp_path / "queue_log.1.gz"
    packed.write_bytes(gzip.compress(pipe.read_bytes()))
    first = cli("--db", str(db), "import", "queue-log", str(packed))
    assert first.returncode == 0, first.stderr
    assert "read lines 1–85 (pipe format)" in first.stdout
    assert "ENTERQUEUE 8" in first.stdout
    assert "8 contact(s) added" in first.stdout
    assert "new queues: Support, sales" in first.stdout
    again = cli("--db", str(db), "import", "queue-log", str(pipe))
    assert again.returncode == 0, again.stderr
    assert "nothing new to read (already imported up to line 85)" in again.stdout
    assert count(db, "SELECT count(*) FROM contacts") == 8


def test_skipped_lines_are_listed_and_strict_refuses(cli: CliRunner, tmp_path: Path) -> None:
    log = tmp_path / "queue_log"
    log.write_text(
        "1700000000|NONE|NONE|NONE|QUEUESTART|\n"
        "garbage\n"
        "1700000001|1.1|q|NONE|ENTERQUEUE||5|1\n"
        "1700000002|1.1|q|NONE|WHATEVER|\n"
    )
    db = tmp_path / "cc.db"
    strict = cli("--db", str(db), "import", "queue-log", str(log), "--strict")
    assert strict.returncode == 1
    assert strict.stderr.strip() == (
        f"supervisor-app: error: {log}: line 2: 1 field(s), "
        "expected time|callid|queue|agent|event[|data…]"
    )
    assert count(db, "SELECT count(*) FROM contacts") == 0
    lenient = cli("--db", str(db), "import", "queue-log", str(log))
    assert lenient.returncode == 0, lenient.stderr
    assert "skipped 1 malformed line(s):\n    line 2: 1 field(s)" in lenient.stdout
    assert "unknown events (counted, not used): WHATEVER 1" in lenient.stdout
    assert count(db, "SELECT count(*) FROM contacts") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--timezone", "Mars/Base"), "'Mars/Base' is not a time zone"),
        ((), "no such file"),
    ],
)
def test_bad_input_is_one_line(
    cli: CliRunner, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = cli(
        "--db", str(tmp_path / "x.db"), "import", "queue-log", str(tmp_path / "missing"), *args
    )
    assert result.returncode in (1, 2)
    assert message in result.stderr and "Traceback" not in result.stderr


def test_follow_runs_until_sigterm(cli: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "cc.db"
    log = tmp_path / "queue_log"
    log.write_text("1700000000|9.1|q|NONE|ENTERQUEUE||5|1\n")
    proc = cli.on(db).start("import", "queue-log", str(log), "--follow")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if db.exists():
                try:
                    if count(db, "SELECT count(*) FROM contacts WHERE ended_at IS NULL") == 1:
                        break
                except sqlite3.OperationalError:
                    pass  # the schema is still being created
            time.sleep(0.05)
        with log.open("a") as handle:
            handle.write("1700000009|9.1|q|NONE|ABANDON|1|1|9\n")
        while time.monotonic() < deadline:
            if count(db, "SELECT count(*) FROM contacts WHERE outcome = 'abandoned'") == 1:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "following into" in out
    assert "stopped; 1 contact(s) added, 1 completed" in out
