"""Writing what the queue_log reader found: contacts, agent spans, the roster, file progress."""

from __future__ import annotations

from supervisor_app.services.writers.queue_log.records import (
    ContactRecord,
    EventBatch,
    FileProgress,
    SiteChoice,
    SpanRecord,
    WriteCounts,
)
from supervisor_app.services.writers.queue_log.writes import (
    QueueLogWriter,
    WriteUnit,
)

__all__ = [
    "ContactRecord",
    "EventBatch",
    "FileProgress",
    "QueueLogWriter",
    "SiteChoice",
    "SpanRecord",
    "WriteCounts",
    "WriteUnit",
]
