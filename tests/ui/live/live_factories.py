"""Hand-made snapshots for the Live tab tests: every figure is one the test chose."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from supervisor_app.domain.adherence import AdherenceNow
from supervisor_app.domain.enums import ActivityKind, AgentState, Channel
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.live import AgentRow, LiveSnapshot, QueueRow, QueueThresholds

NOW = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
IN = AdherenceNow(True, None, 0.0)


def queue(
    queue_id: int,
    name: str,
    *,
    waiting: int = 0,
    oldest: datetime | None = None,
    staffed: int = 0,
    available: int = 0,
    on_contact: int = 0,
    wrap_up: int = 0,
    today: ContactSums | None = None,
    thresholds: QueueThresholds | None = None,
    target: float = 0.8,
    threshold_s: int = 20,
) -> QueueRow:
    return QueueRow(
        queue_id=queue_id,
        name=name,
        channel=Channel.VOICE,
        service_level_target=target,
        answer_threshold_seconds=threshold_s,
        waiting=waiting,
        oldest_waiting_since=oldest,
        staffed=staffed,
        available=available,
        on_contact=on_contact,
        wrap_up=wrap_up,
        today=today or ContactSums(),
        thresholds=thresholds or QueueThresholds(),
    )


def agent(
    agent_id: int,
    name: str,
    *,
    team: str | None = "Team A",
    state: AgentState = AgentState.AVAILABLE,
    reason: str | None = None,
    since: datetime | None = None,
    contact_queue: str | None = None,
    scheduled: ActivityKind | None = None,
    on_shift: bool = True,
    adherence: AdherenceNow = IN,
    queue_ids: tuple[int, ...] = (1,),
) -> AgentRow:
    return AgentRow(
        agent_id=agent_id,
        name=name,
        team=team,
        state=state,
        reason=reason,
        state_since=since or NOW - timedelta(minutes=3),
        contact_id=None,
        contact_queue=contact_queue,
        scheduled=scheduled,
        on_shift=on_shift,
        adherence=adherence,
        queue_ids=queue_ids,
    )


def snapshot(
    queues: Sequence[QueueRow] = (),
    agents: Sequence[AgentRow] = (),
    taken_at: datetime = NOW,
) -> LiveSnapshot:
    return LiveSnapshot(
        taken_at=taken_at,
        site_name="Test site",
        timezone="Europe/London",
        interval_minutes=15,
        day_start=taken_at.replace(hour=0, minute=0, second=0, microsecond=0),
        queues=tuple(queues),
        agents=tuple(agents),
    )


def replace(row: object, **changes: object) -> object:
    return dataclasses.replace(row, **changes)  # type: ignore[type-var]


STATES = list(AgentState)


def floor(n: int, queues: int = 10) -> list[AgentRow]:
    """``n`` agents spread over teams, states and queues (the benchmark's shape)."""
    return [
        agent(
            i,
            f"Agent {i:05d}",
            team=f"Team {i % 40:02d}",
            state=STATES[i % len(STATES)],
            since=NOW - timedelta(seconds=30 + (i * 37) % 5000),
            queue_ids=(1 + i % queues, 1 + (i * 7) % queues),
        )
        for i in range(1, n + 1)
    ]


class ScriptedTake:
    """Stands in for ``take_snapshot`` on the worker: returns, raises or waits as the test says.

    ``script`` items are used once each, in order; then ``default`` for ever. ``gate``
    holds every call until set (it starts set).
    """

    def __init__(self, default: LiveSnapshot, *script: LiveSnapshot | BaseException) -> None:
        self.default = default
        self.script = list(script)
        self.calls = 0
        self.lock = threading.Lock()
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, _db: object) -> LiveSnapshot:
        with self.lock:
            self.calls += 1
            item = self.script.pop(0) if self.script else self.default
        if not self.gate.wait(20):
            raise TimeoutError("the test never opened the gate")
        if isinstance(item, BaseException):
            raise item
        return item


class FakeExtras:
    """The extras host's interface, recording what the tab asks of it."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QLabel

        self.intraday_slot = QLabel("charts")
        self.escalations_slot = QLabel("escalations")
        self.databases: list[object] = []
        self.filters: list[tuple[object, object]] = []
        self.refreshes = 0
        self.timelines: list[int] = []
        self.sites: list[object] = []
        self.may_escalate: list[bool] = []

    def set_database(self, db: object) -> None:
        self.databases.append(db)

    def set_may_escalate(self, allowed: bool) -> None:
        self.may_escalate.append(allowed)

    def set_filter(self, queue_ids: object, team_ids: object) -> None:
        self.filters.append((queue_ids, team_ids))

    def set_site(self, site_id: object) -> None:
        self.sites.append(site_id)

    def refresh(self) -> None:
        self.refreshes += 1

    def open_timeline(self, _parent: object, _db: object, agent_id: int) -> None:
        self.timelines.append(agent_id)

    def shutdown(self) -> None:
        pass
