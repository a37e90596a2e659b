"""What the live view shows, as plain values: a queue row, an agent row, the whole floor.

Frozen and slotted: the worker builds thousands per refresh and the Qt models
compare them field by field to find what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from supervisor_app.domain import kpi
from supervisor_app.domain.adherence import AdherenceNow
from supervisor_app.domain.enums import ActivityKind, AgentState, Channel
from supervisor_app.domain.kpi import ContactSums


@dataclass(frozen=True, slots=True)
class QueueThresholds:
    waiting_amber: int | None = None
    waiting_red: int | None = None
    longest_wait_amber_seconds: int | None = None
    longest_wait_red_seconds: int | None = None
    service_level_amber: float | None = None  # fractions 0..1
    service_level_red: float | None = None


@dataclass(frozen=True, slots=True)
class QueueRow:
    queue_id: int
    name: str
    channel: Channel
    service_level_target: float  # fraction 0..1
    answer_threshold_seconds: int
    waiting: int
    oldest_waiting_since: datetime | None
    staffed: int
    available: int
    on_contact: int
    wrap_up: int
    today: ContactSums
    thresholds: QueueThresholds = field(default_factory=QueueThresholds)
    # The site's headline service level (domain.kpi), as the history and reports show it.
    service_level_variant: kpi.ServiceLevelVariant = kpi.ServiceLevelVariant.OFFERED

    def longest_wait_seconds(self, now: datetime) -> float | None:
        if self.oldest_waiting_since is None:
            return None
        return max((now - self.oldest_waiting_since).total_seconds(), 0.0)

    @property
    def service_level(self) -> float | None:
        return kpi.service_level(self.today, self.service_level_variant)


@dataclass(frozen=True, slots=True)
class AgentRow:
    agent_id: int
    name: str
    team: str | None
    state: AgentState
    reason: str | None
    state_since: datetime
    contact_id: int | None
    contact_queue: str | None
    scheduled: ActivityKind | None  # None with on_shift: productive time
    on_shift: bool
    adherence: AdherenceNow
    queue_ids: tuple[int, ...]
    # Who approved the current mismatch, if someone did (then ``adherence`` reads in).
    approved_by: str | None = None
    team_id: int | None = None
    site_id: int | None = None  # where the agent works (the Live tab shows one site's)


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    taken_at: datetime
    site_name: str
    timezone: str
    interval_minutes: int
    day_start: datetime
    queues: tuple[QueueRow, ...]
    agents: tuple[AgentRow, ...]
