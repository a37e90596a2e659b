"""Hostile queue_log files are bounded: an endless line is never assembled, a gzip bomb is
refused, and each says so; the rest of the file still imports all or nothing."""

from __future__ import annotations

import gzip
import sqlite3
import tracemalloc
from pathlib import Path

from cli_runner import CliRunner

from supervisor_app.ingest.queue_log.source import MAX_LINE_BYTES, LineReader

START = "1700000000|NONE|NONE|NONE|QUEUESTART|\n"
ENTER = "1700000001|1.1|q|NONE|ENTERQUEUE||5|1\n"


def count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(sql).fetchone()[0])


class Endless:
    """``size`` bytes of ``x`` without a newline, then ``tail``: made as read, never held."""

    def __init__(self, size: int, tail: bytes) -> None:
        self.left, self.tail = size, tail

    def read(self, n: int) -> bytes:
        if self.left:
            step = min(n, self.left)
            self.left -= step
            return b"x" * step
        data, self.tail = self.tail, b""
        return data


def test_a_line_without_end_costs_one_chunk_of_memory() -> None:
    size = 64 * LineReader.CHUNK  # 64 MiB in one "line"
    reader = LineReader(Endless(size, b"\n" + ENTER.encode()), 0, 0)  # type: ignore[arg-type]
    tracemalloc.start()
    try:
        got = list(reader.lines())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got == [(1, None), (2, ENTER.rstrip("\n"))]
    assert reader.offset == size + 1 + len(ENTER) and reader.pending == 0
    assert peak < 4 * LineReader.CHUNK, f"peak {peak:,} bytes"


def test_a_line_at_the_limit_is_read_and_one_byte_more_is_not() -> None:
    at_limit = b"y" * MAX_LINE_BYTES + b"\n"
    over = b"z" * (MAX_LINE_BYTES + 1) + b"\n"
    reader = LineReader(Endless(0, at_limit + over + b"tail"), 0, 0)  # type: ignore[arg-type]
    got = list(reader.lines(final=True))
    assert [(n, None if t is None else len(t)) for n, t in got] == [
        (1, MAX_LINE_BYTES),
        (2, None),
        (3, 4),
    ]
    assert reader.offset == len(at_limit) + len(over) + 4


def test_a_long_line_is_skipped_by_number_and_strict_refuses(
    cli: CliRunner, tmp_path: Path
) -> None:
    log = tmp_path / "queue_log"
    log.write_text(START + "1700000001|" + "x" * 200_000 + "\n" + ENTER)
    db = tmp_path / "cc.db"
    strict = cli("--db", str(db), "import", "queue-log", str(log), "--strict")
    assert strict.returncode == 1
    # 8192 characters take at most 32,768 bytes in UTF-8; the line is 200,011.
    assert strict.stderr.strip() == (
        f"supervisor-app: error: {log}: line 2: "
        "line is over 32,768 bytes long (at most 8,192 characters)"
    )
    assert count(db, "SELECT count(*) FROM contacts") == 0
    lenient = cli("--db", str(db), "import", "queue-log", str(log))
    assert lenient.returncode == 0, lenient.stderr
    assert "skipped 1 malformed line(s):\n    line 2: line is over 32,768 bytes" in lenient.stdout
    assert count(db, "SELECT count(*) FROM contacts") == 1


def test_a_file_without_a_newline_is_refused_in_one_line(cli: CliRunner, tmp_path: Path) -> None:
    log = tmp_path / "queue_log"
    log.write_bytes(b"1700000000|" + b"x" * (1 << 20))
    result = cli("--db", str(tmp_path / "cc.db"), "import", "queue-log", str(log))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"supervisor-app: error: {log}: line 1 has no end in the first 64 KiB: not a queue_log"
    )


def test_a_gzip_bomb_is_refused_and_nothing_written(cli: CliRunner, tmp_path: Path) -> None:
    bomb = tmp_path / "queue_log.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        out.write((START + ENTER).encode())
        blank = b" " * 32_767 + b"\n"  # a malformed line; 48 MiB of them pack about 1000:1
        for _ in range(48 * 32):
            out.write(blank)
    assert bomb.stat().st_size < 200_000
    db = tmp_path / "cc.db"
    result = cli("--db", str(db), "import", "queue-log", str(bomb))
    assert result.returncode == 1, result.stdout
    assert "refused as a possible gzip bomb" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert count(db, "SELECT count(*) FROM contacts") == 0
