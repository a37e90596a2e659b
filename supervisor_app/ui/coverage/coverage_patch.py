"""Which cells of the coverage table a draft edit changed: what lets the panel update in place.

Two computations of the same week and forecast differ only in the scheduled
agents and what follows from them (gap, expected service level); anything else
changed (another week, a reloaded forecast, other queues) means a rebuild.
"""

from __future__ import annotations

import numpy as np

from supervisor_app.domain.coverage import CoverageWeek


def changed_cells(old: CoverageWeek, new: CoverageWeek) -> list[tuple[int, int]] | None:
    """(interval, queue position) of every cell whose scheduled agents, gap or expected service
    level differ; None when the two are not the same week and forecast."""
    if (
        old.week_start != new.week_start
        or old.starts != new.starts
        or old.holidays != new.holidays
        or len(old.queues) != len(new.queues)
    ):
        return None
    out: list[tuple[int, int]] = []
    for q, (a, b) in enumerate(zip(old.queues, new.queues, strict=True)):
        if (a.queue_id, a.name) != (b.queue_id, b.name):
            return None
        if a.forecast != b.forecast or a.aht_seconds != b.aht_seconds or a.required != b.required:
            return None
        diff = np.asarray(a.scheduled) != np.asarray(b.scheduled)
        diff |= np.array([x != y for x, y in zip(a.expected_sl, b.expected_sl, strict=True)])
        out += [(int(i), q) for i in np.flatnonzero(diff)]
    return out
