"""What an escalation raised by a person must hold, checked the same way everywhere.

The dialog on the Live tab, ``escalation add`` and ``import escalations`` all
check a draft here, so a reason that is too long reads the same refusal in each.
People speak of a *priority* (low, normal, high, urgent); the table stores the
simulator's *severity* scale, one step for one step.
"""

from __future__ import annotations

from dataclasses import dataclass

from supervisor_app.domain.enums import Severity

# Priority words, lowest first, and the severity each is stored as.
PRIORITIES: dict[str, Severity] = {
    "low": Severity.LOW,
    "normal": Severity.MEDIUM,
    "high": Severity.HIGH,
    "urgent": Severity.CRITICAL,
}
DEFAULT_PRIORITY = "normal"
REASON_MAX = 200  # escalations.reason
CUSTOMER_MAX = 120  # escalations.customer_ref


def priority_of(severity: Severity) -> str:
    """The priority word a person reads for a stored severity."""
    return next(word for word, s in PRIORITIES.items() if s is severity)


@dataclass(frozen=True, slots=True)
class EscalationDraft:
    """An escalation as a person typed it, before it has a queue id."""

    queue: str
    customer_ref: str
    reason: str
    priority: str = DEFAULT_PRIORITY


def field_errors(draft: EscalationDraft) -> dict[str, str]:
    """Each field that is wrong, with why (empty when the draft may be saved).

    Whether the queue exists is the service's question; here only its presence.
    """
    errors: dict[str, str] = {}
    if not draft.queue.strip():
        errors["queue"] = "choose the queue the customer called"
    customer = draft.customer_ref.strip()
    if not customer:
        errors["customer"] = "give the customer's reference (account, ticket or phone)"
    elif len(customer) > CUSTOMER_MAX:
        errors["customer"] = f"at most {CUSTOMER_MAX} characters, got {len(customer)}"
    reason = draft.reason.strip()
    if not reason:
        errors["reason"] = "say why the customer needs a supervisor"
    elif len(reason) > REASON_MAX:
        errors["reason"] = f"at most {REASON_MAX} characters, got {len(reason)}"
    if draft.priority.strip().lower() not in PRIORITIES:
        errors["priority"] = f"one of {', '.join(PRIORITIES)}, got {draft.priority!r}"
    return errors
