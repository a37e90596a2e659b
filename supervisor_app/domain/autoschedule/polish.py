"""Best-response local search: each agent's day re-chosen, all its patterns weighed at once.

Why beside the CP-SAT neighbourhoods (``improve``): on the demo week (60 agents)
those free two agents on two days per model, solve a few dozen models in
the time and stop far from a local optimum — a shift starting half an hour before
its queue opens, or ending where the requirement has already fallen, stays. Here
one move replaces one agent's shift on one day by the best of all the patterns the
agent may work that day (or by no shift), so a pass over every agent-day takes a
second or two and a few passes reach a week no single move improves. With the
week's contract hours in place, under- and over-staffing move together (a
productive minute moved from an over-staffed interval to an under-staffed one
lowers both), and over-staffing was where the generated week lost to pyworkforce's
freely placed hours (issue 17).

Moves are judged as the coverage panel counts (``coverage_pooled.balanced_agents``):
a block of queues' agents serve its queues by requirement, so an agent counts for
every queue of the block that took their skill set, not only for their own skills
(``block_shares``, the blocks of the week at the start of each pass). The model's
fixed per-set split (``coverage_shares``) counted one demo week 156 over-staffed
agent-intervals where the panel counts 23, so it steered moves by a gap the planner
never sees. A pass is kept only if the panel's exact count
(``panel_objective``) is lower. Moves keep every constraint of the model: patterns
from the agent's allowed list, one a day, paid minutes within the cap, the rest
between nearby days; fairness enters as in the model (the most weekend and late
shifts of anyone).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from supervisor_app.domain.autoschedule.improve import Chosen
from supervisor_app.domain.autoschedule.patterns import Pattern
from supervisor_app.domain.autoschedule.problem import (
    AgentSlot,
    Problem,
    Progress,
    Weights,
    gap_cost,
)
from supervisor_app.domain.coverage_pooled import balanced_agents, block_shares

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
# Below this a move's gain is rounding (float sums of weighted minutes), not a better week.
GAIN_EPSILON = 1e-6
MIN_SECONDS = 0.5  # less time than this: no pass is tried


class _Week:
    """The coverage of a week (agent-minutes per queue and interval, every skill set's agents
    counted by ``block_shares`` of the week it started from) and what each agent works, kept
    up to date move by move."""

    def __init__(self, problem: Problem, chosen: Chosen, weights: Weights) -> None:
        self.problem, self.weights = problem, weights
        self.need = required_cells(problem)
        minutes = minutes_by_set(problem, chosen)
        self.share = block_shares(self.need, minutes)
        self.cover = sum(
            (self.share[k] * row for k, row in minutes.items() if k), np.zeros(self.need.shape)
        )
        self.day_of: dict[int, dict[int, int]] = {
            a.agent_id: {problem.patterns[p].day: p for p in chosen.get(a.agent_id, ())}
            for a in problem.agents
        }
        # weekend and late shifts per agent (row 0: the week's floor from outside the model)
        self.row = {a.agent_id: i + 1 for i, a in enumerate(problem.agents)}
        self.counts = np.array(
            [problem.fairness_floor] + [(a.weekend_fixed, a.late_fixed) for a in problem.agents],
            dtype=np.int64,
        ).reshape(-1, 2)
        for a in problem.agents:
            for p in chosen.get(a.agent_id, ()):
                self.counts[self.row[a.agent_id]] += _flags(problem.patterns[p])

    def add(self, a: AgentSlot, p: int, sign: int) -> None:
        pat = self.problem.patterns[p]
        span = slice(pat.first, pat.first + pat.length)
        self.cover[:, span] += sign * self.share[a.skills][:, span] * np.asarray(pat.productive)
        self.counts[self.row[a.agent_id]] += sign * _flags(pat)
        days = self.day_of[a.agent_id]
        if sign > 0:
            days[pat.day] = p
        else:
            del days[pat.day]

    def chosen(self) -> Chosen:
        return {a: tuple(sorted(d.values())) for a, d in self.day_of.items() if d}


def _flags(pat: Pattern) -> Ints:
    return np.array((pat.weekend, pat.late), dtype=np.int64)


def required_cells(problem: Problem) -> Floats:
    """Agent-minutes required per (queue, interval), as an array."""
    n_q = len(problem.required)
    return np.array(problem.required, dtype=np.float64).reshape(n_q, -1)


def minutes_by_set(problem: Problem, chosen: Chosen) -> dict[tuple[int, ...], Floats]:
    """Productive agent-minutes per skill set and interval: kept shifts and ``chosen``."""
    n_t = len(problem.required[0]) if problem.required else 0
    out = {k: np.array(v, dtype=np.float64) for k, v in problem.fixed.items()}
    for a in problem.agents:
        row = out.setdefault(a.skills, np.zeros(n_t))
        for p in chosen.get(a.agent_id, ()):
            pat = problem.patterns[p]
            row[pat.first : pat.first + pat.length] += pat.productive
    return out


def panel_objective(problem: Problem, chosen: Chosen, weights: Weights) -> float:
    """The model's objective for ``chosen`` with the staffing terms counted as the coverage
    panel counts them (``coverage_pooled.balanced_agents``: blocks of queues, a block's
    agents by requirement), in ``evaluate``'s units."""
    need = required_cells(problem)
    minutes = minutes_by_set(problem, chosen)
    cover = balanced_agents(need, minutes) if minutes else np.zeros(need.shape)
    staffing = float(gap_cost(cover, need, problem.interval, weights).sum())
    pats = problem.patterns
    rest = 0.0
    weekend, late = [problem.fairness_floor[0]], [problem.fairness_floor[1]]
    for a in problem.agents:
        mine = [pats[p] for p in chosen.get(a.agent_id, ())]
        cents = sum(round(pat.paid_minutes * a.cost_cents_per_hour / 60) for pat in mine)
        short = max(a.paid_floor - sum(pat.paid_minutes for pat in mine), 0)
        rest += weights.cost * cents + weights.contract * short
        weekend.append(sum(pat.weekend for pat in mine) + a.weekend_fixed)
        late.append(sum(pat.late for pat in mine) + a.late_fixed)
    return staffing + rest + weights.fairness * (max(weekend) + max(late))


