"""Where things are on the grid: time across (true elapsed minutes), rows down.

x runs in elapsed minutes from the week's first local midnight, so a DST week is
one hour shorter or longer on screen and no hour is drawn twice; only labels are
local. Snapping counts whole intervals from that midnight, which stays aligned
to local interval boundaries because zone offsets are whole quarter-hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

NAME_W = 190  # the fixed names column
HEADER_H = 38  # the fixed time header: days above, hours below
ROW_H = 24
TEAM_H = 22
EDGE_PX = 5  # how near an edge a press grabs it for resizing
WEEK_MIN = 7 * 24 * 60
SPANS = (60, 180, 360, 720, 1440, 4320, WEEK_MIN)  # minutes on screen, finest first


def week_bounds(week_start: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of the Monday's local midnight and the next Monday's."""
    start = datetime.combine(week_start, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(week_start + timedelta(days=7), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


@dataclass
class TimeScale:
    """Minutes ⇄ content pixels for one week at one zoom."""

    start: datetime  # UTC, local midnight of Monday
    end: datetime
    interval: int  # minutes
    px_per_min: float = 0.1

    @property
    def total_minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60

    @property
    def width(self) -> int:
        return math.ceil(self.total_minutes * self.px_per_min)

    def x(self, t: datetime) -> float:
        return (t - self.start).total_seconds() / 60 * self.px_per_min

    def minutes_at(self, x: float) -> float:
        return x / self.px_per_min

    def time_at(self, x: float) -> datetime:
        return self.start + timedelta(minutes=self.minutes_at(x))

    def snap_minutes(self, minutes: float) -> int:
        """Nearest interval boundary, kept inside the week."""
        step = self.interval
        snapped = round(minutes / step) * step
        return int(min(max(snapped, 0), self.total_minutes))

    def snapped_time_at(self, x: float) -> datetime:
        return self.start + timedelta(minutes=self.snap_minutes(self.minutes_at(x)))

    def floor_time_at(self, x: float) -> datetime:
        step = self.interval
        minutes = math.floor(self.minutes_at(x) / step) * step
        return self.start + timedelta(minutes=min(max(minutes, 0), self.total_minutes - step))

    def fit(self, span_minutes: int, body_width: int) -> None:
        self.px_per_min = max(body_width, 50) / span_minutes


def day_starts(week_start: date, zone: ZoneInfo) -> list[datetime]:
    """UTC instants of the eight local midnights bounding the week's seven days."""
    return [
        datetime.combine(week_start + timedelta(days=i), time(0), tzinfo=zone).astimezone(UTC)
        for i in range(8)
    ]


def tick_step(px_per_min: float, min_gap_px: float = 44) -> int:
    """The finest of 15 min … 12 h that leaves room for a label."""
    for step in (15, 30, 60, 120, 180, 360, 720):
        if step * px_per_min >= min_gap_px:
            return step
    return 1440


def local_ticks(
    scale: TimeScale, zone: ZoneInfo, step: int, lo: float, hi: float
) -> list[datetime]:
    """UTC instants in [lo, hi] pixels that fall on local multiples of ``step`` minutes."""
    first = scale.start + timedelta(minutes=max(0, math.floor(scale.minutes_at(lo) / 15) * 15))
    last = scale.start + timedelta(minutes=scale.minutes_at(hi))
    out, t = [], first
    while t <= last:
        local = t.astimezone(zone)
        if (local.hour * 60 + local.minute) % step == 0:
            out.append(t)
        t += timedelta(minutes=15)
    return out
