"""Opening a queue_log file (plain or gzip), knowing it again, and reading whole lines.

A file is known by its first data line (with the header, for a CSV dump):
rotation renames a file but keeps its first line, so ``queue_log.1.gz`` is
recognised as the ``queue_log`` read earlier. Only lines ending in a newline
are read from a file that may still grow; the rest waits for the next read.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import BinaryIO

from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.queue_log.layouts import LayoutError, QueueLogMapping, detect
from supervisor_app.ingest.queue_log.lines import CsvLayout, LineError, parse_pipe

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 64 * 1024
BOM = b"\xef\xbb\xbf"


class QueueLogError(UserError):
    """The file can't be read as a queue_log (missing, not one, strict-mode bad line)."""


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def open_log(path: Path) -> BinaryIO:
    """The file's bytes, decompressed if it is gzip (recognised by content, not name)."""
    if not path.exists():
        raise QueueLogError(f"{path}: no such file")
    if not path.is_file():
        raise QueueLogError(f"{path}: not a file")
    try:
        if is_gzip(path):
            return gzip.open(path, "rb")  # type: ignore[return-value]
        return path.open("rb")
    except OSError as exc:
        raise QueueLogError(f"{path}: can't be read ({exc.strerror or exc})") from None


@dataclass(frozen=True, slots=True)
class Head:
    """What the start of a file says: its fingerprint, format, and where data begins."""

    fingerprint: str
    layout: CsvLayout | None  # None: the pipe format
    data_start: int  # byte offset of the first data line
    first_line: int  # its line number


def read_head(
    handle: BinaryIO, path: Path, zone: tzinfo, mapping: QueueLogMapping | None = None
) -> Head | None:
    """The head of the file, or None while it holds no complete data line yet.

    A CSV header's columns are found by ``layouts.detect`` (with ``mapping`` when given).
    """
    handle.seek(0)
    try:
        data = handle.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as exc:
        raise QueueLogError(f"{path}: can't be read ({exc})") from None
    offset = len(BOM) if data.startswith(BOM) else 0
    number = 0
    header: bytes | None = None
    layout: CsvLayout | None = None
    while True:
        end = data.find(b"\n", offset)
        if end < 0:
            return None
        raw = data[offset:end]
        number += 1
        text = raw.decode("utf-8", "replace").rstrip("\r")
        if not text.strip():
            offset = end + 1
            continue
        if number == 1 and header is None and "|" not in text:
            try:
                layout = detect(text, zone, mapping)
            except LayoutError as exc:
                raise QueueLogError(
                    f"{path}: line 1 is neither time|callid|queue|agent|event… nor the header "
                    f"of a queue_log table export: {exc}"
                ) from None
            header, offset = raw, end + 1
            continue
        if layout is None and number == 1:
            try:
                parse_pipe(number, text)
            except LineError as exc:
                raise QueueLogError(f"{path}: line 1 is not a queue_log line: {exc}") from None
        fingerprint = hashlib.sha256((header + b"\n" if header else b"") + raw).hexdigest()
        start = offset if header else (len(BOM) if data.startswith(BOM) else 0)
        return Head(fingerprint, layout, start, number if header else 1)


class LineReader:
    """Complete lines from ``handle`` on, numbered, tracking the bytes consumed.

    ``offset`` and ``line_no`` always describe the lines handed out so far, so a
    caller that commits after any line knows exactly where to resume.
    """

    CHUNK = 1 << 20

    def __init__(self, handle: BinaryIO, offset: int, line_no: int) -> None:
        self._handle = handle
        self.offset = offset
        self.line_no = line_no
        self._tail = b""

    @property
    def pending(self) -> int:
        """Bytes read after the last newline: a line still being written."""
        return len(self._tail)

    def lines(self, final: bool = False) -> Iterator[tuple[int, str]]:
        """The complete lines available now; ``final`` also hands out an unterminated last one."""
        while True:
            chunk = self._handle.read(self.CHUNK)
            if not chunk:
                break
            parts = (self._tail + chunk).split(b"\n")
            self._tail = parts.pop()
            for raw in parts:
                self.line_no += 1
                self.offset += len(raw) + 1
                yield self.line_no, raw.decode("utf-8", "replace").rstrip("\r")
        if final and self._tail:
            raw, self._tail = self._tail, b""
            self.line_no += 1
            self.offset += len(raw)
            yield self.line_no, raw.decode("utf-8", "replace").rstrip("\r")
