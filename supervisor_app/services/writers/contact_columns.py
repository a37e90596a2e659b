"""The contact columns a writer fills, one list for the queue_log and the file-import writers.

Both insert contacts in bulk with :func:`supervisor_app.store.bulk.insert_rows`, which takes
the column names in the order of each row's values; one tuple keeps them from drifting.
"""

from __future__ import annotations

CONTACT_COLUMNS: tuple[str, ...] = (
    "queue_id",
    "source",
    "external_id",
    "customer_ref",
    "arrived_at",
    "answered_at",
    "ended_at",
    "wrap_ended_at",
    "outcome",
    "agent_id",
    "escalated",
)
