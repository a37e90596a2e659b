"""Move a demo database's sites to a zone where it is about noon now.

The demo centre is closed at night: a test that starts the live simulator and waits
for "today so far" to be replayed sees no traffic when the suite runs after local
midnight (CI runs at any hour). A fixed-offset zone where the local hour is 11–12
makes the replay start mid-morning whatever the hour of the run.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def noon_zone(now: datetime | None = None) -> str:
    """An ``Etc/GMT±N`` zone whose local time is between 11:00 and 12:59 at ``now``."""
    hour = (now or datetime.now(UTC)).astimezone(UTC).hour
    east = (12 - hour + 12) % 24 - 12  # hours east of UTC, -12..11
    # POSIX-style names: Etc/GMT-3 is three hours *east* of UTC.
    return "UTC" if east == 0 else f"Etc/GMT{-east:+d}"


def move_sites_to_noon(path: Path) -> str:
    """Set every site of the SQLite file ``path`` to :func:`noon_zone`; the zone."""
    zone = noon_zone()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sites SET timezone = ?", (zone,))
    return zone
