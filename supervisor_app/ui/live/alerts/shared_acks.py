"""Which of this console's alerts an acknowledgement made at any console covers. No Qt.

Consoles raise the same breach a refresh apart (each from its own snapshots),
so an acknowledgement can't name one console's alert by its time. It names
the breach by subject and metric instead, and covers this console's alert of
that subject and metric when

- it was made after the alert was raised here, or at most ``GRACE`` before (the
  console that acknowledged saw the breach a little earlier); or
- the alert was raised on this console's first look at the floor (a console
  opened, or restarted, during a breach doesn't know when the breach began, so
  an acknowledgement of the last 12 hours of that subject and metric covers it).

A later breach of the same subject and metric is raised after recovering, past
the grace, so it is new again until someone acknowledges it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_app.services.live import Acknowledgement

GRACE = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Seen:
    """Who acknowledged an alert, when, and their note (shown in the list)."""

    by: str
    at: datetime
    note: str | None
    here: bool = False  # acknowledged at this console, not yet confirmed by the database


def covering(
    subject: str,
    metric: str,
    raised_at: datetime,
    first_look: bool,
    acks: list[Acknowledgement],
) -> Acknowledgement | None:
    """The latest acknowledgement in ``acks`` (oldest first) that covers this alert."""
    for ack in reversed(acks):
        if ack.subject != subject or ack.metric != metric:
            continue
        if first_look or ack.acknowledged_at >= raised_at - GRACE:
            return ack
    return None
