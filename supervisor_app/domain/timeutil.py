"""Local business days and intervals of a site, DST included.

A day is from local midnight to the next local midnight, which is 23 or 25
hours long on DST change days; intervals are counted, never assumed to be 96.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of the local midnight starting ``day`` and the next one."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def business_day_of(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def interval_starts(day: date, zone: ZoneInfo, minutes: int) -> list[datetime]:
    """UTC starts of the day's intervals, aligned to local midnight (92, 96 or 100 quarters)."""
    start, end = local_day_bounds(day, zone)
    step = timedelta(minutes=minutes)
    starts = []
    t = start
    while t < end:
        starts.append(t)
        t += step
    return starts
