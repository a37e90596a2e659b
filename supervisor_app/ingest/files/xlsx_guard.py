"""Refuse a hostile XLSX before openpyxl parses it: zip bombs and XML entity tricks.

An XLSX is a zip of XML parts. A few kilobytes can unpack to gigabytes (a zip
bomb) or expand entities without end ("billion laughs"), so before any parser
sees it: the entry count, the declared unpacked size, the compression ratio
and, while streaming each XML part through defusedxml (no DTD, no entities,
no external references), the bytes actually unpacked are all capped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from supervisor_app.ingest.files.table import UnreadableFile

MAX_ENTRIES = 2_000
MAX_UNPACKED_BYTES = 512 * 1024**2
# Real sheets compress 5-20 times; a bomb compresses thousands of times.
MAX_RATIO = 200
_RATIO_FLOOR_BYTES = 1024**2  # tiny parts may compress very well and are harmless
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class HostileFile(UnreadableFile):
    """A file built to exhaust memory or time; refused unread."""


class _Counted:
    """A read-only stream that stops once more bytes come out than were allowed."""

    def __init__(self, raw: IO[bytes], limit: int, name: str) -> None:
        self._raw = raw
        self._left = limit
        self._name = name

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size if size and size > 0 else 65536)
        self._left -= len(chunk)
        if self._left < 0:
            raise HostileFile(f"part {self._name} unpacks to more than it declares")
        return chunk


def check_xlsx(path: Path) -> None:
    """Raise ``HostileFile`` (or ``UnreadableFile``) unless the workbook is safe to parse."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(f"{path}: not an Excel workbook ({exc})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise HostileFile(f"{path}: refused, {len(entries)} parts in the workbook")
        total = sum(e.file_size for e in entries)
        if total > MAX_UNPACKED_BYTES:
            raise HostileFile(
                f"{path}: refused, it unpacks to {total // 1024**2} MB "
                f"(the limit is {MAX_UNPACKED_BYTES // 1024**2} MB)"
            )
        for entry in entries:
            if entry.file_size > _RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(
                entry.compress_size, 1
            ):
                raise HostileFile(
                    f"{path}: refused, part {entry.filename} is compressed "
                    f"{entry.file_size // max(entry.compress_size, 1)} times (a zip bomb)"
                )
        for entry in entries:
            if entry.filename.lower().endswith(_XML_SUFFIXES):
                _scan_xml(archive, entry, path)


def _scan_xml(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, path: Path) -> None:
    try:
        with archive.open(entry) as raw:
            stream = _Counted(raw, entry.file_size, entry.filename)
            for _event, element in iterparse(stream, forbid_dtd=True):
                element.clear()
    except DefusedXmlException as exc:
        raise HostileFile(
            f"{path}: refused, part {entry.filename} declares a DTD or entities ({exc})"
        ) from None
    except HostileFile as exc:
        raise HostileFile(f"{path}: refused, {exc}") from None
    except Exception as exc:  # a broken part: zlib error, bad XML, bad CRC
        raise UnreadableFile(f"{path}: part {entry.filename} is damaged ({exc})") from None
