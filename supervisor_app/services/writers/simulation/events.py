"""What the live simulator reports to its writer, and where a live run picks up.

``key`` is the simulator's own number for a contact until the writer binds it
to the contact's row id.
"""

from __future__ import annotations

from dataclasses import dataclass

from supervisor_app.domain.enums import AgentState, Outcome, Severity


@dataclass(frozen=True, slots=True)
class Arrived:
    key: int
    queue_id: int
    external_id: str
    customer_ref: str | None
    at: float


@dataclass(frozen=True, slots=True)
class Answered:
    key: int
    agent_id: int
    at: float


@dataclass(frozen=True, slots=True)
class EscalationDraft:
    reason: str
    severity: Severity


@dataclass(frozen=True, slots=True)
class Ended:
    """The conversation ended (answered or transferred), or the contact gave up or timed out."""

    key: int
    at: float
    outcome: Outcome
    escalation: EscalationDraft | None = None


@dataclass(frozen=True, slots=True)
class SurveyDraft:
    csat: int
    nps: int
    comment: str | None


@dataclass(frozen=True, slots=True)
class Wrapped:
    key: int
    at: float
    survey: SurveyDraft | None = None


@dataclass(frozen=True, slots=True)
class StateChanged:
    agent_id: int
    state: AgentState
    reason: str | None
    at: float


LiveEvent = Arrived | Answered | Ended | Wrapped | StateChanged


@dataclass(frozen=True, slots=True)
class WaitingContact:
    id: int
    queue_id: int
    customer_ref: str | None
    arrived: float


@dataclass(frozen=True, slots=True)
class LiveStart:
    """Where a live run picks up: after the last thing the simulator wrote, or today's start."""

    resume_at: float
    waiting: tuple[WaitingContact, ...]  # emails still in the inbox, carried on
    since: dict[int, float]  # agent id -> start of the agent's current (offline) span
