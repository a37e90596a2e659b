"""A quick first week for CP-SAT to start from (its hint), not the answer.

Day by day, each agent (fewest paid minutes first) takes the pattern that
removes the most weighted under-staffing net of over-staffing and cost, if that
is positive, within contract and rest; in passes (``FLOORS``) that first accept
only shifts spent almost wholly on unmet need; then each agent's day is chosen
again with the rest of the week in place (``SWEEPS``). On the demo week this gives the solver a
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


SWEEPS = 2  # rounds of re-choosing each agent's day once the week is filled


def warm_start(problem: Problem, weights: Weights) -> dict[int, tuple[int, ...]]:
    """Agent id → chosen pattern indices, each passing the model's constraints."""
    pats = problem.patterns
    iv = problem.interval
    need = np.array(problem.required, dtype=np.float64).reshape(len(problem.required), -1)
    for skills, row in problem.fixed.items():
        _take(need, skills, np.asarray(row, dtype=np.float64))
    used = {a.agent_id: 0 for a in problem.agents}
    chosen: dict[int, dict[int, tuple[int, np.ndarray]]] = defaultdict(dict)  # day → p, taken
    by_day: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for a in problem.agents:
        for p in a.patterns:
            by_day[pats[p].day][a.agent_id].append(p)
    slots = {a.agent_id: a for a in problem.agents}

    def best_for(agent_id: int, day: int, floor: float) -> int | None:
        a = slots[agent_id]
        mine = [pats[q] for d, (q, _) in chosen[agent_id].items() if d != day]
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
        return best

    def put(agent_id: int, p: int) -> None:
        pat = pats[p]
        row = np.zeros(need.shape[1])
        row[pat.first : pat.first + pat.length] = pat.productive
        chosen[agent_id][pat.day] = (p, _take(need, slots[agent_id].skills, row))
        used[agent_id] += pat.paid_minutes

    def drop(agent_id: int, day: int) -> None:
        p, taken = chosen[agent_id].pop(day)
        need[list(slots[agent_id].skills)] += taken
        used[agent_id] -= pats[p].paid_minutes

    for floor, day in itertools.product(FLOORS, sorted(by_day)):
        for agent_id in sorted(by_day[day], key=lambda i: (used[i], i)):
            if day not in chosen[agent_id] and (p := best_for(agent_id, day, floor)) is not None:
                put(agent_id, p)
    for _sweep, day in itertools.product(range(SWEEPS), sorted(by_day)):
        for agent_id in sorted(by_day[day]):
            if day in chosen[agent_id]:
                drop(agent_id, day)
            if (p := best_for(agent_id, day, 0.0)) is not None:
                put(agent_id, p)
    return {agent: tuple(p for _, (p, _) in sorted(days.items())) for agent, days in chosen.items()}


def _take(need: np.ndarray, skills: tuple[int, ...], minutes: np.ndarray) -> np.ndarray:
    """Lower the queues' remaining need by ``minutes``, the neediest queue first; what was
    taken from each of ``skills`` (rows in their order), to give back if the shift goes."""
    left = minutes.copy()
    taken = np.zeros((len(skills), minutes.size))
    for j in sorted(range(len(skills)), key=lambda j: -need[skills[j]].sum()):
        part = np.minimum(left, np.maximum(need[skills[j]], 0))
        need[skills[j]] -= part
        taken[j] = part
        left -= part
    return taken