@dataclass(frozen=True, slots=True)
class _Options:
    """One agent's patterns of one day, as arrays: the move's candidates."""

    patterns: Ints
    lo: int  # the day's window: the first interval any of them covers …
    hi: int  # … and the one after the last
    first: Ints  # intervals from ``lo``
    end: Ints
    away_at: Ints  # (patterns × most breaks): intervals from ``lo`` not wholly productive
    away_minutes: Ints  # productive minutes there (padding: a full interval at ``first``)
    paid: Ints
    cents: Ints  # labour cost
    flags: Ints  # (patterns × 2): weekend, late


def _candidates(problem: Problem, a: AgentSlot) -> dict[int, _Options]:
    """The agent's options per day."""
    pats, iv = problem.patterns, problem.interval
    by_day: dict[int, list[int]] = {}
    for p in a.patterns:
        by_day.setdefault(pats[p].day, []).append(p)
    out = {}
    for day, ps in by_day.items():
        lo = min(pats[p].first for p in ps)
        hi = max(pats[p].first + pats[p].length for p in ps)
        away = [[(k, m) for k, m in enumerate(pats[p].productive) if m < iv] for p in ps]
        width = max((len(x) for x in away), default=0)
        at = np.zeros((len(ps), width), dtype=np.int64)
        minutes = np.full((len(ps), width), iv, dtype=np.int64)
        for i, (p, cells) in enumerate(zip(ps, away, strict=True)):
            at[i] = pats[p].first - lo
            for j, (k, m) in enumerate(cells):
                at[i, j], minutes[i, j] = pats[p].first - lo + k, m
        first = np.array([pats[p].first - lo for p in ps], dtype=np.int64)
        out[day] = _Options(
            np.array(ps, dtype=np.int64),
            lo,
            hi,
            first,
            first + np.array([pats[p].length for p in ps], dtype=np.int64),
            at,
            minutes,
            np.array([pats[p].paid_minutes for p in ps], dtype=np.int64),
            np.array([round(pats[p].paid_minutes * a.cost_cents_per_hour / 60) for p in ps]),
            np.array([_flags(pats[p]) for p in ps], dtype=np.int64).reshape(-1, 2),
        )
    return out


def _staffing(week: _Week, a: AgentSlot, o: _Options) -> tuple[Floats, float]:
    """Each candidate's staffing terms over the day's window, and those without the agent.

    A candidate is a run of whole productive intervals less its breaks, so its terms are a
    range sum of "one more agent here" (prefix sums) corrected at its few break intervals:
    a move weighs hundreds of patterns at the cost of a few."""
    iv = week.problem.interval
    lo, hi = o.lo, o.hi
    # the queues the agent counts for on this day: their block's, not only their skills'
    rows = np.flatnonzero(week.share[a.skills][:, lo:hi].any(axis=1))
    share = week.share[a.skills][rows, lo:hi]
    base = week.cover[rows, lo:hi]
    need = week.need[rows, lo:hi]
    weights = week.weights
    empty = gap_cost(base, need, iv, weights)
    full = gap_cost(base + share * iv, need, iv, weights)
    ramp = np.concatenate(([0.0], np.cumsum((full - empty).sum(axis=0))))
    value = ramp[o.end] - ramp[o.first]
    if o.away_at.size:
        cols = o.away_at  # (patterns × breaks)
        b, n, s = base[:, cols], need[:, cols], share[:, cols]
        part = gap_cost(b + s * o.away_minutes, n, iv, weights)
        value = value + (part - full[:, cols]).sum(axis=(0, 2))
    total = float(empty.sum())
    return value + total, total


