"""A KPI range's time groups as SQL sees them: which group holds an instant, and which
UTC quarter-hour of agent time folds into which group.

The groups themselves (local intervals, days, ISO weeks, months, DST included)
are plain date arithmetic in ``domain.periods``; this module adds what needs
SQL. A contact's group is a formula on elapsed seconds (``TimeLayout.key``);
agent time, which has to be clipped to groups, is summed per UTC quarter-hour
and folded into groups here (``bucket_groups``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.periods import (
    BUCKET_SECONDS,
    DAY,
    WEEK,
    Grouping,
    TimeGroup,
    month_starts,
    offset_changes,
    range_bounds,
    time_groups,
)
from supervisor_app.store.sqlfunc import floor_int
from supervisor_app.store.sqlfunc_buckets import seconds_since, wall_seconds_since


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


def time_layout(
    by: Grouping, first: date, last: date, zone: ZoneInfo, interval_minutes: int
) -> TimeLayout:
    start, end = range_bounds(first, last, zone)
    groups = time_groups(by, first, last, zone, interval_minutes)
    return TimeLayout(
        by=by,
        start=start,
        end=end,
        first=first,
        interval_seconds=interval_minutes * 60,
        changes=tuple(offset_changes(start, end, zone)),
        groups=groups,
        month_starts=month_starts(groups, first, zone) if by is Grouping.MONTH else (),
    )
