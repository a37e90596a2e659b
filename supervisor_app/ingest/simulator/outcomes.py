"""What customers say afterwards: survey scores and escalations.

Scores get worse the longer someone waited (measured against what is normal
for the channel) and when they were passed on or had to escalate; a standard
normal "mood" drawn per contact supplies the rest of the spread. Vectorised, so
the seed scores thousands at once and the live run scores one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supervisor_app.domain.enums import EscalationStatus, Severity

COMMENT_RATE = 0.3
ESCALATIONS = (
    "Asked to speak to a manager",
    "Complaint about a bill",
    "Repeat contact, problem still not fixed",
    "Service outage reported",
    "Threatening to cancel",
    "Vulnerable customer needs a call back",
    "Refund promised but not received",
)
SEVERITIES = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
SEVERITY_WEIGHTS = (0.3, 0.4, 0.22, 0.08)
SUPERVISORS = ("Sam Patel", "Alex Morgan", "Jordan Lee", "Chris Evans")
RESOLUTIONS = (
    "Called the customer back and explained the charge",
    "Credit applied to the account",
    "Engineer visit booked",
    "Refund issued",
    "Customer satisfied after call back",
)
GOOD_COMMENTS = (
    "Quick and friendly, thank you",
    "Sorted first time",
    "Very helpful agent",
    "Easy to deal with",
)
BAD_COMMENTS = (
    "Waited far too long",
    "Had to explain everything twice",
    "Still not resolved",
    "Passed from one person to another",
    "Nobody seemed to know the answer",
)
NEUTRAL_COMMENTS = ("It was fine", "OK in the end", "Took a while but got there")


def survey_scores(
    wait_s: np.ndarray,
    tolerance_s: np.ndarray,
    transferred: np.ndarray,
    escalated: np.ndarray,
    z_csat: np.ndarray,
    z_nps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """CSAT 1..5 and NPS 0..10 for answered contacts."""
    penalty = 1.4 * (1 - np.exp(-wait_s / tolerance_s))
    mood = 4.5 - penalty - 0.7 * transferred - 1.2 * escalated + 0.7 * z_csat
    csat = np.clip(np.round(mood), 1, 5).astype(np.int64)
    nps = np.clip(np.round(2.2 * mood - 1.2 + 1.4 * z_nps), 0, 10).astype(np.int64)
    return csat, nps


def comments(csat: np.ndarray, draw: np.ndarray) -> list[str | None]:
    """A comment for the share of answers that leave one, in tone with the score."""
    out: list[str | None] = []
    for score, u in zip(csat.tolist(), draw.tolist(), strict=True):
        if u < 0:
            out.append(None)
            continue
        pool = GOOD_COMMENTS if score >= 4 else BAD_COMMENTS if score <= 2 else NEUTRAL_COMMENTS
        out.append(pool[min(int(u * len(pool)), len(pool) - 1)])
    return out


@dataclass(frozen=True, slots=True)
class EscalationState:
    status: list[EscalationStatus]
    owner: list[str | None]
    taken_at: np.ndarray  # NaN while open
    resolved_at: np.ndarray
    resolution: list[str | None]


def escalation_state(
    created: np.ndarray, take_delay: np.ndarray, resolve_delay: np.ndarray, until: float
) -> EscalationState:
    """Where each escalation stands at ``until``: old ones mostly resolved, recent ones open."""
    taken = created + take_delay
    resolved = taken + resolve_delay
    is_taken = taken <= until
    is_resolved = is_taken & (resolved <= until)
    status = [
        EscalationStatus.RESOLVED if r else EscalationStatus.TAKEN if t else EscalationStatus.OPEN
        for t, r in zip(is_taken.tolist(), is_resolved.tolist(), strict=True)
    ]
    k = np.arange(len(created))
    owner = [
        SUPERVISORS[i % len(SUPERVISORS)] if t else None
        for i, t in zip(k.tolist(), is_taken.tolist(), strict=True)
    ]
    resolution = [
        RESOLUTIONS[i % len(RESOLUTIONS)] if r else None
        for i, r in zip(k.tolist(), is_resolved.tolist(), strict=True)
    ]
    return EscalationState(
        status,
        owner,
        np.where(is_taken, taken, np.nan),
        np.where(is_resolved, resolved, np.nan),
        resolution,
    )
