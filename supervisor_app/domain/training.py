"""Training a queue requires: who holds it on which day, and the rule the schedule checks.

A course completed on day C with ``valid_days`` V holds from C until C + V
(exclusive); a course with no validity holds for good. An agent skilled for a
queue that requires a course may only be scheduled on days some completion of
that course holds: otherwise the week breaks ``Rule.TRAINING``, with the reason
(never completed, or expired on which day), in the grid, ``schedule check`` and
publishing alike.

The same completions give a course's status on a day (``training_status``):
never completed, expired, expiring within ``DUE_WITHIN_DAYS`` or valid. The
profile, the due list in Setup and ``training due``, and the review pack all read
it from here, so they can't disagree about who is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from supervisor_app.domain.schedule_rule_types import Rule, Violation
from supervisor_app.domain.schedule_types import PlannedShift


@dataclass(frozen=True, slots=True)
class TrainingHold:
    """One agent, one queue they are skilled for, the course it requires, and the spans
    (first day, day after the last; None: no end) in which the agent holds it."""

    agent_id: int
    queue: str
    course: str
    held: tuple[tuple[date, date | None], ...] = ()

    def holds_on(self, day: date) -> bool:
        return any(start <= day and (end is None or day < end) for start, end in self.held)

    def why_not(self, day: date) -> str:
        """The reason the agent may not take the queue's contacts on ``day``."""
        ended = [end for start, end in self.held if end is not None and end <= day]
        if ended:
            return f"not trained for {self.queue}: {self.course} expired on {max(ended)}"
        if any(start > day for start, _ in self.held):
            return f"not trained for {self.queue}: {self.course} is completed only later"
        return f"not trained for {self.queue}: {self.course} was never completed"


DUE_WITHIN_DAYS = 30
"""How far ahead an expiry makes a course due: the due list's window and the status's."""


class TrainingStatus(StrEnum):
    """A course's state for one agent on one day, worst first (the order records sort by).

    The values are the words the review pack writes; the window shows its own
    translated labels."""

    NEVER = "never completed"  # no completion dated on or before the day
    EXPIRED = "expired"  # the best completion ended on the day or before
    DUE = f"expires within {DUE_WITHIN_DAYS} days"  # it ends within that many days
    VALID = "valid"  # it holds beyond that, or never ends


@dataclass(frozen=True, slots=True)
class CourseState:
    """The completion that holds longest by a day, and the status it gives."""

    completed_on: date | None  # None: never completed by the day
    expires_on: date | None  # None: never expires (or never completed)
    status: TrainingStatus

    @property
    def overdue(self) -> bool:
        """Never completed or expired: the agent may not take the queues requiring it."""
        return self.status in (TrainingStatus.NEVER, TrainingStatus.EXPIRED)


def training_status(
    completions: Iterable[tuple[date, date | None]],
    day: date,
    within_days: int = DUE_WITHIN_DAYS,
) -> CourseState:
    """The status on ``day`` from (completed on, expires on) pairs.

    A completion dated after ``day`` does not hold yet. Among the others the one
    holding longest counts: no end beats any end, then the later end, then the
    later completion (the date a reader recognises)."""
    done = [c for c in completions if c[0] <= day]
    if not done:
        return CourseState(None, None, TrainingStatus.NEVER)
    completed, end = max(done, key=lambda c: (c[1] is None, c[1] or date.min, c[0]))
    if end is None:
        status = TrainingStatus.VALID
    elif end <= day:
        status = TrainingStatus.EXPIRED
    elif end <= day + timedelta(days=within_days):
        status = TrainingStatus.DUE
    else:
        status = TrainingStatus.VALID
    return CourseState(completed, end, status)


def expiry(completed_on: date, valid_days: int | None) -> date | None:
    """The first day a completion no longer holds (None: it never expires)."""
    return None if valid_days is None else completed_on + timedelta(days=valid_days)


def check_training(
    shifts: Iterable[PlannedShift], holds: Iterable[TrainingHold], timezone: str
) -> list[Violation]:
    """A violation per shift and unheld requirement of its agent, on the shift's local day."""
    zone = ZoneInfo(timezone)
    by_agent: dict[int, list[TrainingHold]] = {}
    for hold in holds:
        by_agent.setdefault(hold.agent_id, []).append(hold)
    out = []
    for shift in shifts:
        day = shift.starts_at.astimezone(zone).date()
        for hold in by_agent.get(shift.agent_id, ()):
            if not hold.holds_on(day):
                out.append(
                    Violation(
                        shift.agent_id,
                        Rule.TRAINING,
                        hold.why_not(day),
                        shift.starts_at,
                        shift.ends_at,
                        shift.key,
                    )
                )
    return out
