"""KPI definitions: every figure is a ratio of sums, computed here and nowhere else.

Services sum in SQL (or the live view sums what it holds) and call these
functions, so the live view, the history, the CLI and the Excel reports can't
disagree. A figure with no denominator is ``None`` ("no data"), never 0.

Definitions (README, "KPI definitions", says the same in words):

- offered: contacts that arrived in the period.
- answered: contacts an agent picked up (transferred ones included).
- abandoned: the caller hung up while waiting; short abandons are those within
  the queue's short-abandon seconds and are left out of service level and
  abandon rate, since nobody could have answered them.
- answered within threshold: answered with a wait of at most the queue's
  answer-time threshold.
- service level (three variants, chosen per site):
  ``offered``: answered within threshold ÷ (offered − short abandons) — the default;
  ``answered``: answered within threshold ÷ answered;
  ``answered_and_late_abandons``: answered within threshold ÷ (answered +
  abandons after the threshold).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import StrEnum


class ServiceLevelVariant(StrEnum):
    OFFERED = "offered"
    ANSWERED = "answered"
    ANSWERED_AND_LATE_ABANDONS = "answered_and_late_abandons"


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or None when there is nothing to divide by."""
    return None if denominator <= 0 else numerator / denominator


@dataclass(frozen=True, slots=True)
class ContactSums:
    """Counts and second-sums over a set of contacts; they add up across groups."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    short_abandoned: int = 0
    abandoned_after_threshold: int = 0
    answered_within_threshold: int = 0
    timed_out: int = 0
    transferred: int = 0
    escalated: int = 0
    answer_wait_seconds: float = 0.0  # summed over answered contacts
    handled: int = 0  # contacts with a known handle time
    handle_seconds: float = 0.0  # talk + wrap-up, summed over handled contacts
    longest_wait_seconds: float | None = None

    def __add__(self, other: ContactSums) -> ContactSums:
        values = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if f.name == "longest_wait_seconds":
                values[f.name] = max((v for v in (a, b) if v is not None), default=None)
            else:
                values[f.name] = a + b
        return ContactSums(**values)


def service_level(
    sums: ContactSums, variant: ServiceLevelVariant = ServiceLevelVariant.OFFERED
) -> float | None:
    """Fraction 0..1 of contacts answered within the threshold, by the site's variant."""
    if variant is ServiceLevelVariant.OFFERED:
        denominator = sums.offered - sums.short_abandoned
    elif variant is ServiceLevelVariant.ANSWERED:
        denominator = sums.answered
    else:
        denominator = sums.answered + sums.abandoned_after_threshold
    return ratio(sums.answered_within_threshold, denominator)


def average_speed_of_answer(sums: ContactSums) -> float | None:
    """Mean seconds from arrival to answer, over answered contacts."""
    return ratio(sums.answer_wait_seconds, sums.answered)


def average_handle_time(sums: ContactSums) -> float | None:
    """Mean seconds of talk plus wrap-up, over handled contacts."""
    return ratio(sums.handle_seconds, sums.handled)


def abandon_rate(sums: ContactSums) -> float | None:
    """Abandons after the short-abandon time ÷ (offered − short abandons)."""
    return ratio(sums.abandoned - sums.short_abandoned, sums.offered - sums.short_abandoned)


def transfer_rate(sums: ContactSums) -> float | None:
    return ratio(sums.transferred, sums.answered)


def escalation_rate(sums: ContactSums) -> float | None:
    return ratio(sums.escalated, sums.answered)


def occupancy(handling_seconds: float, available_seconds: float) -> float | None:
    """Handling (on contact + wrap-up) ÷ (handling + available), from agent state spans."""
    return ratio(handling_seconds, handling_seconds + available_seconds)


def adherence(minutes_in_scheduled_state: float, scheduled_minutes: float) -> float | None:
    """Minutes the agent's state matched the schedule ÷ scheduled minutes."""
    return ratio(minutes_in_scheduled_state, scheduled_minutes)


def conformance(worked_minutes: float, scheduled_minutes: float) -> float | None:
    """Minutes logged in ÷ minutes scheduled (can exceed 1 with overtime)."""
    return ratio(worked_minutes, scheduled_minutes)


def shrinkage(paid_minutes: float, productive_minutes: float) -> float | None:
    """Share of paid time not available for contacts: 1 − productive ÷ paid."""
    share = ratio(productive_minutes, paid_minutes)
    return None if share is None else 1.0 - share


def csat(satisfied: int, responses: int) -> float | None:
    """Share of CSAT answers that are 4 or 5 on the 1–5 scale."""
    return ratio(satisfied, responses)


def nps(promoters: int, detractors: int, responses: int) -> float | None:
    """Net promoter score in points −100..100: % promoters (9–10) − % detractors (0–6)."""
    share = ratio(promoters - detractors, responses)
    return None if share is None else 100.0 * share


def first_contact_resolution(resolved_first_time: int, handled: int) -> float | None:
    """Share of handled contacts with no repeat contact from the same customer on the
    same queue within the window (default 72 hours)."""
    return ratio(resolved_first_time, handled)


def percentile_position(count: int, fraction: float) -> tuple[int, int, float]:
    """Where a percentile lies among ``count`` sorted values: the 0-based indexes of the two
    values around it and the weight of the upper one.

    The position is ``fraction × (count − 1)``, interpolated linearly, as
    PostgreSQL's ``percentile_cont`` does it, so a percentile computed from two
    rows fetched by rank (SQLite) and one computed by the server agree.
    """
    if count <= 0:
        raise ValueError("a percentile needs at least one value")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction {fraction} is outside 0..1")
    position = fraction * (count - 1)
    lower = int(position)  # position >= 0, so truncation is the floor
    return lower, min(lower + 1, count - 1), position - lower


def interpolate(lower: float, upper: float, weight: float) -> float:
    """The value ``weight`` of the way from ``lower`` to ``upper``."""
    return lower if weight == 0.0 else lower + (upper - lower) * weight


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """The ``fraction`` percentile (0.5: median) of ascending values; None when there are none."""
    if not sorted_values:
        return None
    lower, upper, weight = percentile_position(len(sorted_values), fraction)
    return interpolate(sorted_values[lower], sorted_values[upper], weight)
