"""Ranges of local dates and how they are cut into intervals, days, ISO weeks or months.

Pure date arithmetic, DST included, so a widget that only needs the
``Grouping`` enum, or a planner's "this quarter", does not load SQLAlchemy.
A range runs from local midnight of its first day to local midnight after its
last, in the site's zone; each time group is a span of UTC instants. How SQL
finds a contact's group is the services' part (``services.kpi.buckets``).
Offsets of every zone in use change by whole quarter-hours, so a UTC
quarter-hour (``BUCKET_SECONDS``) never straddles two groups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.timeutil import local_day_bounds

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


def range_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of local midnight before ``first`` and after ``last``."""
    return local_day_bounds(first, zone)[0], local_day_bounds(last, zone)[1]


def time_groups(
    by: Grouping, first: date, last: date, zone: ZoneInfo, interval_minutes: int
) -> tuple[TimeGroup, ...]:
    """The range's groups in order; refused when a zone's offset change would split a
    quarter-hour (agent time is summed per UTC quarter-hour and folded into groups)."""
    start, end = range_bounds(first, last, zone)
    groups = _GROUPS[by](first, last, zone, start, end, interval_minutes * 60)
    for g in groups:
        if (g.start - start).total_seconds() % BUCKET_SECONDS:
            raise UserError(f"time zone {zone.key} changes its offset by part of a quarter-hour")
    return tuple(groups)


def month_starts(groups: tuple[TimeGroup, ...], first: date, zone: ZoneInfo) -> tuple[float, ...]:
    """Wall-clock seconds from local midnight of ``first`` to the start of each later group."""
    return tuple(float((g.start.astimezone(zone).date() - first).days * DAY) for g in groups[1:])


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


def period_of(kind: str, anchor: date) -> tuple[date, date]:
    """The month or quarter holding ``anchor``: (first day, last day)."""
    if kind == "month":
        first = anchor.replace(day=1)
        months = 1
    elif kind == "quarter":
        first = anchor.replace(month=3 * ((anchor.month - 1) // 3) + 1, day=1)
        months = 3
    else:
        raise UserError(f"a capacity period is a month or a quarter, not {kind!r}")
    m = first.month - 1 + months
    nxt = date(first.year + m // 12, m % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


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


_GROUPS: dict[Grouping, Callable[..., list[TimeGroup]]] = {
    Grouping.INTERVAL: _intervals,
    Grouping.DAY: _days,
    Grouping.WEEK: _weeks,
    Grouping.MONTH: _months,
}


def first_day_of(key: GroupKey, first: date) -> date | None:
    """The first local day of the time group ``key`` inside a range from ``first`` (a week or
    month is cut at the range's start), or None for a group that is not a span of days."""
    name, value = key[0] if key else ("", None)
    if name == "day":
        return date.fromisoformat(value)
    if name == "week":
        year, week = str(value).split("-W")
        return max(date.fromisocalendar(int(year), int(week), 1), first)
    if name == "month":
        return max(date.fromisoformat(f"{value}-01"), first)
    if name == "interval_start":
        return datetime.fromisoformat(value).date()
    return None
