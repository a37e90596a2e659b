"""A quick first week for CP-SAT to start from (its hint), not the answer.

Day by day, each agent (fewest paid minutes first) takes the pattern that
removes the most weighted under-staffing net of over-staffing and cost, if that
is positive, within contract and rest; in passes (``FLOORS``) that first accept
only shifts spent almost wholly on unmet need. On the demo week this gives the solver a
starting point hours of search away from the empty week; the solver only
improves on it, so the result never depends on this heuristic being good.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np

from supervisor_app.domain.autoschedule.model import Problem, Weights

# Passes over the week, each taking only shifts whose productive minutes go this much (at
# least) to unmet need: the efficient shifts of every day first, so Monday does not use
# up the contracts that Friday needs.
FLOORS = (0.9, 0.75, 0.5, 0.0)


def warm_start(problem: Problem, weights: Weights) -> dict[int, tuple[int, ...]]:
    """Agent id → chosen pattern indices, each passing the model's constraints."""
    pats = problem.patterns
    iv = problem.interval
    need = np.array(problem.required, dtype=np.float64).reshape(len(problem.required), -1)
    for skills, row in problem.fixed.items():
        _take(need, skills, np.asarray(row, dtype=np.float64))
    used = {a.agent_id: 0 for a in problem.agents}
    chosen: dict[int, list[int]] = defaultdict(list)
    by_day: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for a in problem.agents:
        for p in a.patterns:
            by_day[pats[p].day][a.agent_id].append(p)
    slots = {a.agent_id: a for a in problem.agents}
    for floor, day in itertools.product(FLOORS, sorted(by_day)):
        for agent_id in sorted(by_day[day], key=lambda i: (used[i], i)):
            a = slots[agent_id]
            if any(pats[q].day == day for q in chosen[agent_id]):
                continue
            mine = [pats[q] for q in chosen[agent_id]]
            best, best_gain = None, 0.0
            short = np.maximum(need[list(a.skills)], 0).sum(axis=0)
            for p in by_day[day][agent_id]:
                pat = pats[p]
                if used[agent_id] + pat.paid_minutes > a.paid_cap:
                    continue
                start, end = pat.first * iv, (pat.first + pat.length) * iv
                if any(
                    start < (o.first + o.length) * iv + problem.rest_minutes
                    and o.first * iv < end + problem.rest_minutes
                    for o in mine
                ):
                    continue
                prod = np.asarray(pat.productive, dtype=np.float64)
                covered = np.minimum(prod, short[pat.first : pat.first + pat.length]).sum()
                gain = (
                    weights.under * covered
                    - weights.over * (prod.sum() - covered)
                    - weights.cost * pat.paid_minutes * a.cost_cents_per_hour / 60
                )
                if gain > best_gain and covered >= floor * prod.sum():
                    best, best_gain = p, gain
            if best is not None:
                chosen[agent_id].append(best)
                used[agent_id] += pats[best].paid_minutes
                pat = pats[best]
                row = np.zeros(need.shape[1])
                row[pat.first : pat.first + pat.length] = pat.productive
                _take(need, a.skills, row)
    return {agent: tuple(ps) for agent, ps in chosen.items()}


def _take(need: np.ndarray, skills: tuple[int, ...], minutes: np.ndarray) -> None:
    """Lower the queues' remaining need by ``minutes``, the neediest queue first."""
    left = minutes.copy()
    for q in sorted(skills, key=lambda q: -need[q].sum()):
        part = np.minimum(left, np.maximum(need[q], 0))
        need[q] -= part
        left -= part
