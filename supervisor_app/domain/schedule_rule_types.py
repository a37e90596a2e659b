"""The vocabulary of the labour rules: what a rule is called, its settings, a violation.

Kept apart from the checks (``schedule_rules``, which re-exports these) so the
settings service and the editor can name them without the checking code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Rule(StrEnum):
    """What a violation breaks; the values are stable (settings, tests and the UI use them)."""

    SHIFT_TOO_SHORT = "shift_too_short"
    SHIFT_TOO_LONG = "shift_too_long"
    MIN_REST = "min_rest"
    WEEKLY_HOURS = "weekly_hours"
    BREAKS = "breaks"
    LUNCH = "lunch"
    ACTIVITY_OUTSIDE_SHIFT = "activity_outside_shift"
    ACTIVITY_OVERLAP = "activity_overlap"
    TIME_OFF = "time_off"
    SHIFT_OVERLAP = "shift_overlap"
    TRAINING = "training"


@dataclass(frozen=True)
class BreakRequirement:
    """A shift at least ``min_shift_minutes`` long needs these breaks and lunches."""

    min_shift_minutes: int
    breaks: int
    lunches: int
    break_minutes: int = 15
    lunch_minutes: int = 30


@dataclass(frozen=True)
class RuleSettings:
    """A site's limits; every one is a setting (``services/schedule_settings.py`` stores them).

    Shift length is door to door (lunch included). Weekly hours count paid time:
    the shift minus its lunches unless ``lunch_is_paid``; they may exceed the
    agent's contract by ``weekly_tolerance_minutes`` (rounding of daily shifts).
    The break requirement used for a shift is the one with the largest
    ``min_shift_minutes`` not above its length.
    """

    min_shift_minutes: int = 180
    max_shift_minutes: int = 600
    min_rest_minutes: int = 11 * 60
    weekly_tolerance_minutes: int = 60
    lunch_is_paid: bool = False
    requirements: tuple[BreakRequirement, ...] = (
        BreakRequirement(240, breaks=1, lunches=0),
        BreakRequirement(360, breaks=2, lunches=1),
    )

    def requirement_for(self, shift_minutes: float) -> BreakRequirement | None:
        fitting = [r for r in self.requirements if r.min_shift_minutes <= shift_minutes]
        return max(fitting, key=lambda r: r.min_shift_minutes) if fitting else None


@dataclass(frozen=True)
class Violation:
    """One broken rule, located: the agent, the span it concerns and the shift (if one)."""

    agent_id: int
    rule: Rule
    message: str
    starts_at: datetime
    ends_at: datetime
    shift_key: str | None = None
