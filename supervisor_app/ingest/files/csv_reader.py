"""CSV with its encoding and delimiter detected, as exported by Excel, helpdesks and scripts.

Encoding: a byte-order mark decides (UTF-8, UTF-16); else strict UTF-8; else
UTF-16 without a mark when every other byte is zero; else charset-normalizer's
guess when it names another script (Cyrillic, Greek, Hebrew, …), and otherwise
Windows-1252 (every byte decodes in it).

The file is streamed, never held whole: one pass over its bytes (a chunk at a
time) checks that it is valid UTF-8, is not blank, and counts its lines for the
progress bar; then the rows are decoded and parsed as they are read. A byte the
encoding can't decode or a NUL found on the way stops the read with the same
one-line error as before, and since imports write all or nothing, nothing is kept.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from supervisor_app.ingest.files.table import (
    Cell,
    DetectedFormat,
    Table,
    UnreadableFile,
    clean_header,
)

DELIMITERS = ",;\t|"
SAMPLE_BYTES = 64 * 1024
# A file this large is not a contact export by mistake; refuse it.
MAX_CSV_BYTES = 2 * 1024**3
CHUNK = 1 << 20
# A physical line longer than this is no contact export's: refused before it fills the memory.
MAX_LINE_CHARS = 1 << 20
_OTHER_SCRIPTS = {"cp1251", "koi8-r", "cp1253", "cp1255", "cp1256", "cp874", "cp932", "gb18030"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes, utf8: bool | None = None) -> str:
    """The encoding of a file that begins with ``data``; ``utf8`` says whether the whole
    file is valid UTF-8 (when None, ``data`` is the whole file and is tried)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if utf8 is None:
        try:
            data.decode("utf-8")
            utf8 = True
        except UnicodeDecodeError:
            utf8 = False
    if utf8:
        return "utf-8"
    sample = data[:SAMPLE_BYTES]
    if len(sample) >= 4:
        even_zeros = sample[0::2].count(0) / len(sample[0::2])
        odd_zeros = sample[1::2].count(0) / len(sample[1::2])
        if odd_zeros > 0.3 and even_zeros < 0.05:
            return "utf-16-le"
        if even_zeros > 0.3 and odd_zeros < 0.05:
            return "utf-16-be"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is not None:
        name = codecs.lookup(best.encoding).name
        # A short Western sample reads as well in cp1250 as in cp1252; the Latin
        # family goes to cp1252, what Excel writes in Western Europe and the Americas.
        if name in _OTHER_SCRIPTS:
            return name
    return "cp1252"


def detect_delimiter(text: str) -> str:
    """The delimiter the first lines agree on; a single-column file counts as comma-separated."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


@dataclass(frozen=True, slots=True)
class _Scan:
    """What one pass over the bytes found."""

    head: bytes  # the first SAMPLE_BYTES
    utf8: bool  # the whole file decodes as UTF-8
    blank: bool  # nothing but whitespace
    lines: int  # line ends (LF, or CR for old Mac files)


def _scan(path: Path) -> _Scan:
    """Read the file once, a chunk at a time, holding only the head and one chunk."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, blank, lf, cr = True, True, 0, 0
    head = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if len(head) < SAMPLE_BYTES:
                head += chunk[: SAMPLE_BYTES - len(head)]
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            blank = blank and not chunk.strip()
            lf += chunk.count(b"\n")
            cr += chunk.count(b"\r")
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return _Scan(head, utf8, blank, lf or cr)


def open_csv(path: Path) -> Table:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise UnreadableFile(f"{path}: larger than {MAX_CSV_BYTES // 1024**3} GB; split it")
    scan = _scan(path)
    if scan.blank:
        raise UnreadableFile(f"{path}: the file is empty")
    encoding = detect_encoding(scan.head, scan.utf8)
    lines = _lines(path, encoding)
    sample = "".join(islice(_sample(path, encoding), 50))
    delimiter = detect_delimiter(sample)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFile(f"{path}: the file is empty") from None
    except csv.Error as exc:
        raise UnreadableFile(f"{path}: line {reader.line_num}: {exc}") from None
    return Table(
        path,
        DetectedFormat("csv", encoding=encoding, delimiter=delimiter),
        clean_header(list(header)),
        _checked(reader, path),
        total_rows=max(0, scan.lines - 1),
    )


def _lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's text line by line (line ends kept, for the csv module), decoded as read;
    a line is never assembled past ``MAX_LINE_CHARS``."""
    with path.open(encoding=encoding, newline="") as text:
        number = 0
        try:
            while line := text.readline(MAX_LINE_CHARS + 1):
                number += 1
                if len(line) > MAX_LINE_CHARS:
                    raise UnreadableFile(
                        f"{path}: line {number}: longer than {MAX_LINE_CHARS:,} characters"
                    )
                if number == 1:
                    line = line.lstrip("\ufeff")
                if "\x00" in line:
                    raise UnreadableFile(f"{path}: not a text file (it holds NUL bytes)")
                yield line
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                f"{path}: not readable as {encoding} text ({exc.reason})"
            ) from None


def _sample(path: Path, encoding: str) -> Iterator[str]:
    """The first lines, at most SAMPLE_BYTES characters in all, for the delimiter's guess."""
    read = 0
    for line in _lines(path, encoding):
        if read >= SAMPLE_BYTES:
            return
        line = line[: SAMPLE_BYTES - read]
        read += len(line)
        yield line


def _checked(reader: csv._reader, path: Path) -> Iterator[list[Cell]]:
    """Rows with empty strings kept as they are; a malformed quote is the user's to fix."""
    try:
        for row in reader:
            yield [c.strip() for c in row]
    except csv.Error as exc:
        raise UnreadableFile(f"{path}: line {reader.line_num}: {exc}") from None
