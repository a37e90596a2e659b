"""CSV files are streamed: memory stays flat however large the file, and a fault found on
the way (a NUL, a byte the encoding can't read, an endless line) still stops the import
with one line and writes nothing."""

from __future__ import annotations

import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from cli_runner import CliRunner

from supervisor_app.ingest.files.csv_reader import MAX_LINE_CHARS
from supervisor_app.ingest.files.table import UnreadableFile, open_table

HEADER = "contact_id,queue,channel,arrived_at,ended_at\n"


def row(i: int) -> str:
    return f"{i},Sales,voice,2024-03-01 09:{i % 60:02d}:00,2024-03-01 09:{i % 60:02d}:30\n"


def test_a_large_csv_is_read_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = 400_000
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for i in range(rows):
            out.write(row(i))
    size = path.stat().st_size
    assert size > 20 * 2**20
    tracemalloc.start()
    try:
        table = open_table(path)
        read = sum(1 for _ in table.rows())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (read, table.total_rows) == (rows, rows)
    # Holding the file even once would cost its size; streaming costs a few chunks.
    assert peak < 8 * 2**20 < size / 2, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_an_endless_line_is_refused_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(HEADER + row(1) + "2," + "x" * (MAX_LINE_CHARS + 10) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match=r"line 3: longer than 1,048,576 characters"):
        list(open_table(path).rows())  # found by the delimiter's look at the first lines


def test_a_byte_the_encoding_cannot_read_far_into_the_file(tmp_path: Path) -> None:
    # é (0xE9) makes it Windows-1252, read from the first 64 KiB; 0x81 is undefined there.
    path = tmp_path / "late.csv"
    body = HEADER.encode() + b"".join(row(i).replace("Sales", "Caf\xe9").encode("latin-1")
                                      for i in range(3000))  # fmt: skip
    assert len(body) > 64 * 1024
    path.write_bytes(body + b"9,Sales\x81,voice,2024-03-01 10:00:00,2024-03-01 10:01:00\n")
    table = open_table(path)
    assert table.format.encoding == "cp1252"
    with pytest.raises(UnreadableFile, match=r"not readable as cp1252 text"):
        list(table.rows())


def test_a_nul_in_the_last_row_stops_the_import_and_writes_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "nul.csv"
    path.write_text(HEADER + row(1) + row(2) + "3,Sa\x00les,voice,x,y\n", encoding="utf-8")
    db = tmp_path / "s.db"
    done = cli("--db", f"sqlite:///{db}", "import", "contacts", str(path))
    assert done.returncode == 1
    assert done.stderr.strip().endswith("nul.csv: not a text file (it holds NUL bytes)")
    assert "Traceback" not in done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
