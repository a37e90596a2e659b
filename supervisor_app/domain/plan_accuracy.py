"""How well a plan predicted the floor: the arithmetic, without the database.

Callers' patience is estimated as Erlang A models it: callers abandon at a rate
θ per second of waiting, and over many contacts θ = abandonments ÷ the total
seconds every caller waited (answered or not). The mean patience is 1 / θ
(Mandelbaum & Zeltyn, "The impact of customers' patience on delay and
abandonment", 2004). A day's expected service level is the intervals' expected
levels weighted by the contacts forecast in each, so it is the share of the
day's forecast contacts expected to be answered in time, comparable with the
achieved share.

Handle times' spread is estimated the same way, as the squared coefficient of
variation (variance ÷ mean²) of answered contacts' talk and wrap-up time: the
floor's handle times vary less than the exponential ones Erlang assumes, and
``domain.coverage_pooled`` shortens waits accordingly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum


class PlanMethod(StrEnum):
    """How a plan's expected service level is computed."""

    ERLANG_C = "erlang-c"  # nobody abandons
    ERLANG_A = "erlang-a"  # callers abandon with the patience seen in history
    SIMULATION = "simulation"  # the event loop replays the forecast against the schedule


def patience_from_history(abandoned: int, waited_seconds: float) -> float | None:
    """Mean patience in seconds, 1 / (abandonments ÷ seconds waited); None where nobody
    abandoned or nobody waited (no evidence of impatience: Erlang C applies)."""
    if abandoned <= 0 or waited_seconds <= 0:
        return None
    return waited_seconds / abandoned


def handle_cv2_from_history(count: int, total: float, total_squares: float) -> float | None:
    """Squared coefficient of variation of handle times, variance ÷ mean², from the count,
    sum and sum of squares of answered contacts' handle seconds; None with fewer than two
    contacts or no time (Erlang's exponential assumption, CV² = 1, then applies)."""
    if count < 2 or total <= 0:
        return None
    mean = total / count
    variance = max(total_squares / count - mean * mean, 0.0) * count / (count - 1)
    return variance / (mean * mean)


def day_service_level(volume: Sequence[float], expected: Sequence[float | None]) -> float | None:
    """The volume-weighted mean of ``expected`` over intervals with forecast contacts; None
    when the day has none. An interval with contacts and no figure counts as 0 (nobody
    can be expected to answer where no one is scheduled)."""
    total = float(sum(volume))
    if total <= 0:
        return None
    weighted = sum(v * _known(x) for v, x in zip(volume, expected, strict=True))
    return float(weighted / total)


def _known(level: float | None) -> float:
    """A missing level (None or NaN) counts as 0."""
    return 0.0 if level is None or math.isnan(level) else level


def prediction_error_points(pairs: Sequence[tuple[float | None, float | None]]) -> float | None:
    """Mean |expected − achieved| in percentage points over pairs where both are known."""
    known = [abs(e - a) for e, a in pairs if e is not None and a is not None]
    if not known:
        return None
    return 100.0 * sum(known) / len(known)
