"""Coaching follow-ups and restricted records as plain values: the record kinds, the
limits of their text, and when a follow-up is due (issue 18)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from supervisor_app.domain.errors import UsageError

TOPIC_MAX = 120
TEXT_MAX = 4000


class RecordKind(StrEnum):
    WARNING = "warning"
    IMPROVEMENT_PLAN = "improvement_plan"
    OTHER = "other"


def follow_up_due(follow_up_on: date | None, followed_up_on: date | None, today: date) -> bool:
    """A follow-up is due from its day on (overdue after it) until it is marked done."""
    return follow_up_on is not None and followed_up_on is None and follow_up_on <= today


def checked_text(name: str, value: str, limit: int, *, required: bool = True) -> str:
    """``value`` stripped, or a ``UsageError`` naming the field when empty or too long."""
    value = value.strip()
    if required and not value:
        raise UsageError(f"{name} refused: it is empty")
    if len(value) > limit:
        raise UsageError(f"{name} refused: {len(value)} characters, at most {limit}")
    return value


def checked_period(start: date | None, end: date | None) -> None:
    """A period has both ends, in order."""
    if (start is None) != (end is None):
        raise UsageError("period refused: give both its first and last day")
    if start is not None and end is not None and start > end:
        raise UsageError(f"period refused: {start} is after {end}")
