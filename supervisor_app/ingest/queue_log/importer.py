"""``import queue-log FILE``: a whole file (or what it gained since last time) in one transaction.

Malformed lines are skipped and counted, with the first ones' numbers and
reasons in the summary; ``strict`` makes the first one an error instead, and
then nothing is written. Unknown events are counted, never an error.
"""

from __future__ import annotations

import gc
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path
from typing import BinaryIO

from supervisor_app.ingest.queue_log.layouts import QueueLogMapping
from supervisor_app.ingest.queue_log.lines import LineError, LogEvent, parse_csv, parse_pipe
from supervisor_app.ingest.queue_log.machine import EventMachine, Skip, Tally
from supervisor_app.ingest.queue_log.source import (
    OVERLONG,
    Head,
    LineReader,
    QueueLogError,
    is_gzip,
    open_log,
    read_head,
)
from supervisor_app.services.audit import ImportedFile, file_sha256
from supervisor_app.services.database import Database
from supervisor_app.services.writers.queue_log import (
    FileProgress,
    QueueLogWriter,
    SiteChoice,
    WriteCounts,
    WriteUnit,
)

FLUSH_LINES = 100_000  # rows go to the database this often, inside the one transaction
BYTES_PER_LINE = 60
GZIP_RATIO = 6  # a queue_log compresses about this much


@dataclass(frozen=True)
class ImportOptions:
    site: SiteChoice = field(default_factory=SiteChoice)
    csv_zone: tzinfo = UTC  # zone of a CSV dump's text times
    strict: bool = False
    mapping: QueueLogMapping | None = None  # a table export's columns, when not detected


@dataclass(frozen=True)
class ImportSummary:
    path: str
    format: str  # "pipe" or "csv"
    first_line: int  # first line read this run (after what earlier runs read)
    lines: int  # lines read this run
    events: dict[str, int]
    unknown: dict[str, int]
    skipped: int
    first_skips: tuple[Skip, ...]
    counts: WriteCounts
    pending_bytes: int  # an unfinished last line, left for the next run
    columns: str = ""  # a table export's columns: which was taken for what


def parser_for(head: Head) -> Callable[[int, str], LogEvent]:
    layout = head.layout
    if layout is None:
        return parse_pipe
    return lambda number, text: parse_csv(number, text, layout)


class FileRun:
    """Reads lines into an event machine and writes what it makes through a unit."""

    def __init__(self, reader: LineReader, head: Head, machine: EventMachine, strict: bool):
        self.reader = reader
        self.head = head
        self.machine = machine
        self.strict = strict
        self.lines = 0
        self._parse = parser_for(head)

    def pump(self, unit: WriteUnit | None, path: Path, final: bool = False, limit: int = 0) -> int:
        """Feed the lines available now (at most ``limit``, 0 for all); write every FLUSH_LINES."""
        parse, feed, tally = self._parse, self.machine.feed, self.machine.tally
        count = 0
        try:
            for number, text in self.reader.lines(final):
                count += 1
                if text is None:
                    if self.strict:
                        raise QueueLogError(f"{path}: line {number}: {OVERLONG}")
                    tally.skip(number, OVERLONG)
                elif not text:
                    tally.skip(number, "empty line")
                else:
                    try:
                        event = parse(number, text)
                    except LineError as exc:
                        if self.strict:
                            raise QueueLogError(f"{path}: line {number}: {exc}") from None
                        tally.skip(number, str(exc))
                    else:
                        feed(event)
                if unit is not None and count % FLUSH_LINES == 0:
                    unit.write(self.machine.take())
                if count == limit:
                    break
        except (EOFError, zlib.error) as exc:
            raise QueueLogError(f"{path}: compressed data is damaged ({exc})") from None
        except OSError as exc:
            raise QueueLogError(f"{path}: can't be read ({exc})") from None
        self.lines += count
        return count

    def audited(self, path: Path, sha256: str) -> ImportedFile:
        """What the audit row says of this run: lines read, and malformed ones skipped."""
        return ImportedFile(
            "queue_log", str(path.resolve()), sha256, self.lines, self.machine.tally.skipped
        )

    def progress(self, path: Path) -> FileProgress:
        return FileProgress(
            self.head.fingerprint,
            str(path.resolve()),
            self.reader.offset,
            self.reader.line_no,
            self.machine.dump(),
        )


def start_run(
    handle: BinaryIO, head: Head, prior: FileProgress | None, strict: bool, carried: str = ""
) -> FileRun:
    """A run from where an earlier run on this file stopped (``prior``), or from its start
    with the memory ``carried`` over from the file before it."""
    machine = EventMachine(Tally())
    if prior is not None:
        machine.load(prior.state)
        offset, line_no = prior.byte_offset, prior.line_count
    else:
        machine.load(carried)
        offset, line_no = head.data_start, head.first_line - 1
    handle.seek(offset)
    return FileRun(LineReader(handle, offset, line_no), head, machine, strict)


def import_queue_log(
    db: Database, path: Path, options: ImportOptions | None = None
) -> ImportSummary:
    """Read ``path`` from where the last import of it stopped; all of it or nothing."""
    options = options or ImportOptions()
    writer = QueueLogWriter(db, options.site)
    with open_log(path) as handle:
        head = read_head(handle, path, options.csv_zone, options.mapping)
        if head is None:
            return _summary(path, None, None, writer.counts)
        packed = is_gzip(path)
        size = os.fstat(handle.fileno()).st_size
        prior = writer.progress(head.fingerprint)
        if prior is not None and not packed and prior.byte_offset > size:
            prior = None  # shorter than what was read: new content under the same first line
        run = start_run(handle, head, prior, options.strict)
        first = run.reader.line_no + 1
        # About one row per line: a call is ~3.5 lines, one contact and two spans.
        unpacked = size * (GZIP_RATIO if packed else 1)
        expected = max(unpacked - run.reader.offset, 0) // BYTES_PER_LINE
        with writer.unit(expected_rows=expected) as unit, _no_cycle_collection():
            run.pump(unit, path, final=packed)
            unit.write(run.machine.take())
            unit.save(run.progress(path))
            unit.audit(run.audited(path, file_sha256(path)), unit.counts)
    return _summary(path, run, first, writer.counts)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a file is read.

    Each line makes a few short-lived objects that never form cycles, yet the
    collector, triggered by the allocations, walks every live object again and
    again: a third of a large import's time. Memory is still freed by reference
    counting; the collector resumes (process-wide) when the file is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _summary(
    path: Path, run: FileRun | None, first: int | None, counts: WriteCounts
) -> ImportSummary:
    if run is None:
        return ImportSummary(str(path), "pipe", 1, 0, {}, {}, 0, (), counts, 0)
    tally = run.machine.tally
    return ImportSummary(
        str(path),
        "pipe" if run.head.layout is None else "csv",
        first or 1,
        run.lines,
        dict(tally.events),
        dict(tally.unknown),
        tally.skipped,
        tuple(tally.first_skips),
        counts,
        run.reader.pending,
        "" if run.head.layout is None else run.head.layout.described,
    )
