"""Where each queue_log file's reading stopped: read before a run, written in its transaction."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from supervisor_app.services.writers.queue_log.records import FileProgress
from supervisor_app.store.base import utcnow
from supervisor_app.store.models import QueueLogFile

MAX_PATH = 1000


def load_progress(conn: Connection, fingerprint: str) -> FileProgress | None:
    row = conn.execute(
        select(
            QueueLogFile.path,
            QueueLogFile.byte_offset,
            QueueLogFile.line_count,
            QueueLogFile.state,
        ).where(QueueLogFile.fingerprint == fingerprint)
    ).one_or_none()
    if row is None:
        return None
    return FileProgress(fingerprint, row.path, row.byte_offset, row.line_count, row.state)


def save_progress(conn: Connection, progress: FileProgress) -> None:
    values = {
        "path": progress.path[-MAX_PATH:],
        "byte_offset": progress.byte_offset,
        "line_count": progress.line_count,
        "state": progress.state,
        "updated_at": utcnow(),
    }
    done = conn.execute(
        update(QueueLogFile).where(QueueLogFile.fingerprint == progress.fingerprint).values(values)
    )
    if done.rowcount == 0:
        conn.execute(insert(QueueLogFile).values(fingerprint=progress.fingerprint, **values))
