"""Schedule adherence: does what an agent is doing match what they are scheduled to do?

An agent is *out of adherence* once their state has differed from the scheduled
activity for longer than a grace period (default two minutes): a late return
from break counts, a thirty-second overlap while finishing a call does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from supervisor_app.domain.enums import ActivityKind, AgentState

DEFAULT_GRACE = timedelta(minutes=2)

PRODUCTIVE = frozenset({AgentState.AVAILABLE, AgentState.ON_CONTACT, AgentState.WRAP_UP})

# What each scheduled activity allows. Off-phone work and coaching are logged as
# meetings or training by most phone systems, so both are accepted for them.
_EXPECTED: dict[ActivityKind | None, frozenset[AgentState]] = {
    None: PRODUCTIVE,
    ActivityKind.BREAK: frozenset({AgentState.BREAK}),
    ActivityKind.LUNCH: frozenset({AgentState.LUNCH}),
    ActivityKind.TRAINING: frozenset({AgentState.TRAINING}),
    ActivityKind.MEETING: frozenset({AgentState.MEETING}),
    ActivityKind.COACHING: frozenset({AgentState.MEETING, AgentState.TRAINING}),
    ActivityKind.OFF_PHONE: frozenset({AgentState.MEETING, AgentState.TRAINING}),
}
OFF_SHIFT = frozenset({AgentState.OFFLINE})


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time with one value: a state span or a scheduled activity."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class StateSpan(Segment):
    state: AgentState


@dataclass(frozen=True, slots=True)
class ScheduledSpan(Segment):
    """On shift from start to end; ``activity`` None means productive (taking contacts)."""

    activity: ActivityKind | None


@dataclass(frozen=True, slots=True)
class AdherenceException(Segment):
    expected: frozenset[AgentState]
    actual: AgentState

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60.0


def expected_states(scheduled: ScheduledSpan | None) -> frozenset[AgentState]:
    """States that count as adherent for what is scheduled (None: off shift)."""
    return OFF_SHIFT if scheduled is None else _EXPECTED[scheduled.activity]


def _scheduled_at(schedule: Sequence[ScheduledSpan], t: datetime) -> ScheduledSpan | None:
    for item in schedule:
        if item.start <= t < item.end:
            return item
    return None


def _boundaries(
    spans: Iterable[StateSpan], schedule: Sequence[ScheduledSpan], start: datetime, end: datetime
) -> list[datetime]:
    points = {start, end}
    for seg in [*spans, *schedule]:
        points.update(p for p in (seg.start, seg.end) if start < p < end)
    return sorted(points)


def exceptions(
    spans: Sequence[StateSpan],
    schedule: Sequence[ScheduledSpan],
    start: datetime,
    end: datetime,
    grace: timedelta = DEFAULT_GRACE,
) -> list[AdherenceException]:
    """Mismatches longer than the grace period between ``start`` and ``end``.

    ``schedule`` holds the flattened schedule: shift time without an activity as
    ``activity=None`` segments and each activity as its own segment. Time with no
    state span (not logged) is read as offline.
    """
    pieces: list[AdherenceException] = []
    points = _boundaries(spans, schedule, start, end)
    for a, b in pairwise(points):
        state = next((s.state for s in spans if s.start <= a < s.end), AgentState.OFFLINE)
        expected = expected_states(_scheduled_at(schedule, a))
        if state in expected:
            continue
        last = pieces[-1] if pieces else None
        if last and last.end == a and last.actual == state and last.expected == expected:
            pieces[-1] = AdherenceException(last.start, b, expected, state)
        else:
            pieces.append(AdherenceException(a, b, expected, state))
    return [p for p in pieces if p.end - p.start > grace]


def scheduled_minutes(schedule: Sequence[ScheduledSpan], start: datetime, end: datetime) -> float:
    total = timedelta()
    for item in schedule:
        overlap = min(item.end, end) - max(item.start, start)
        if overlap > timedelta():
            total += overlap
    return total.total_seconds() / 60.0


@dataclass(frozen=True, slots=True)
class AdherenceNow:
    """The live board's cell: in or out of adherence, and for how long."""

    in_adherence: bool
    mismatch_since: datetime | None
    minutes_out: float


def adherence_now(
    state: AgentState,
    state_since: datetime,
    scheduled: ScheduledSpan | None,
    scheduled_since: datetime,
    now: datetime,
    grace: timedelta = DEFAULT_GRACE,
) -> AdherenceNow:
    """Whether the agent is out of adherence right now.

    The mismatch began at the later of the last state change and the last
    schedule change (``scheduled_since``: when the current scheduled activity, or
    the off-shift stretch, began).
    """
    if state in expected_states(scheduled):
        return AdherenceNow(True, None, 0.0)
    since = max(state_since, scheduled_since)
    elapsed = now - since
    minutes = max(elapsed.total_seconds(), 0.0) / 60.0
    return AdherenceNow(elapsed <= grace, since, minutes if elapsed > grace else 0.0)
