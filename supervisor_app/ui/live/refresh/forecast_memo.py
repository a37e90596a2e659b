"""The what-if panel's forecast, read once per interval rather than at every refresh.

The forecast of the interval holding now, and today's level against it, change
when the interval changes (the level counts only closed intervals) or when a
planner saves a new forecast. Reading them took six of a refresh's seventeen
statements; on a shared database fifty consoles refreshing twice a second made
that the server's largest single load after the snapshot itself. So the answer
is kept while the clock is inside the intervals it covers, and for at most
``TTL_S``. It is forgotten on F5, and on any change notification naming a table
other than the floor's own activity (``on_changed``): a planner's forecast, a
queue's settings. SQLite's feed names no table, so there every change does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.planning import IntervalForecast

TTL_S = 60.0
# Tables whose changes leave the answer standing: the floor's activity, written many
# times a second (contacts count towards the level only once their interval closes).
FLOOR_ACTIVITY = frozenset(
    {
        "contacts",
        "agent_state_spans",
        "alert_acknowledgements",
        "escalations",
        "adherence_approvals",
        "survey_responses",
        "audit_log",
    }
)
Read = Callable[..., "Mapping[int, IntervalForecast] | None"]


class ForecastMemo:
    """A ``ForecastNow`` that remembers ``read``'s last answer (per database and site).

    Called on a worker; a lock keeps two refreshes from reading past each other.
    A failed read (None) is not kept: the next refresh tries again.
    """

    def __init__(
        self, read: Read, ttl_s: float = TTL_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._read = read
        self._ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: tuple[int, int | None, float, Mapping[int, IntervalForecast]] | None = None

    def __call__(
        self, db: Database, now: datetime, site_id: int | None = None
    ) -> Mapping[int, IntervalForecast] | None:
        with self._lock:
            kept = self._kept
            if kept is not None and self._still_good(kept, db, site_id, now):
                return kept[3]
            answer = self._read(db, now) if site_id is None else self._read(db, now, site_id)
            self._kept = None if answer is None else (id(db), site_id, self._clock(), answer)
            return answer

    def forget(self) -> None:
        """Read afresh at the next call (F5)."""
        with self._lock:
            self._kept = None

    def on_changed(self, tables: frozenset[str]) -> None:
        """A change notification: forget the answer unless only floor activity changed."""
        if not tables <= FLOOR_ACTIVITY:
            self.forget()

    def _still_good(
        self,
        kept: tuple[int, int | None, float, Mapping[int, IntervalForecast]],
        db: Database,
        site_id: int | None,
        now: datetime,
    ) -> bool:
        db_id, kept_site, read_at, answer = kept
        return (
            db_id == id(db)
            and kept_site == site_id
            and self._clock() - read_at < self._ttl_s
            and all(f.interval_start <= now < f.interval_end for f in answer.values())
        )
