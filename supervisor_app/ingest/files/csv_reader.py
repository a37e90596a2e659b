"""CSV with its encoding and delimiter detected, as exported by Excel, helpdesks and scripts.

Encoding: a byte-order mark decides (UTF-8, UTF-16); else strict UTF-8; else
UTF-16 without a mark when every other byte is zero; else charset-normalizer's
guess when it names another script (Cyrillic, Greek, Hebrew, …), and otherwise
Windows-1252 (every byte decodes in it).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
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
# A file this large is not a contact export by mistake; refuse rather than fill the memory.
MAX_CSV_BYTES = 2 * 1024**3
_OTHER_SCRIPTS = {"cp1251", "koi8-r", "cp1253", "cp1255", "cp1256", "cp874", "cp932", "gb18030"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
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


def open_csv(path: Path) -> Table:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise UnreadableFile(f"{path}: larger than {MAX_CSV_BYTES // 1024**3} GB; split it")
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableFile(f"{path}: the file is empty")
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{path}: not readable as {encoding} text ({exc.reason})") from None
    if "\x00" in text:
        raise UnreadableFile(f"{path}: not a text file (it holds NUL bytes)")
    text = text.lstrip("\ufeff")
    delimiter = detect_delimiter(text[:SAMPLE_BYTES])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableFile(f"{path}: the file is empty") from None
    total = max(0, (text.count("\n") or text.count("\r")) - 1)
    rows = _checked(reader, path)
    return Table(
        path,
        DetectedFormat("csv", encoding=encoding, delimiter=delimiter),
        clean_header(list(header)),
        rows,
        total_rows=total,
    )


def _checked(reader: csv._reader, path: Path) -> Iterator[list[Cell]]:
    """Rows with empty strings kept as they are; a malformed quote is the user's to fix."""
    try:
        for row in reader:
            yield [c.strip() for c in row]
    except csv.Error as exc:
        raise UnreadableFile(f"{path}: line {reader.line_num}: {exc}") from None
