"""How far each imported Asterisk queue_log file has been read, so a re-import adds nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base, UTCDateTime, utcnow


class QueueLogFile(Base):
    """One queue_log file, known by its first data line, and where reading it stopped.

    A file is recognised by a hash of its first data line rather than its path,
    because logrotate renames files (``queue_log`` becomes ``queue_log.1``, then
    ``queue_log.1.gz``): the same content under a new name resumes where it
    stopped. ``state`` holds the reader's calls in progress and agent states at
    ``byte_offset`` (JSON), so a restarted follower picks up exactly there.
    """

    __tablename__ = "queue_log_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(String(1000))
    byte_offset: Mapped[int] = mapped_column(BigInteger)
    line_count: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
