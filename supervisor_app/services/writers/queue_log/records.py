"""The plain records a queue_log import hands to the database, and what it gets back.

The reader (``supervisor_app.ingest.queue_log``) turns lines into these; the
writer (``services/writers/queue_log/writes.py``) stores them. They live here, the lowest
layer both can see. Timestamps are UTC epoch seconds, as the log has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from supervisor_app.domain.enums import AgentState, Outcome

# ``contacts.source`` of every contact read from a queue_log.
SOURCE = "asterisk_queue_log"


@dataclass(slots=True)
class ContactRecord:
    """A call's stay in one queue, as far as the log has told it so far.

    Mutable: the reader keeps one per call in progress and updates it as the
    call goes on (a million-line log makes hundreds of thousands); the writer
    stores a batch before the reader goes on, so it never sees one change.

    ``key`` becomes ``contacts.external_id`` (call id, queue and arrival second),
    so the same call read twice is one row. ``orphan`` marks a call whose
    ENTERQUEUE was not in this file (it began in the previous one): its arrival
    is worked back from the waiting time, and the writer first looks for the
    contact the previous file left open.
    """

    key: str
    callid: str
    queue: str
    arrived: float
    customer: str | None = None
    answered: float | None = None
    agent: str | None = None
    ended: float | None = None
    outcome: Outcome | None = None
    orphan: bool = False


@dataclass(slots=True)
class SpanRecord:
    """An agent in one state from ``started`` until ``ended`` (None while it lasts)."""

    agent: str
    state: AgentState
    reason: str | None
    started: float
    ended: float | None = None


@dataclass(frozen=True, slots=True)
class EventBatch:
    """What changed since the last batch: contacts touched, spans closed or opened."""

    contacts: tuple[ContactRecord, ...] = ()
    spans: tuple[SpanRecord, ...] = ()
    queues: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.contacts or self.spans or self.queues or self.agents)


@dataclass(frozen=True, slots=True)
class FileProgress:
    """How far one file has been read: bytes and lines consumed, reader state there."""

    fingerprint: str
    path: str
    byte_offset: int
    line_count: int
    state: str  # JSON


@dataclass(frozen=True, slots=True)
class SiteChoice:
    """Which site imported queues belong to: ``name`` (created if missing) or the only one."""

    name: str | None = None
    timezone: str = "UTC"


@dataclass(slots=True)
class WriteCounts:
    """Rows an import added or changed (contacts already stored count as neither)."""

    contacts_added: int = 0
    contacts_updated: int = 0
    spans_added: int = 0
    spans_updated: int = 0
    queues_added: list[str] = field(default_factory=list)
    agents_added: list[str] = field(default_factory=list)

    def add(self, other: WriteCounts) -> None:
        self.contacts_added += other.contacts_added
        self.contacts_updated += other.contacts_updated
        self.spans_added += other.spans_added
        self.spans_updated += other.spans_updated
        self.queues_added += other.queues_added
        self.agents_added += other.agents_added
