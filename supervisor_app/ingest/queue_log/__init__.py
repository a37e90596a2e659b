"""Asterisk queue_log: parse the file (or a realtime table's CSV dump) into contacts and spans."""

from supervisor_app.ingest.queue_log.follow import follow_queue_log
from supervisor_app.ingest.queue_log.importer import ImportOptions, ImportSummary, import_queue_log
from supervisor_app.ingest.queue_log.layouts import LayoutError, QueueLogMapping, load_mapping
from supervisor_app.ingest.queue_log.source import QueueLogError

__all__ = [
    "ImportOptions",
    "ImportSummary",
    "LayoutError",
    "QueueLogError",
    "QueueLogMapping",
    "follow_queue_log",
    "import_queue_log",
    "load_mapping",
]
