"""Large-neighbourhood search around CP-SAT: small models the solver can improve on.

On a week of 60 agents the whole model has ~90,000 shift booleans and 0.7 M
linear terms. Started from the greedy week (``warm_start``), CP-SAT's own
neighbourhood workers each needed seconds of wall time per attempt on two
cores (copying and presolving the whole model each time) and none improved the
start within 30 s, so the answer was the greedy week. Here the neighbourhoods
are built as models of their own: a few agents on two days are free, every
other shift is fixed and enters as fixed coverage (``Problem.fixed``), which
gives models of a few thousand booleans that the solver presolves and improves
in a second or two. Each step's objective is the whole week's, less constants,
so a step never makes the week worse.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from supervisor_app.domain.autoschedule.model import solve
from supervisor_app.domain.autoschedule.problem import (
    SCALE,
    Problem,
    Progress,
    Weights,
    gap_cost,
)

Chosen = dict[int, tuple[int, ...]]  # agent id → pattern indices
Shares = dict[tuple[int, ...], list[list[int]]]

Spread = dict[tuple[int, ...], list[list[int]]]  # skill set → all queues × intervals, hundredths


@dataclass(frozen=True, slots=True)
class Panel:
    """How the coverage panel counts a week, for neighbourhoods judged as it judges them:
    ``spread`` (each skill set's minutes counted for every queue of its block, in the week
    given; ``model.solve``'s ``spread``) and ``score`` (the panel's objective of a week)."""

    spread: Callable[[Chosen], Spread]
    score: Callable[[Chosen], float]


FREE_BOOLEANS = 1500  # about this many shift booleans per neighbourhood
STEP_SECONDS = 1.0  # the solver's time per neighbourhood (presolve included)


def evaluate(problem: Problem, chosen: Chosen, weights: Weights, shares: Shares) -> float:
    """The model's objective for ``chosen`` (agent-minutes, as ``solve`` reports it), computed
    from the patterns with numpy; shared skill sets split by ``shares``."""
    pats, iv = problem.patterns, problem.interval
    required = np.array(problem.required, dtype=np.int64).reshape(len(problem.required), -1)
    minutes: dict[tuple[int, ...], np.ndarray] = {
        k: np.array(v, dtype=np.int64) for k, v in problem.fixed.items()
    }
    cost = lacking = 0  # cents; paid minutes short of contract floors
    weekend, late = [problem.fairness_floor[0]], [problem.fairness_floor[1]]
    for a in problem.agents:
        row = minutes.setdefault(a.skills, np.zeros(required.shape[1], dtype=np.int64))
        mine = [pats[p] for p in chosen.get(a.agent_id, ())]
        for pat in mine:
            row[pat.first : pat.first + pat.length] += pat.productive
            cost += round(pat.paid_minutes * a.cost_cents_per_hour / 60)
        lacking += max(a.paid_floor - sum(pat.paid_minutes for pat in mine), 0)
        weekend.append(sum(pat.weekend for pat in mine) + a.weekend_fixed)
        late.append(sum(pat.late for pat in mine) + a.late_fixed)
    cover = np.zeros_like(required)
    for skills, row in minutes.items():
        if len(skills) == 1:
            cover[skills[0]] += SCALE * row
        elif skills in shares:
            cover[list(skills)] += np.array(shares[skills], dtype=np.int64) * row
    need, top = SCALE * required, SCALE * iv
    total = int(gap_cost(cover, need, top, weights).sum())
    total += (
        weights.cost * SCALE * cost
        + weights.contract * SCALE * lacking
        + SCALE * weights.fairness * (max(weekend) + max(late))
    )
    return total / SCALE


def neighbourhood(problem: Problem, chosen: Chosen, days: set[int], free: set[int]) -> Problem:
    """The model with only ``free`` agents' shifts on ``days`` open; every other chosen
    shift is fixed (its minutes in ``fixed``, its hours off the agent's cap, its rest kept)."""
    pats, iv = problem.patterns, problem.interval
    n_t = len(problem.required[0]) if problem.required else 0
    fixed = {k: np.array(v, dtype=np.int64) for k, v in problem.fixed.items()}
    floor = list(problem.fairness_floor)
    slots = []
    for a in problem.agents:
        mine = chosen.get(a.agent_id, ())
        stay = [p for p in mine if a.agent_id not in free or pats[p].day not in days]
        row = fixed.setdefault(a.skills, np.zeros(n_t, dtype=np.int64))
        for p in stay:
            row[pats[p].first : pats[p].first + pats[p].length] += pats[p].productive
        weekend = sum(pats[p].weekend for p in stay) + a.weekend_fixed
        late = sum(pats[p].late for p in stay) + a.late_fixed
        if a.agent_id not in free:
            floor = [max(floor[0], weekend), max(floor[1], late)]
            continue
        spans = [(pats[p].first * iv, (pats[p].first + pats[p].length) * iv) for p in stay]
        rest = problem.rest_minutes
        allowed = tuple(
            p
            for p in a.patterns
            if pats[p].day in days
            and not any(
                pats[p].first * iv < e + rest and s < (pats[p].first + pats[p].length) * iv + rest
                for s, e in spans
            )
        )
        paid = sum(pats[p].paid_minutes for p in stay)
        slots.append(
            replace(
                a,
                patterns=allowed,
                paid_cap=a.paid_cap - paid,
                paid_floor=max(a.paid_floor - paid, 0),
                weekend_fixed=weekend,
                late_fixed=late,
            )
        )
    return replace(
        problem,
        fixed={k: tuple(int(v) for v in row) for k, row in fixed.items() if row.any()},
        agents=tuple(slots),
        fairness_floor=(floor[0], floor[1]),
    )


def improve(
    problem: Problem,
    chosen: Chosen,
    weights: Weights,
    shares_of: Callable[[Chosen], Shares],
    *,
    seconds: float,
    cancel: threading.Event | None = None,
    progress: Callable[[Progress], None] | None = None,
    seed: int = 0,
    panel: Panel | None = None,
) -> tuple[Chosen, float]:
    """``chosen`` improved by solving neighbourhoods until ``seconds`` pass; the week and its
    objective. ``shares_of`` gives the coverage panel's split for a week (it moves as
    single-skilled agents move). With ``panel``, each neighbourhood counts coverage by the
    blocks of the week it starts from and a step is kept only if the panel's objective
    falls (the value returned is then that objective): the per-set split counted the demo
    week's shared agents over where the panel counts them answering a short queue of their
    block, so its steps could make the week the planner sees worse (issue 17)."""
    t0 = time.monotonic()
    rng = random.Random(seed)
    pats = problem.patterns
    days = sorted({pats[p].day for a in problem.agents for p in a.patterns})
    per_day = max(sum(len(a.patterns) for a in problem.agents) / max(len(days), 1), 1.0)
    per_agent_day = per_day / max(len(problem.agents), 1)
    current = dict(chosen)
    shares = shares_of(current)

    def judge(week: Chosen, split: Shares) -> float:
        if panel is not None:
            return panel.score(week)
        return evaluate(problem, week, weights, split)

    best = judge(current, shares)
    spread = panel.spread(current) if panel is not None else None
    count = 0
    while seconds - (time.monotonic() - t0) > 0.5 and len(days) and problem.agents:
        if cancel is not None and cancel.is_set():
            break
        picked = set(rng.sample(days, min(2, len(days))))
        size = max(2, int(FREE_BOOLEANS / (per_agent_day * len(picked))))
        free = {a.agent_id for a in rng.sample(problem.agents, min(size, len(problem.agents)))}
        sub = neighbourhood(problem, current, picked, free)
        hint = {a: tuple(p for p in current.get(a, ()) if pats[p].day in picked) for a in free}
        left = seconds - (time.monotonic() - t0)
        result = solve(
            sub,
            weights,
            time_limit=min(STEP_SECONDS, left),
            start=hint,
            shares=shares,
            spread=spread,
            workers=2,
            cancel=cancel,
        )
        if not result.found:
            continue
        trial = {a: ps for a, ps in current.items() if a not in free}
        for a in free:
            keep = tuple(p for p in current.get(a, ()) if pats[p].day not in picked)
            trial[a] = tuple(sorted(keep + result.chosen.get(a, ())))
        trial = {a: ps for a, ps in trial.items() if ps}
        trial_shares = shares_of(trial)
        value = judge(trial, trial_shares)
        if value < best:
            current, shares, best = trial, trial_shares, value
            spread = panel.spread(current) if panel is not None else None
            count += 1
            if progress is not None:
                progress(Progress(count, best, 0.0, time.monotonic() - t0))
    return current, best
