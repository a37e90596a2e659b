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

from supervisor_app.domain.autoschedule.problem import Problem, Weights
from supervisor_app.domain.coverage import split_shares

# Passes over the week, each taking only shifts whose productive minutes go this much (at
# least) to unmet need: the efficient shifts of every day first, so Monday does not use
# up the contracts that Friday needs.
FLOORS = (0.9, 0.75, 0.5, 0.0)


SWEEPS = 2  # rounds of re-choosing each agent's day once the week is filled


def warm_start(problem: Problem, weights: Weights) -> dict[int, tuple[int, ...]]:
    """Agent id → chosen pattern indices, each passing the model's constraints."""
    pats = problem.patterns
    iv = problem.interval
    required = np.array(problem.required, dtype=np.float64).reshape(len(problem.required), -1)
    need = required.copy()
    # Need left after single-skilled agents only: what the coverage panel splits shared
    # agents by (``coverage.split_shares``), so a shared agent counts here as it will there.
    still = required.copy()
    for skills, row in problem.fixed.items():
        if len(skills) == 1:
            still[skills[0]] -= row
    for skills, row in problem.fixed.items():
        need[list(skills)] -= _shares(skills, still, required) * np.asarray(row, dtype=np.float64)
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
        rows = list(a.skills)
        short = np.maximum(need[rows], 0)
        share = _shares(a.skills, still, required)
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
            span = slice(pat.first, pat.first + pat.length)
            covered = np.minimum(share[:, span] * prod, short[:, span]).sum()
            gain = (
                weights.under * covered
                + weights.contract * min(pat.paid_minutes, max(a.paid_floor - used[agent_id], 0))
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
        skills = slots[agent_id].skills
        taken = _shares(skills, still, required) * row
        need[list(skills)] -= taken
        if len(skills) == 1:
            still[skills[0]] -= row
        chosen[agent_id][pat.day] = (p, taken)
        used[agent_id] += pat.paid_minutes

    def drop(agent_id: int, day: int) -> None:
        p, taken = chosen[agent_id].pop(day)
        skills = slots[agent_id].skills
        need[list(skills)] += taken
        if len(skills) == 1:
            still[skills[0]] += taken[0]
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


def _shares(skills: tuple[int, ...], still: np.ndarray, required: np.ndarray) -> np.ndarray:
    """Each of ``skills``' share of an agent with those skills, per interval (rows sum to 1)."""
    if len(skills) == 1:
        return np.ones((1, still.shape[1]))
    rows = list(skills)
    return split_shares(np.maximum(still[rows], 0.0), required[rows])
