"""How a KPI range is cut into local intervals, days, ISO weeks or months, DST included.

The range runs from local midnight of its first day to local midnight after
its last, in the site's zone. Each time group is a span of UTC instants; SQL
finds a contact's group with a formula on elapsed seconds (``key``), and agent
time, which has to be clipped to groups, is summed per UTC quarter-hour and
folded into groups here (``bucket_groups``). Offsets of every zone in use
change by whole quarter-hours, so a quarter-hour never straddles two groups.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.store.sqlfunc import floor_int
from supervisor_app.store.sqlfunc_buckets import seconds_since, wall_seconds_since

BUCKET_SECONDS = 900
DAY = 86_400
WEEK = 7 * DAY


class Grouping(StrEnum):
    ALL = "all"
    QUEUE = "queue"
    TEAM = "team"
    AGENT = "agent"
    INTERVAL = "interval"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def is_time(self) -> bool:
        return self in _TIME


_TIME = frozenset({Grouping.INTERVAL, Grouping.DAY, Grouping.WEEK, Grouping.MONTH})

GroupKey = tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class TimeGroup:
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive
    key: GroupKey  # e.g. (("week", "2026-W47"),)


@dataclass(frozen=True, slots=True)
class TimeLayout:
    """A range's time groups, in order; group ``i`` is what ``key`` returns ``i`` for."""

    by: Grouping
    start: datetime
    end: datetime
    first: date
    interval_seconds: int
    changes: tuple[tuple[datetime, float], ...]
    groups: tuple[TimeGroup, ...]
    month_starts: tuple[float, ...]  # wall-clock seconds from ``start`` to months 1, 2, …

    def key(self, value: ColumnElement[Any]) -> ColumnElement[int]:
        """SQL: the index of the group holding the instant ``value`` (inside the range)."""
        if self.by is Grouping.INTERVAL:
            return floor_int(seconds_since(self.start, value) / float(self.interval_seconds))
        wall = wall_seconds_since(self.start, value, self.changes)
        if self.by is Grouping.DAY:
            return floor_int(wall / float(DAY))
        if self.by is Grouping.WEEK:
            return floor_int((wall + float(self.first.weekday() * DAY)) / float(WEEK))
        whens = [(wall >= s, i) for i, s in enumerate((0.0, *self.month_starts))]
        return case(*reversed(whens), else_=0)

    @property
    def buckets(self) -> int:
        return int((self.end - self.start).total_seconds()) // BUCKET_SECONDS

    def bucket_groups(self) -> list[int]:
        """The group index of each UTC quarter-hour of the range."""
        starts = [(g.start - self.start).total_seconds() for g in self.groups]
        return [bisect_right(starts, b * BUCKET_SECONDS) - 1 for b in range(self.buckets)]


def range_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of local midnight before ``first`` and after ``last``."""
    return local_day_bounds(first, zone)[0], local_day_bounds(last, zone)[1]


def time_layout(
    by: Grouping, first: date, last: date, zone: ZoneInfo, interval_minutes: int
) -> TimeLayout:
    start, end = range_bounds(first, last, zone)
    groups = _GROUPS[by](first, last, zone, start, end, interval_minutes * 60)
    for g in groups:
        if (g.start - start).total_seconds() % BUCKET_SECONDS:
            raise UserError(f"time zone {zone.key} changes its offset by part of a quarter-hour")
    months = tuple(float((g.start.astimezone(zone).date() - first).days * DAY) for g in groups[1:])
    return TimeLayout(
        by=by,
        start=start,
        end=end,
        first=first,
        interval_seconds=interval_minutes * 60,
        changes=tuple(offset_changes(start, end, zone)),
        groups=tuple(groups),
        month_starts=months if by is Grouping.MONTH else (),
    )


def offset_changes(start: datetime, end: datetime, zone: ZoneInfo) -> list[tuple[datetime, float]]:
    """Instants in (start, end) where the zone's UTC offset changes, with the new offset
    minus the offset at ``start`` (seconds). Found per local day, then to the second."""
    base = _offset(start, zone)
    out = []
    day = start.astimezone(zone).date()
    while True:
        a, b = local_day_bounds(day, zone)
        if a >= end:
            return out
        if _offset(a, zone) != _offset(b, zone):
            lo, hi = 0, int((b - a).total_seconds())  # offset(a + lo) old, offset(a + hi) new
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset(a + timedelta(seconds=mid), zone) == _offset(a, zone):
                    lo = mid
                else:
                    hi = mid
            at = a + timedelta(seconds=hi)
            if start < at < end:
                out.append((at, _offset(at, zone) - base))
        day += timedelta(days=1)


def _offset(instant: datetime, zone: ZoneInfo) -> float:
    offset = instant.astimezone(zone).utcoffset()
    return 0.0 if offset is None else offset.total_seconds()


def _intervals(
    first: date, last: date, zone: ZoneInfo, start: datetime, end: datetime, seconds: int
) -> list[TimeGroup]:
    step = timedelta(seconds=seconds)
    out, t = [], start
    while t < end:
        label = t.astimezone(zone).isoformat()
        out.append(TimeGroup(t, t + step, (("interval_start", label),)))
        t += step
    return out


def _days(first: date, last: date, zone: ZoneInfo, *_: Any) -> list[TimeGroup]:
    out = []
    for k in range((last - first).days + 1):
        day = first + timedelta(days=k)
        a, b = local_day_bounds(day, zone)
        out.append(TimeGroup(a, b, (("day", day.isoformat()),)))
    return out


def _weeks(first: date, last: date, zone: ZoneInfo, *_: Any) -> list[TimeGroup]:
    out = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        a = local_day_bounds(max(monday, first), zone)[0]
        b = local_day_bounds(min(monday + timedelta(days=6), last), zone)[1]
        year, week, _ = monday.isocalendar()
        out.append(TimeGroup(a, b, (("week", f"{year}-W{week:02d}"),)))
        monday += timedelta(days=7)
    return out


def _months(first: date, last: date, zone: ZoneInfo, *_: Any) -> list[TimeGroup]:
    out = []
    month = first.replace(day=1)
    while month <= last:
        following = (month + timedelta(days=32)).replace(day=1)
        a = local_day_bounds(max(month, first), zone)[0]
        b = local_day_bounds(min(following - timedelta(days=1), last), zone)[1]
        out.append(TimeGroup(a, b, (("month", f"{month:%Y-%m}"),)))
        month = following
    return out


_GROUPS = {
    Grouping.INTERVAL: _intervals,
    Grouping.DAY: _days,
    Grouping.WEEK: _weeks,
    Grouping.MONTH: _months,
}
