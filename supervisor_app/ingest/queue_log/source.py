"""Opening a queue_log file (plain or gzip), knowing it again, and reading whole lines.

A file is known by its first data line (with the header, for a CSV dump):
rotation renames a file but keeps its first line, so ``queue_log.1.gz`` is
recognised as the ``queue_log`` read earlier. Only lines ending in a newline
are read from a file that may still grow; the rest waits for the next read.

Hostile or broken files are bounded: a line longer than ``MAX_LINE_BYTES`` is
never assembled (its bytes are passed over up to the next newline and the line
is reported by number), so a file without newlines costs one read chunk of
memory; and a gzip file that unpacks to more than ``MAX_GZIP_RATIO`` times its
size (past ``GZIP_CHECK_AFTER`` bytes) is refused as a possible gzip bomb.
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
from supervisor_app.ingest.queue_log.lines import MAX_LINE, CsvLayout, LineError, parse_pipe

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 64 * 1024
BOM = b"\xef\xbb\xbf"
# The most bytes a line the parser accepts (``MAX_LINE`` characters) can take in UTF-8.
MAX_LINE_BYTES = 4 * MAX_LINE
OVERLONG = f"line is over {MAX_LINE_BYTES:,} bytes long (at most {MAX_LINE:,} characters)"
# A queue_log packs about 6 to 15 times; a gzip bomb a thousand times or more.
MAX_GZIP_RATIO = 100
GZIP_CHECK_AFTER = 16 * 1024 * 1024  # unpacked bytes: a small file can't be a bomb


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
            return CappedGzipFile(path)  # type: ignore[return-value]
        return path.open("rb")
    except OSError as exc:
        raise QueueLogError(f"{path}: can't be read ({exc.strerror or exc})") from None


class CappedGzipFile(gzip.GzipFile):
    """A gzip file that refuses to unpack past ``MAX_GZIP_RATIO`` times its packed size."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "rb")
        self._path = path

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        unpacked = self.tell()
        if unpacked > GZIP_CHECK_AFTER:
            packed = max(self.fileobj.tell(), 1)  # type: ignore[union-attr]
            if unpacked > MAX_GZIP_RATIO * packed:
                raise QueueLogError(
                    f"{self._path}: unpacks to more than {MAX_GZIP_RATIO} times its size "
                    f"({packed:,} bytes gave {unpacked:,}); refused as a possible gzip bomb, "
                    "not a queue_log"
                )
        return data


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
            if len(data) == HEAD_BYTES:  # no complete line in the first 64 KiB
                raise QueueLogError(
                    f"{path}: line {number + 1} has no end in the first "
                    f"{HEAD_BYTES // 1024} KiB: not a queue_log"
                )
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
    caller that commits after any line knows exactly where to resume. A line
    longer than ``MAX_LINE_BYTES`` comes out as ``None`` in place of its text: its
    bytes are skipped, never joined, so memory stays at one chunk.
    """

    CHUNK = 1 << 20

    def __init__(self, handle: BinaryIO, offset: int, line_no: int) -> None:
        self._handle = handle
        self.offset = offset
        self.line_no = line_no
        self._tail = b""
        self._overlong = 0  # bytes of a too-long line passed over so far (0: none)

    @property
    def pending(self) -> int:
        """Bytes read after the last newline: a line still being written."""
        return len(self._tail) + self._overlong

    def lines(self, final: bool = False) -> Iterator[tuple[int, str | None]]:
        """The complete lines available now; ``final`` also hands out an unterminated last one.

        Each is ``(line number, text)``, the text ``None`` for a line over ``MAX_LINE_BYTES``.
        """
        while True:
            chunk = self._handle.read(self.CHUNK)
            if not chunk:
                break
            if self._overlong:
                end = chunk.find(b"\n")
                if end < 0:
                    self._overlong += len(chunk)
                    continue
                yield self._line(self._overlong + end, None, 1)
                self._overlong = 0
                chunk = chunk[end + 1 :]
            parts = (self._tail + chunk).split(b"\n")
            self._tail = parts.pop()
            for raw in parts:
                yield self._line(len(raw), raw, 1)
            if len(self._tail) > MAX_LINE_BYTES:
                self._overlong, self._tail = len(self._tail), b""
        if final and self._overlong:
            yield self._line(self._overlong, None, 0)
            self._overlong = 0
        elif final and self._tail:
            raw, self._tail = self._tail, b""
            yield self._line(len(raw), raw, 0)

    def _line(self, length: int, raw: bytes | None, newline: int) -> tuple[int, str | None]:
        self.line_no += 1
        self.offset += length + newline
        if raw is None or length > MAX_LINE_BYTES:
            return self.line_no, None
        return self.line_no, raw.decode("utf-8", "replace").rstrip("\r")