def _best_move(week: _Week, a: AgentSlot, day: int, o: _Options) -> tuple[int | None, float]:
    """The agent's best pattern on ``day`` (None: no shift) with the others in place, and how
    much it lowers the objective against what the agent works there now (≤ 0: no better)."""
    problem, pats, iv, weights = (
        week.problem,
        week.problem.patterns,
        week.problem.interval,
        week.weights,
    )
    days = week.day_of[a.agent_id]
    now = days.get(day)
    if now is not None:
        week.add(a, now, -1)
    try:
        paid_other = sum(pats[p].paid_minutes for p in days.values())
        ok = paid_other + o.paid <= max(a.paid_cap, 0)
        reach = 1 + problem.rest_minutes // (24 * 60)  # days apart a rest can span
        first, end = (o.first + o.lo) * iv, (o.end + o.lo) * iv
        for other, q in days.items():
            if abs(other - day) > reach:
                continue
            s, e = pats[q].first * iv, (pats[q].first + pats[q].length) * iv
            ok &= ~((first < e + problem.rest_minutes) & (s < end + problem.rest_minutes))
        if not ok.any() and now is None:
            return None, 0.0
        staffing, empty = _staffing(week, a, o)
        short = np.maximum(a.paid_floor - paid_other - o.paid, 0)
        # fairness: the most weekend and late shifts of anyone, this agent's with each pattern
        row = week.row[a.agent_id]
        mine = week.counts[row].copy()
        week.counts[row] = 0
        others = week.counts.max(axis=0)
        week.counts[row] = mine
        most = np.maximum(mine + o.flags, others).sum(axis=1)
        value = staffing + weights.cost * o.cents + weights.contract * short
        value = np.where(ok, value + weights.fairness * most, np.inf)
        none = empty + weights.contract * max(a.paid_floor - paid_other, 0)
        none += weights.fairness * int(np.maximum(mine, others).sum())
        current = none
        if now is not None:
            current = float(value[int(np.flatnonzero(o.patterns == now)[0])])
        best = int(np.argmin(value))
        if value[best] < none:
            return int(o.patterns[best]), current - float(value[best])
        return None, current - none
    finally:
        if now is not None:
            week.add(a, now, 1)


def polish(
    problem: Problem,
    chosen: Chosen,
    weights: Weights,
    *,
    seconds: float,
    cancel: threading.Event | None = None,
    progress: Callable[[Progress], None] | None = None,
    seed: int = 0,
) -> tuple[Chosen, float]:
    """``chosen`` after best-response passes until none improves or ``seconds`` pass; the
    week and its objective (``panel_objective``), never worse than ``chosen``'s."""
    t0 = time.monotonic()
    if seconds < MIN_SECONDS:  # not even the candidates' arrays would be built in time
        return dict(chosen), panel_objective(problem, chosen, weights)
    rng = random.Random(seed)
    pats = problem.patterns
    days_of = {a.agent_id: sorted({pats[p].day for p in a.patterns}) for a in problem.agents}
    # built as agents come up, so a short call spends its time on moves (seconds for all)
    options: dict[int, dict[int, _Options]] = {}
    best_week, best = dict(chosen), panel_objective(problem, chosen, weights)
    current = dict(chosen)
    passes = 1
    while time.monotonic() - t0 < seconds:
        week = _Week(problem, current, weights)
        order = [(a, day) for a in problem.agents for day in days_of[a.agent_id]]
        rng.shuffle(order)
        moved = 0
        for a, day in order:
            if time.monotonic() - t0 >= seconds or (cancel is not None and cancel.is_set()):
                break
            if a.agent_id not in options:
                options[a.agent_id] = _candidates(problem, a)
            p, gain = _best_move(week, a, day, options[a.agent_id][day])
            if gain <= GAIN_EPSILON:
                continue
            now = week.day_of[a.agent_id].get(day)
            if now is not None:
                week.add(a, now, -1)
            if p is not None:
                week.add(a, p, 1)
            moved += 1
        current = week.chosen()
        value = panel_objective(problem, current, weights)
        if value >= best:
            # The moves were judged on the blocks the pass started with; once a pass no
            # longer lowers the exact objective they only trade places with the new blocks.
            break
        best_week, best = dict(current), value
        if progress is not None:
            progress(Progress(passes, best, 0.0, time.monotonic() - t0))
        passes += 1
        if not moved or (cancel is not None and cancel.is_set()):
            break
    return best_week, best
