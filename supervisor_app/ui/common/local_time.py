"""Showing UTC instants as the site's wall-clock time, and ages as short durations.

Every timestamp from the services is UTC-aware; a supervisor reads the clock on
the wall of their site, so every label goes through the site's zone here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

GRAIN = 300  # tick candidates every five minutes: every zone's offset is a multiple of that


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def hm(instant: datetime | None, zone_name: str) -> str:
    """``14:03`` in the site's zone; an empty string for a missing time."""
    if instant is None:
        return ""
    return instant.astimezone(zone(zone_name)).strftime("%H:%M")


def span(start: datetime, end: datetime, zone_name: str) -> str:
    return f"{hm(start, zone_name)}–{hm(end, zone_name)}"


def local_hm(instant: datetime | None) -> str:
    """``14:03`` in this computer's zone, for data with no site attached (escalations)."""
    return "" if instant is None else instant.astimezone().strftime("%H:%M")


def duration(seconds: float) -> str:
    """A short age a supervisor reads at a glance: ``45s``, ``4m 05s``, ``1h 12m``, ``2d 3h``."""
    total = max(int(seconds), 0)
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"


def minutes_text(start: datetime, end: datetime) -> str:
    minutes = (end - start).total_seconds() / 60.0
    return f"{minutes:.0f}" if minutes >= 10 else f"{minutes:.1f}"


def local_ticks(lo: float, hi: float, step_minutes: int, zone_name: str) -> list[float]:
    """Epoch seconds in [lo, hi] whose local wall-clock minute of the day is a multiple of step.

    Stepping through true time and keeping the instants that read round on the wall
    clock gives 00:00, 01:00, 03:00 on a spring-forward day and 01:00 twice in autumn.
    """
    tz = zone(zone_name)
    t = datetime.fromtimestamp((lo // GRAIN) * GRAIN, UTC)
    last = datetime.fromtimestamp(hi, UTC)
    ticks: list[float] = []
    while t <= last:
        local = t.astimezone(tz)
        if (local.hour * 60 + local.minute) % step_minutes == 0 and t.timestamp() >= lo:
            ticks.append(t.timestamp())
        t += timedelta(seconds=GRAIN)
    return ticks
