"""The CP-SAT model of a generated week: which agent works which pattern, and what it costs.

Variables: one boolean per (agent, pattern) the agent may work (skills for a
forecast queue, no approved time off, no clash or short rest with a shift that
stays), at most one pattern per agent and local day. Constraints: the 11-hour
rest (the rules' ``min_rest_minutes``) between an agent's shifts on nearby
days, and paid minutes within contract plus the rules' tolerance (and, softly,
no fewer than contract less tolerance). Days an agent lacks training one of
their queues requires (``Rule.TRAINING``) offer them no pattern at all. Coverage is
counted in agent-minutes per (queue, interval): agents with one skill count for
their queue; the productive minutes of agents with several skills are split
between their queues by the solver (the skill-based routing the coverage
panel's proportional split approximates). The objective, smallest first:

    under × (1, 2, 3 for the first, second and further missing agents of an interval)
    + over + labour cost (cents) + paid minutes short of contract
    + fairness (most weekend shifts and most late shifts of any one agent),
    each scaled by ``Weights``.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from numbers import Integral
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

from supervisor_app.domain.autoschedule.problem import (
    PRESOLVE_UP_TO,
    SCALE,
    UNDER_TIERS,
    Problem,
    Progress,
    Solution,
    Weights,
)


@cache
def _callback_class() -> type[Any]:
    """The solution callback, defined on first use: OR-Tools is imported only when a week is
    generated, not whenever the schedules service is (every start of the console)."""
    from ortools.sat.python import cp_model

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
                        self.objective_value / SCALE,
                        self.best_objective_bound / SCALE,
                        time.monotonic() - self.t0,
                    )
                )
            if self.cancel is not None and self.cancel.is_set():
                self.cancelled = True
                self.stop_search()

    return _Callback


def _rest_pairs(problem: Problem) -> int:
    """How many days apart two shifts can be and still be too close (spans lie within a day)."""
    return 1 + problem.rest_minutes // (24 * 60)


def solve(
    problem: Problem,
    weights: Weights = Weights(),  # noqa: B008 - frozen
    *,
    time_limit: float = 30.0,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    start: dict[int, tuple[int, ...]] | None = None,
    shares: dict[tuple[int, ...], list[list[int]]] | None = None,
    spread: dict[tuple[int, ...], list[list[int]]] | None = None,
) -> Solution:
    """The best assignment found within ``time_limit`` seconds (optimal if proven).

    ``start`` (agent id → pattern indices; default the empty week) must satisfy the
    constraints; it becomes a complete hint, every variable's value derived from it, so
    the search starts from it at once instead of repairing a partial hint for minutes.
    ``shares`` (skill set → per queue of the set, per interval, hundredths summing to
    ``SCALE``) fixes how a shared group's minutes split between its queues, as the coverage
    panel splits them; without it the solver routes them (``f`` variables) as it likes.
    ``spread`` (skill set → per queue of all queues, per interval, hundredths) counts a set's
    minutes for every queue of the block that took it, as the coverage panel counts a week
    whose blocks stay (``coverage_pooled.block_shares``); it overrides ``shares``.
    """
    picked = {(a, p) for a, ps in (start or {}).items() for p in ps}
    from ortools.sat.python import cp_model

    t0 = time.monotonic()
    m = cp_model.CpModel()
    iv = problem.interval
    pats = problem.patterns
    n_t = len(problem.required[0]) if problem.required else 0
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    z: dict[tuple[tuple[int, ...], int], list[cp_model.IntVar]] = defaultdict(list)
    objective: list = []
    weekend_count, late_count = [], []
    counts_hint: tuple[list[int], list[int]] = ([], [])
    z_hint: dict[tuple[tuple[int, ...], int], int] = defaultdict(int)
    for a in problem.agents:
        by_day: dict[int, list[int]] = defaultdict(list)
        for p in a.patterns:
            var = m.new_bool_var(f"x{a.agent_id}_{p}")
            m.add_hint(var, (a.agent_id, p) in picked)
            x[a.agent_id, p] = var
            by_day[pats[p].day].append(p)
            z[a.skills, p].append(var)
            z_hint[a.skills, p] += (a.agent_id, p) in picked
        works = {}
        for day, ps in by_day.items():
            w = m.new_bool_var(f"w{a.agent_id}_{day}")
            m.add_hint(w, any((a.agent_id, p) in picked for p in ps))
            m.add(sum(x[a.agent_id, p] for p in ps) == w)
            works[day] = w
        paid = sum(pats[p].paid_minutes * x[a.agent_id, p] for p in a.patterns)
        m.add(paid <= max(a.paid_cap, 0))
        if a.paid_floor > 0:
            short = m.new_int_var(0, a.paid_floor, "")
            given = sum(pats[p].paid_minutes for p in a.patterns if (a.agent_id, p) in picked)
            m.add_hint(short, max(a.paid_floor - given, 0))
            m.add(short >= a.paid_floor - paid)
            objective.append(SCALE * weights.contract * short)
        for day, ps in by_day.items():
            for gap in range(1, _rest_pairs(problem) + 1):
                later = by_day.get(day + gap)
                if not later:
                    continue
                end = sum((pats[p].first + pats[p].length) * iv * x[a.agent_id, p] for p in ps)
                begins = sum(pats[p].first * iv * x[a.agent_id, p] for p in later)
                m.add(begins - end >= problem.rest_minutes).only_enforce_if(
                    [works[day], works[day + gap]]
                )
        objective += [
            round(pats[p].paid_minutes * a.cost_cents_per_hour / 60)
            * weights.cost
            * SCALE
            * x[a.agent_id, p]
            for p in a.patterns
        ]
        weekend_count.append(
            sum(x[a.agent_id, p] for p in a.patterns if pats[p].weekend) + a.weekend_fixed
        )
        late_count.append(sum(x[a.agent_id, p] for p in a.patterns if pats[p].late) + a.late_fixed)
        mine = [pats[p] for p in a.patterns if (a.agent_id, p) in picked]
        counts_hint[0].append(sum(pat.weekend for pat in mine) + a.weekend_fixed)
        counts_hint[1].append(sum(pat.late for pat in mine) + a.late_fixed)
    # Productive agent-minutes per skill set and interval: the kept shifts, plus iv × agents on
    # shift (a running count: starts in, ends out) less the minutes of their breaks and lunches.
    size = defaultdict(int)
    for a in problem.agents:
        size[a.skills] += 1
    starting: dict[tuple[int, ...], dict[tuple[int, int], object]] = defaultdict(dict)
    starting_hint: dict[tuple[int, ...], dict[tuple[int, int], int]] = defaultdict(dict)
    for (skills, p), vars_ in z.items():
        # Agents of one skill set are interchangeable for coverage: one count per pattern, so
        # the coverage rows below hold a few counts, not every agent's boolean (1.4 M terms on
        # the demo week, which made each LNS neighbourhood take seconds to build).
        count = vars_[0]
        if len(vars_) > 1:
            count = m.new_int_var(0, len(vars_), "")
            m.add(count == sum(vars_))
            m.add_hint(count, z_hint[skills, p])
        starting[skills][pats[p].first, pats[p].length] = count
        starting_hint[skills][pats[p].first, pats[p].length] = z_hint[skills, p]
    away = {
        pat.length: [(k, iv - m) for k, m in enumerate(pat.productive) if m < iv] for pat in pats
    }
    lengths = sorted(away)
    terms: dict[tuple[int, ...], list] = {}
    amounts: dict[tuple[int, ...], list[int]] = {}
    for skills in set(size) | set(problem.fixed):
        fixed = problem.fixed.get(skills, (0,) * n_t)
        begin = starting.get(skills, {})
        begun = starting_hint.get(skills, {})
        rows: list = []
        values: list[int] = []
        on_prev = None
        on_value = 0
        spanned = [False] * n_t  # intervals some pattern of the set covers
        for first, n in begin:
            spanned[first : first + n] = [True] * n
        for t in range(n_t):
            if not spanned[t]:
                # Nobody of the set can be on: a constant, and the running count starts again.
                on_prev, on_value = None, 0
                rows.append(fixed[t] if fixed[t] else None)
                values.append(fixed[t])
                continue
            ins = [(t, n) for n in lengths if (t, n) in begin]
            outs = [(t - n, n) for n in lengths if (t - n, n) in begin]
            if ins or outs:
                on_value += sum(begun[k] for k in ins) - sum(begun[k] for k in outs)
                on = m.new_int_var(0, size[skills], "")
                m.add_hint(on, on_value)
                previous = on_prev if on_prev is not None else 0
                m.add(on == previous + sum(begin[k] for k in ins) - sum(begin[k] for k in outs))
                on_prev = on
            gone = [
                (mins, (t - k, n)) for n in lengths for k, mins in away[n] if (t - k, n) in begin
            ]
            if on_prev is None:
                rows.append(fixed[t] if fixed[t] else None)
                values.append(fixed[t])
            else:
                value = iv * on_value - sum(mins * begun[k] for mins, k in gone) + fixed[t]
                # One variable per skill set and interval: each queue's coverage sums these.
                productive = m.new_int_var(0, fixed[t] + iv * size[skills], "")
                m.add(productive == iv * on_prev - sum(mins * begin[k] for mins, k in gone))
                m.add_hint(productive, value - fixed[t])
                rows.append(productive + fixed[t])
                values.append(value)
        terms[skills] = rows
        amounts[skills] = values
    n_q = len(problem.required)
    cover: list[list[list]] = [[[] for _ in range(n_t)] for _ in range(n_q)]
    # The hint's coverage per (queue, interval): single-skilled agents first, then each shared
    # group's minutes to its neediest queues, the rest to its first.
    hinted = [[0] * n_t for _ in range(n_q)]
    for skills, rows in sorted(terms.items(), key=lambda item: (len(item[0]), item[0])):
        fixed = problem.fixed.get(skills, (0,) * n_t)
        for t in range(n_t):
            amount = rows[t]
            if amount is None:
                continue
            value = amounts[skills][t]
            if spread is not None and skills in spread:
                for q, row in enumerate(spread[skills]):
                    if row[t]:
                        hinted[q][t] += row[t] * value
                        cover[q][t].append(row[t] * amount)
                continue
            if len(skills) == 1:
                hinted[skills[0]][t] += SCALE * value
                cover[skills[0]][t].append(SCALE * amount)
                continue
            if shares is not None and skills in shares:
                for j, q in enumerate(skills):
                    share = shares[skills][j][t]
                    if share:
                        hinted[q][t] += share * value
                        cover[q][t].append(share * amount)
                continue
            cap = fixed[t] + iv * size[skills]
            flows = [m.new_int_var(0, cap, f"f{q}_{t}") for q in skills]
            parts = []
            for q in skills:
                parts.append(min(value, max(problem.required[q][t] - hinted[q][t], 0)))
                value -= parts[-1]
            parts[0] += value
            for q, f, part in zip(skills, flows, parts, strict=True):
                m.add_hint(f, part)
                hinted[q][t] += SCALE * part
            m.add(sum(flows) == amount)
            for q, f in zip(skills, flows, strict=True):
                cover[q][t].append(SCALE * f)
    most_cover = [
        SCALE * (iv * len(problem.agents) + sum(row[t] for row in problem.fixed.values()))
        for t in range(n_t)
    ]
    for q in range(n_q):
        for t in range(n_t):
            need = SCALE * problem.required[q][t]
            have = cover[q][t]
            if all(isinstance(h, Integral) for h in have):  # nothing here can change
                objective.append(_constant_gap(need - sum(have), SCALE * iv, weights))
                continue
            c = sum(have)
            if need:
                top = SCALE * iv
                u = [
                    m.new_int_var(0, top, ""),
                    m.new_int_var(0, top, ""),
                    m.new_int_var(0, need, ""),
                ]
                short = max(need - hinted[q][t], 0)
                m.add_hint(u[0], min(short, top))
                m.add_hint(u[1], min(max(short - top, 0), top))
                m.add_hint(u[2], max(short - 2 * top, 0))
                m.add(sum(u) >= need - c)
                objective += [
                    weights.under * tier * v for tier, v in zip(UNDER_TIERS, u, strict=True)
                ]
            # at most everyone on and every kept minute here: a bound of 10**12 let the
            # objective's sum overflow 64 bits on a week-sized model with routed shares
            o = m.new_int_var(0, max(most_cover[t] - need, 0), "")
            m.add_hint(o, max(hinted[q][t] - need, 0))
            m.add(o >= c - need)
            objective.append(weights.over * o)
    for counts, values, floor in zip(
        (weekend_count, late_count), counts_hint, problem.fairness_floor, strict=True
    ):
        most = m.new_int_var(floor, 7, "")
        m.add_hint(most, max([*values, floor]))
        for c in counts:
            m.add(most >= c)
        objective.append(SCALE * weights.fairness * most)
    m.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit - (time.monotonic() - t0), 0.1)
    # Eight workers even on fewer cores: the extra subsolvers (LNS, feasibility jump) find a
    # first week quickly where two workers found none in 30 s on the demo.
    solver.parameters.num_workers = workers or 8
    # Presolve probing costs more than it saves on these models (minutes on a week of 60 agents).
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    # Presolve proves small weeks optimal quickly but takes 10-20 s of a 30 s budget on a
    # 60-agent week, where the search (from the warm start) makes better use of the time.
    solver.parameters.cp_model_presolve = len(x) < PRESOLVE_UP_TO
    solver.parameters.log_search_progress = bool(os.environ.get("AUTOSCHEDULE_LOG"))
    callback = _callback_class()(progress, cancel)
    status = solver.solve(m, callback)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Out of time before the solver reported even the hint: the start is valid, so it
        # is the answer (its objective unknown here, reported as 0).
        found = start is not None
        return Solution(
            dict(start or {}), 0, False, callback.cancelled, time.monotonic() - t0, found
        )
    chosen: dict[int, tuple[int, ...]] = defaultdict(tuple)
    for (agent, p), var in x.items():
        if solver.boolean_value(var):
            chosen[agent] = (*chosen[agent], p)
    return Solution(
        dict(chosen),
        round(solver.objective_value) / SCALE,
        status == cp_model.OPTIMAL,
        callback.cancelled,
        time.monotonic() - t0,
    )


def _constant_gap(short: int, iv: int, weights: Weights) -> int:
    """The under- or over-staffing term of an interval no variable covers (a constant)."""
    if short <= 0:
        return -weights.over * short
    left, total = short, 0
    for tier in UNDER_TIERS[:-1]:
        take = min(left, iv)
        total += tier * take
        left -= take
    return weights.under * (total + UNDER_TIERS[-1] * left)
