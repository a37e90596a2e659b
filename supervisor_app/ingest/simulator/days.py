"""Local days of the site as UTC instants: where each day and each interval starts.

The simulator keeps time as UTC epoch seconds (floats are fast and exact to
well under a microsecond); the site's calendar is local. A DST day has 92 or
100 quarter-hours and is laid out from its real instants, never assumed 96.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np


@dataclass(frozen=True, slots=True)
class LocalDay:
    date: date
    start: float  # UTC epoch seconds of local midnight
    end: float  # UTC epoch seconds of the next local midnight
    interval_starts: np.ndarray  # UTC epoch seconds of each interval start
    quarters: np.ndarray  # local wall-clock quarter-hour 0..95 of each interval
    tz: ZoneInfo

    def epoch(self, minute: int) -> float:
        """UTC epoch seconds of ``minute`` past midnight on this day's wall clock."""
        if self.end - self.start == 86400.0:  # no clock change today: plain arithmetic
            return self.start + minute * 60.0
        return local_epoch(self.date, minute, self.tz)

    @property
    def interval_minutes(self) -> int:
        return int(self.interval_starts[1] - self.interval_starts[0]) // 60

    @property
    def weekday(self) -> int:
        return self.date.weekday()

    @property
    def ordinal(self) -> int:
        return self.date.toordinal()


def local_epoch(day: date, minute: int, tz: ZoneInfo) -> float:
    """UTC epoch seconds of ``minute`` past local midnight, on the wall clock of ``day``."""
    wall = datetime.combine(day, time()) + timedelta(minutes=minute)
    return wall.replace(tzinfo=tz).timestamp()


def local_day(day: date, tz: ZoneInfo, interval_minutes: int = 15) -> LocalDay:
    start = local_epoch(day, 0, tz)
    end = local_epoch(day + timedelta(days=1), 0, tz)
    step = interval_minutes * 60
    starts = np.arange(start, end, step, dtype=np.float64)
    if end - start == 86400.0:
        quarters = np.arange(len(starts), dtype=np.int64) * (step // 900)
    else:
        quarters = np.array([_wall_quarter(t, tz) for t in starts.tolist()], dtype=np.int64)
    return LocalDay(day, start, end, starts, quarters, tz)


def _wall_quarter(t: float, tz: ZoneInfo) -> int:
    wall = datetime.fromtimestamp(t, tz)
    return wall.hour * 4 + wall.minute // 15


def local_date(t: float, tz: ZoneInfo) -> date:
    return datetime.fromtimestamp(t, tz).date()


def to_epoch(moment: datetime) -> float:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: give a timezone")
    return moment.timestamp()


def from_epoch(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)
