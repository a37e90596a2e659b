"""Which cells of the coverage table a draft edit changed (what lets the panel update in
place), and the one-line summary above the chart.

Two computations of the same week and forecast differ only in the scheduled
agents and what follows from them (gap, expected service level); anything else
changed (another week, a reloaded forecast, other queues) means a rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from supervisor_app.domain.coverage import CoverageWeek, QueueCoverage


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


def summary_of(
    week: CoverageWeek, picked: Sequence[QueueCoverage], draft: bool
) -> tuple[str, bool]:
    """The summary line for the picked queues, and whether any contact is forecast."""
    forecast = sum(sum(q.forecast) for q in picked)
    short = sum(1 for q in picked for g, r in zip(q.gap, q.required, strict=True) if g < 0 and r)
    step_h = week.interval_minutes / 60
    req_h = sum(sum(q.required) for q in picked) * step_h
    sch_h = sum(sum(q.scheduled) for q in picked) * step_h
    source = "unsaved draft" if draft else "saved schedule"
    if forecast > 0:
        return (
            f"{forecast:,.0f} contacts forecast · {req_h:,.1f} agent-hours required, "
            f"{sch_h:,.1f} scheduled on the phones · "
            f"{short:,} under-staffed queue-intervals · {source}",
            True,
        )
    return (
        f"No forecast for this week yet: generate one from history or import a file. "
        f"{sch_h:,.1f} agent-hours scheduled on the phones · {source}",
        False,
    )
