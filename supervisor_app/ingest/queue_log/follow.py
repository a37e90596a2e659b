"""``import queue-log FILE --follow``: tail a live queue_log into the database.

Each batch of lines is one transaction that also records how far the file
was read, so a follower killed at any moment resumes after the last committed
line. Rotation (the path now names another file) is noticed by its inode: the
old file is read to its end first, and the calls and agent states carry over
to the new one. Truncation in place (``copytruncate``) is noticed by the size
dropping below what was read; the file is then read again from its start.
Once an hour the KPI summaries of the days that ended are kept
(``services.kpi.SummaryUpkeep``), as every writer keeps them.
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.ingest.queue_log.importer import FileRun, ImportOptions, start_run
from supervisor_app.ingest.queue_log.source import QueueLogError, is_gzip, open_log, read_head
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import SummaryUpkeep
from supervisor_app.services.writers.queue_log import QueueLogWriter, WriteCounts

POLL_SECONDS = 0.1
RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 30.0
BATCH_LINES = 2_000  # while catching up; at the end of the file every line commits at once
KeepDue = Callable[[], object]  # keeps the KPI summaries if an hour has passed on its clock


def follow_queue_log(
    db: Database,
    path: Path,
    stop: threading.Event,
    options: ImportOptions | None = None,
    on_batch: Callable[[WriteCounts], None] | None = None,
    poll: float = POLL_SECONDS,
    on_error: Callable[[DatabaseError, float], None] | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> WriteCounts:
    """Follow ``path`` until ``stop`` is set; returns what was written in all.

    A lost database is retried after 1, 2, 4 … 30 seconds (``on_error`` hears of
    each failure and the wait); a bad file or a bad line in strict mode ends it.
    ``clock`` is when the summaries' upkeep thinks it is (tests move it past midnight).
    """
    options = options or ImportOptions()
    if path.exists() and is_gzip(path):
        raise QueueLogError(f"{path}: a compressed file does not grow; import it without --follow")
    writer = QueueLogWriter(db, options.site)
    # Each day's KPI summaries as it ends, on the wall clock, beside the feed: a large
    # center's day takes seconds to summarise, which must not hold the lines back.
    upkeep = SummaryUpkeep(db, background=True)
    try:
        keep_due = lambda: upkeep.tick(clock())  # noqa: E731
        return _follow(writer, path, stop, options, on_batch, poll, on_error, keep_due)
    finally:
        upkeep.close()


def _follow(
    writer: QueueLogWriter,
    path: Path,
    stop: threading.Event,
    options: ImportOptions,
    on_batch: Callable[[WriteCounts], None] | None,
    poll: float,
    on_error: Callable[[DatabaseError, float], None] | None,
    keep_due: KeepDue,
) -> WriteCounts:
    """``follow_queue_log``'s loop: one file after another, retrying a lost database."""
    carried = ""
    pause = RETRY_FIRST_SECONDS
    while not stop.is_set():
        try:
            handle = _wait_for_file(path, stop, poll)
            if handle is None:
                break
            with handle:
                carried = _follow_one(
                    writer, handle, path, stop, options, carried, on_batch, poll, keep_due
                )
            pause = RETRY_FIRST_SECONDS
        except DatabaseError as exc:
            # Nothing of the failed batch was stored: start again from the stored progress.
            if on_error is not None:
                on_error(exc, pause)
            carried = ""
            stop.wait(pause)
            pause = min(pause * 2, RETRY_MAX_SECONDS)
    return writer.counts


def _wait_for_file(path: Path, stop: threading.Event, poll: float) -> BinaryIO | None:
    while not stop.is_set():
        try:
            return open_log(path)
        except QueueLogError:
            if path.exists():
                raise
        stop.wait(poll)
    return None


def _follow_one(
    writer: QueueLogWriter,
    handle: BinaryIO,
    path: Path,
    stop: threading.Event,
    options: ImportOptions,
    carried: str,
    on_batch: Callable[[WriteCounts], None] | None,
    poll: float,
    keep_due: KeepDue,
) -> str:
    """Follow one file until it is rotated or truncated (or ``stop``); returns the memory."""
    identity = os.fstat(handle.fileno())
    head = None
    while head is None:
        head = read_head(handle, path, options.csv_zone, options.mapping)
        if head is None and (stop.wait(poll) or _replaced(path, identity, 0)):
            return carried
    prior = writer.progress(head.fingerprint)
    if prior is not None and prior.byte_offset > os.fstat(handle.fileno()).st_size:
        prior = None  # shorter than what was read: new content under the same first line
    run = start_run(handle, head, prior, options.strict, carried)
    mark = copy.deepcopy(writer.counts)  # what earlier sessions wrote
    while True:
        _commit(writer, run, path, on_batch, stop)
        keep_due()
        if stop.wait(poll):
            _audit_session(writer, run, handle, path, mark)
            return run.machine.dump()
        if _replaced(path, identity, run.reader.offset + run.reader.pending):
            _commit(writer, run, path, on_batch, stop)  # what was added before the switch
            _audit_session(writer, run, handle, path, mark)
            return run.machine.dump()


def _audit_session(
    writer: QueueLogWriter, run: FileRun, handle: BinaryIO, path: Path, mark: WriteCounts
) -> None:
    """One audit row for the lines this session read from the file (none if it read none).

    Per session, not per batch: at the end of a file every new line is a batch of
    its own, and a row per line would bury every other change in the trail. The
    SHA-256 is of the file's bytes from its start to the last line read.
    """
    if not run.lines:
        return
    now = writer.counts
    written = WriteCounts(
        now.contacts_added - mark.contacts_added,
        now.contacts_updated - mark.contacts_updated,
        now.spans_added - mark.spans_added,
        now.spans_updated - mark.spans_updated,
        now.queues_added[len(mark.queues_added) :],
        now.agents_added[len(mark.agents_added) :],
    )
    with writer.unit() as unit:
        unit.audit(run.audited(path, _prefix_sha256(handle, run.reader.offset)), written)


def _prefix_sha256(handle: BinaryIO, length: int) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    left = length
    while left > 0:
        chunk = handle.read(min(1 << 20, left))
        if not chunk:
            break
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()


def _commit(
    writer: QueueLogWriter,
    run: FileRun,
    path: Path,
    on_batch: Callable[[WriteCounts], None] | None,
    stop: threading.Event,
) -> None:
    """Read what is there, a batch per transaction, each with its progress."""
    while not stop.is_set():
        count = run.pump(None, path, limit=BATCH_LINES)
        if not count:
            return
        with writer.unit() as unit:
            unit.write(run.machine.take())
            unit.save(run.progress(path))
        if on_batch is not None:
            on_batch(unit.counts)
        if count < BATCH_LINES:
            return


def _replaced(path: Path, identity: os.stat_result, read: int) -> bool:
    """True when ``path`` now names another file, or was cut shorter than what was read."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return True
    if (now.st_ino, now.st_dev) != (identity.st_ino, identity.st_dev):
        return True
    return now.st_size < read
