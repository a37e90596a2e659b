"""A queue's targets by date: set them from a date, read the ones in force on a day.

The service-level target, answer threshold and short-abandon seconds change what
a queue's figures mean, so history keeps the values that were in force: a
change takes effect from a local date (``set_queue_targets``), and every figure
reads the values of its own day, in SQL, by joining the contacts to the spans of
time each row governs (``targets_table`` and ``span_join``). The ``queues``
columns hold today's values, for lists.
"""

from __future__ import annotations

from supervisor_app.services.targets.change import check_targets, set_queue_targets
from supervisor_app.services.targets.history import QueueHistory, QueueTargets, queue_histories
from supervisor_app.services.targets.in_force import targets_in_force, targets_on, targets_today
from supervisor_app.services.targets.spans import (
    TargetSpan,
    span_join,
    spans_table,
    target_spans,
    targets_table,
)

__all__ = [
    "QueueHistory",
    "QueueTargets",
    "TargetSpan",
    "check_targets",
    "queue_histories",
    "set_queue_targets",
    "span_join",
    "spans_table",
    "target_spans",
    "targets_in_force",
    "targets_on",
    "targets_table",
    "targets_today",
]
