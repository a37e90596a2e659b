"""Epoch seconds to what the database takes, shared by the queue_log writers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

from supervisor_app.store import bulk


def at(t: float | None) -> datetime | None:
    return None if t is None else datetime.fromtimestamp(t, UTC)


def second(t: datetime | float) -> float:
    """A moment as epoch seconds rounded to the microsecond the database keeps."""
    return round(t.timestamp() if isinstance(t, datetime) else t, 6)


def texts(dialect: str, values: Sequence[float | None]) -> list[str | None]:
    """Timestamps as the bulk path's text (None stays NULL)."""
    return bulk.timestamp_texts(dialect, [math.nan if v is None else v for v in values])
