"""Tooltip and list text for an agent's day: what a supervisor needs to judge a span."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from supervisor_app.ui.common.local_time import duration, hm, minutes_text, span
from supervisor_app.ui.common.timeline_palette import ACTIVITY_NAME, STATE_NAME

if TYPE_CHECKING:
    from supervisor_app.domain.adherence import ScheduledSpan
    from supervisor_app.domain.enums import AgentState
    from supervisor_app.services.live import ContactBrief, ExceptionRow, StateSegment


def _length(start: datetime, end: datetime) -> str:
    return duration((end - start).total_seconds())


def schedule_tip(s: ScheduledSpan, zone: str) -> str:
    when = f"{span(s.start, s.end, zone)} ({_length(s.start, s.end)})"
    return f"Scheduled: {ACTIVITY_NAME[s.activity]}\n{when}"


def state_tip(s: StateSegment, now: datetime, zone: str) -> str:
    end = s.end or now
    until = span(s.start, end, zone) if s.end else f"{hm(s.start, zone)}–now"
    text = f"{STATE_NAME[s.state]}\n{until} ({_length(s.start, end)})"
    return f"{text}\nReason: {s.reason}" if s.reason else text


def contact_tip(c: ContactBrief, zone: str) -> str:
    lines = [f"Contact in {c.queue}", f"Arrived {hm(c.arrived_at, zone)}"]
    if c.answered_at:
        lines.append(f"Answered {hm(c.answered_at, zone)}")
    if c.ended_at:
        lines.append(f"Ended {hm(c.ended_at, zone)}")
    if c.wrap_ended_at:
        lines.append(f"Wrap-up until {hm(c.wrap_ended_at, zone)}")
    if c.outcome:
        lines.append(f"Outcome: {str(c.outcome).replace('_', ' ')}")
    return "\n".join(lines)


def expected_text(expected: tuple[AgentState, ...]) -> str:
    return " or ".join(STATE_NAME[s] for s in expected) or "—"


def approval_text(e: ExceptionRow) -> str:
    if e.approved_by is None:
        return "Not approved"
    return f"Approved by {e.approved_by}" + (f": {e.approved_reason}" if e.approved_reason else "")


def exception_tip(e: ExceptionRow, zone: str) -> str:
    return (
        f"Out of adherence {span(e.start, e.end, zone)} ({minutes_text(e.start, e.end)} min)\n"
        f"Expected {expected_text(e.expected)}, was {STATE_NAME[e.actual]}\n{approval_text(e)}"
    )
