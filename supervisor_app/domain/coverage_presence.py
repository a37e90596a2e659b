"""Who is on the phones when: each agent's productive share of every interval of a week.

The counting rule is ``domain.coverage``'s (a shift counts +1, its activities and
approved time off −1, clipped to [0, 1]). It lives here so the schedule editor
can keep the rows of agents a draft did not touch: ``PresenceCache`` recomputes
only agents whose shifts or approved time off are new objects (the editor's
shifts are frozen and shared between drafts; an edit replaces the ones it
changes). An agent's row is computed by the same ``bincount``, over the same
spans in the same order, whether alone or with the whole roster, so the cached
figures are exactly, not just nearly, those of a full recompute.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from supervisor_app.domain.enums import TimeOffStatus
from supervisor_app.domain.schedule_types import PlannedShift, ScheduleWeek, TimeOffBand

Floats = NDArray[np.float64]
AgentInputs = tuple[tuple[PlannedShift, ...], tuple[TimeOffBand, ...]]


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inputs_by_agent(week: ScheduleWeek) -> dict[int, AgentInputs]:
    """Each agent with a shift: their shifts and approved time off, in the week's order."""
    off: dict[int, list[TimeOffBand]] = defaultdict(list)
    for band in week.time_off:
        if band.status == TimeOffStatus.APPROVED:
            off[band.agent_id].append(band)
    shifts: dict[int, list[PlannedShift]] = defaultdict(list)
    for shift in week.shifts:
        shifts[shift.agent_id].append(shift)
    return {a: (tuple(s), tuple(off.get(a, ()))) for a, s in shifts.items()}


def _spans(inputs: AgentInputs) -> tuple[list[float], list[float], list[float]]:
    """(start, end, ±1) in epoch seconds: each shift +1, its time off the phones −1."""
    shifts, bands = inputs
    off = [(b.starts_at.timestamp(), b.ends_at.timestamp()) for b in bands]
    lo: list[float] = []
    hi: list[float] = []
    sign: list[float] = []
    for shift in shifts:
        s, e = shift.starts_at.timestamp(), shift.ends_at.timestamp()
        away = [(a.starts_at.timestamp(), a.ends_at.timestamp()) for a in shift.activities]
        away += off
        clipped = [(max(a, s), min(b, e)) for a, b in away if min(b, e) > max(a, s)]
        for a, b, k in [(s, e, 1.0)] + [(a, b, -1.0) for a, b in _merge(clipped)]:
            lo.append(a)
            hi.append(b)
            sign.append(k)
    return lo, hi, sign


def presence_rows(
    inputs: dict[int, AgentInputs], agents: Iterable[int], t0: Floats, step: float
) -> dict[int, Floats]:
    """The share of each interval (starting at epoch seconds ``t0``) each agent is on the phones.

    Each span is cut into the intervals it touches, found by binary search on the
    edges, and the pieces summed per (agent, interval) with one ``bincount``.
    """
    ids = np.array(sorted(agents), dtype=np.int64)
    n = t0.size
    if n == 0 or ids.size == 0:
        return {int(a): np.zeros(n) for a in ids}
    row_l: list[int] = []
    lo_l: list[float] = []
    hi_l: list[float] = []
    sign_l: list[float] = []
    for r, agent in enumerate(ids.tolist()):
        lo, hi, sign = _spans(inputs[agent])
        row_l += [r] * len(lo)
        lo_l += lo
        hi_l += hi
        sign_l += sign
    edges = np.append(t0, t0[-1] + step)
    lo_a, hi_a, sign_a = (np.array(x, dtype=np.float64) for x in (lo_l, hi_l, sign_l))
    row = np.array(row_l, dtype=np.int64)
    first = np.clip(np.searchsorted(edges, lo_a, side="right") - 1, 0, n)
    last = np.clip(np.searchsorted(edges, hi_a, side="left"), 0, n)  # exclusive
    count = np.maximum(last - first, 0)
    span = np.repeat(np.arange(lo_a.size), count)
    k = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + first[span]
    piece = np.minimum(hi_a[span], edges[k + 1]) - np.maximum(lo_a[span], edges[k])
    weights = np.maximum(piece, 0.0) * sign_a[span] / step
    out = np.bincount(row[span] * n + k, weights=weights, minlength=ids.size * n)
    out = np.clip(out.reshape(ids.size, n), 0.0, 1.0)  # two overlapping shifts count once
    out.setflags(write=False)
    return {int(a): out[i] for i, a in enumerate(ids)}


def _same(a: AgentInputs, b: AgentInputs) -> bool:
    return all(
        len(x) == len(y) and all(p is q for p, q in zip(x, y, strict=True))
        for x, y in zip(a, b, strict=True)
    )


class PresenceCache:
    """Presence rows of the last week seen, reused for agents whose inputs are the same objects."""

    def __init__(self) -> None:
        self._grid: tuple[Floats, float] | None = None
        self._inputs: dict[int, AgentInputs] = {}
        self._rows: dict[int, Floats] = {}
        self.recomputed = 0  # agents computed by the last call (for tests and profiling)

    def presence(self, week: ScheduleWeek, t0: Floats, step: float) -> dict[int, Floats]:
        """Like ``presence_rows`` for every agent with a shift, in agent id order."""
        if self._grid is None or self._grid[0] is not t0 or self._grid[1] != step:
            self._grid, self._inputs, self._rows = (t0, step), {}, {}
        inputs = inputs_by_agent(week)
        known, rows = self._inputs, self._rows
        changed = [a for a, x in inputs.items() if a not in known or not _same(known[a], x)]
        fresh = presence_rows(inputs, changed, t0, step)
        self._rows = {a: fresh[a] if a in fresh else rows[a] for a in sorted(inputs)}
        self._inputs = inputs
        self.recomputed = len(changed)
        return self._rows


def productive_presence_of(week: ScheduleWeek, t0: Floats, step: float) -> dict[int, Floats]:
    """Every agent's presence computed afresh (no cache)."""
    inputs = inputs_by_agent(week)
    return presence_rows(inputs, inputs.keys(), t0, step)
