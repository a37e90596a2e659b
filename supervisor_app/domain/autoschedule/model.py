"""The CP-SAT model of a generated week: which agent works which pattern, and what it costs.

Variables: one boolean per (agent, pattern) the agent may work (skills for a
forecast queue, no approved time off, no clash or short rest with a shift that
stays), at most one pattern per agent and local day. Constraints: the 11-hour
rest (the rules' ``min_rest_minutes``) between an agent's shifts on nearby
days, and paid minutes within contract plus the rules' tolerance. Coverage is
counted in agent-minutes per (queue, interval): agents with one skill count for
their queue; the productive minutes of agents with several skills are split
between their queues by the solver (the skill-based routing the coverage
panel's proportional split approximates). The objective, smallest first:

    under × (1, 2, 3 for the first, second and further missing agents of an interval)
    + over + labour cost (cents) + fairness (most weekend shifts and most late
    shifts of any one agent), each scaled by ``Weights``.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from supervisor_app.domain.autoschedule.patterns import Pattern


@dataclass(frozen=True, slots=True)
class Weights:
    """Objective weights in cents: an under-staffed agent-minute costs more than an over-staffed
    one, which costs more than a paid minute, which outweighs fairness."""

    under: int = 2000  # per missing agent-minute (× 1, 2, 3 by how far below)
    over: int = 200  # per agent-minute above requirement
    cost: int = 1  # per cent of labour cost
    fairness: int = 500  # per weekend or late shift of the agent with most of them


UNDER_TIERS = (1, 2, 3)  # weight multipliers of the 1st, 2nd and further missing agents


@dataclass(frozen=True, slots=True)
class AgentSlot:
    """One agent as the model sees them: skill columns, what they may work, what is fixed."""

    agent_id: int
    skills: tuple[int, ...]  # queue rows, sorted
    patterns: tuple[int, ...]  # indices into the pattern list
    paid_cap: int  # paid minutes new shifts may add (contract + tolerance − kept)
    cost_cents_per_hour: int


@dataclass(frozen=True, slots=True)
class Problem:
    interval: int
    required: tuple[tuple[int, ...], ...]  # agent-minutes per (queue, interval)
    fixed: dict[tuple[int, ...], tuple[int, ...]]  # kept shifts' agent-minutes per skill set
    patterns: tuple[Pattern, ...]
    agents: tuple[AgentSlot, ...]
    rest_minutes: int


@dataclass(frozen=True, slots=True)
class Progress:
    solutions: int
    objective: float
    bound: float
    seconds: float


@dataclass(frozen=True, slots=True)
class Solution:
    chosen: dict[int, tuple[int, ...]]  # agent id → pattern indices
    objective: int
    optimal: bool
    cancelled: bool
    seconds: float
    found: bool = True  # False: no schedule within the time limit


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(
        self, progress: Callable[[Progress], None] | None, cancel: threading.Event | None
    ) -> None:
        super().__init__()
        self.progress, self.cancel, self.count, self.t0 = progress, cancel, 0, time.monotonic()
        self.cancelled = False

    def on_solution_callback(self) -> None:
        self.count += 1
        if self.progress is not None:
            self.progress(
                Progress(
                    self.count,
                    self.objective_value,
                    self.best_objective_bound,
                    time.monotonic() - self.t0,
                )
            )
        if self.cancel is not None and self.cancel.is_set():
            self.cancelled = True
            self.stop_search()


def _rest_pairs(problem: Problem) -> int:
    """How many days apart two shifts can be and still be too close (spans lie within a day)."""
    return 1 + problem.rest_minutes // (24 * 60)


def solve(
    problem: Problem,
    weights: Weights = Weights(),
    *,
    time_limit: float = 30.0,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> Solution:
    """The best assignment found within ``time_limit`` seconds (optimal if proven)."""
    t0 = time.monotonic()
    m = cp_model.CpModel()
    iv = problem.interval
    pats = problem.patterns
    n_t = len(problem.required[0]) if problem.required else 0
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    z: dict[tuple[tuple[int, ...], int], list[cp_model.IntVar]] = defaultdict(list)
    objective: list = []
    weekend_count, late_count = [], []
    for a in problem.agents:
        by_day: dict[int, list[int]] = defaultdict(list)
        for p in a.patterns:
            var = m.new_bool_var(f"x{a.agent_id}_{p}")
            m.add_hint(var, False)  # an empty week is feasible: the search starts from there
            x[a.agent_id, p] = var
            by_day[pats[p].day].append(p)
            z[a.skills, p].append(var)
        works = {}
        for day, ps in by_day.items():
            w = m.new_bool_var(f"w{a.agent_id}_{day}")
            m.add_hint(w, False)
            m.add(sum(x[a.agent_id, p] for p in ps) == w)
            works[day] = w
        m.add(
            sum(pats[p].paid_minutes * x[a.agent_id, p] for p in a.patterns) <= max(a.paid_cap, 0)
        )
        for day, ps in by_day.items():
            for gap in range(1, _rest_pairs(problem) + 1):
                later = by_day.get(day + gap)
                if not later:
                    continue
                end = sum((pats[p].first + pats[p].length) * iv * x[a.agent_id, p] for p in ps)
                start = sum(pats[p].first * iv * x[a.agent_id, p] for p in later)
                m.add(start - end >= problem.rest_minutes).only_enforce_if(
                    [works[day], works[day + gap]]
                )
        objective += [
            round(pats[p].paid_minutes * a.cost_cents_per_hour / 60)
            * weights.cost
            * x[a.agent_id, p]
            for p in a.patterns
        ]
        weekend_count.append(sum(x[a.agent_id, p] for p in a.patterns if pats[p].weekend))
        late_count.append(sum(x[a.agent_id, p] for p in a.patterns if pats[p].late))
    # Productive agent-minutes per skill set and interval: the kept shifts, plus iv × agents on
    # shift (a running count: starts in, ends out) less the minutes of their breaks and lunches.
    size = defaultdict(int)
    for a in problem.agents:
        size[a.skills] += 1
    starting: dict[tuple[int, ...], dict[tuple[int, int], object]] = defaultdict(dict)
    for (skills, p), vars_ in z.items():
        starting[skills][pats[p].first, pats[p].length] = sum(vars_)
    away = {
        pat.length: [(k, iv - m) for k, m in enumerate(pat.productive) if m < iv] for pat in pats
    }
    lengths = sorted(away)
    terms: dict[tuple[int, ...], list] = {}
    for skills in set(size) | set(problem.fixed):
        fixed = problem.fixed.get(skills, (0,) * n_t)
        begin = starting.get(skills, {})
        rows: list = []
        on_prev = None
        for t in range(n_t):
            ins = [begin[t, n] for n in lengths if (t, n) in begin]
            outs = [begin[t - n, n] for n in lengths if (t - n, n) in begin]
            if ins or outs:
                on = m.new_int_var(0, size[skills], "")
                m.add_hint(on, 0)
                m.add(on == (on_prev if on_prev is not None else 0) + sum(ins) - sum(outs))
                on_prev = on
            gone = [
                mins * begin[t - k, n]
                for n in lengths
                for k, mins in away[n]
                if (t - k, n) in begin
            ]
            if on_prev is None:
                rows.append(fixed[t] if fixed[t] else None)
            else:
                rows.append(iv * on_prev - sum(gone) + fixed[t])
        terms[skills] = rows
    n_q = len(problem.required)
    cover: list[list[list]] = [[[] for _ in range(n_t)] for _ in range(n_q)]
    # The hint is the empty week, complete (every variable), so the first solution comes at
    # once rather than after a repair search: only kept shifts cover, all on their first queue.
    hinted = [[0] * n_t for _ in range(n_q)]
    for skills, rows in terms.items():
        fixed = problem.fixed.get(skills, (0,) * n_t)
        for t in range(n_t):
            amount = rows[t]
            if amount is None:
                continue
            hinted[skills[0]][t] += fixed[t]
            if len(skills) == 1:
                cover[skills[0]][t].append(amount)
                continue
            cap = fixed[t] + iv * size[skills]
            flows = [m.new_int_var(0, cap, f"f{q}_{t}") for q in skills]
            for j, f in enumerate(flows):
                m.add_hint(f, fixed[t] if j == 0 else 0)
            m.add(sum(flows) == amount)
            for q, f in zip(skills, flows, strict=True):
                cover[q][t].append(f)
    for q in range(n_q):
        for t in range(n_t):
            need = problem.required[q][t]
            have = cover[q][t]
            if not have:
                if need:
                    objective.append(_under_constant(need, iv, weights))
                continue
            c = sum(have)
            if need:
                u = [m.new_int_var(0, iv, ""), m.new_int_var(0, iv, ""), m.new_int_var(0, need, "")]
                short = max(need - hinted[q][t], 0)
                for v, part in zip(u, (min(short, iv), min(max(short - iv, 0), iv)), strict=False):
                    m.add_hint(v, part)
                m.add_hint(u[2], max(short - 2 * iv, 0))
                m.add(sum(u) >= need - c)
                objective += [
                    weights.under * tier * v for tier, v in zip(UNDER_TIERS, u, strict=True)
                ]
            o = m.new_int_var(0, 10**9, "")
            m.add_hint(o, max(hinted[q][t] - need, 0))
            m.add(o >= c - need)
            objective.append(weights.over * o)
    for counts in (weekend_count, late_count):
        most = m.new_int_var(0, 7, "")
        m.add_hint(most, 0)
        for c in counts:
            m.add(most >= c)
        objective.append(weights.fairness * most)
    m.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit - (time.monotonic() - t0), 0.1)
    # Eight workers even on fewer cores: the extra subsolvers (LNS, feasibility jump) find a
    # first week quickly where two workers found none in 30 s on the demo.
    solver.parameters.num_workers = workers or 8
    # Presolve probing costs more than it saves on these models (minutes on a week of 60 agents).
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    solver.parameters.log_search_progress = bool(os.environ.get("AUTOSCHEDULE_LOG"))
    callback = _Callback(progress, cancel)
    status = solver.solve(m, callback)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solution({}, 0, False, callback.cancelled, time.monotonic() - t0, found=False)
    chosen: dict[int, tuple[int, ...]] = defaultdict(tuple)
    for (agent, p), var in x.items():
        if solver.boolean_value(var):
            chosen[agent] = (*chosen[agent], p)
    return Solution(
        dict(chosen),
        round(solver.objective_value),
        status == cp_model.OPTIMAL,
        callback.cancelled,
        time.monotonic() - t0,
    )


def _under_constant(need: int, iv: int, weights: Weights) -> int:
    """The under-staffing term of an interval nobody can cover (a constant of the objective)."""
    left, total = need, 0
    for tier in UNDER_TIERS[:-1]:
        take = min(left, iv)
        total += tier * take
        left -= take
    return weights.under * (total + UNDER_TIERS[-1] * left)
