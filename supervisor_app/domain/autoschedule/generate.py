"""A generated week from a loaded one: build the model's inputs, solve, turn patterns into shifts.

Pure (no database): the service loads the week, the forecast and the rules;
the schedule editor could call this on a draft. What stays is decided by
``Keep``: the week's published shifts (``published``), all its shifts
(``all``) or none (``none``); the shifts that do not stay are replaced. The
days around the week (``context_shifts``) always stay, for rest and overlap.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import numpy as np

from supervisor_app.domain.autoschedule.improve import Panel, Spread, evaluate, improve
from supervisor_app.domain.autoschedule.model import solve
from supervisor_app.domain.autoschedule.patterns import Pattern, day_patterns, shift_lengths
from supervisor_app.domain.autoschedule.polish import (
    minutes_by_set,
    panel_objective,
    polish,
    required_cells,
)
from supervisor_app.domain.autoschedule.problem import (
    PRESOLVE_UP_TO,
    SCALE,
    AgentSlot,
    Problem,
    Progress,
    Solution,
    Weights,
)
from supervisor_app.domain.autoschedule.warm_start import warm_start
from supervisor_app.domain.coverage import QueueDemand, productive_presence, requirements
from supervisor_app.domain.coverage_pooled import balanced_shares, block_shares
from supervisor_app.domain.enums import ShiftStatus, TimeOffStatus
from supervisor_app.domain.forecast import week_interval_starts
from supervisor_app.domain.schedule_rules import RuleSettings, paid_minutes
from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift, ScheduleWeek

# Share of the time left after the first best responses (``polish``) kept for the last ones,
# when the week is solved by neighbourhoods (``improve``).
POLISH_SHARE = 0.15


class Keep(StrEnum):
    """Which of the week's existing shifts a generation leaves as they are."""

    PUBLISHED = "published"
    ALL = "all"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Generated:
    week: ScheduleWeek  # the draft: kept shifts and the new ones (status draft)
    objective: float
    optimal: bool
    cancelled: bool
    seconds: float
    found: bool  # False when the solver found no schedule in the time (the week is unchanged)


def kept_shifts(week: ScheduleWeek, keep: Keep) -> tuple[PlannedShift, ...]:
    if keep is Keep.ALL:
        return week.shifts
    if keep is Keep.PUBLISHED:
        return tuple(s for s in week.shifts if s.status is ShiftStatus.PUBLISHED)
    return ()


def _clashes(
    start: datetime, end: datetime, fixed: Sequence[tuple[datetime, datetime]], rest: timedelta
) -> bool:
    """Overlap with a shift that stays, or less than the rules' rest before or after it."""
    return any(start < fe + rest and fs < end + rest for fs, fe in fixed)


def build_problem(
    week: ScheduleWeek,
    demands: Sequence[QueueDemand],
    settings: RuleSettings,
    keep: Keep,
    template_minutes: tuple[int, ...] = (),
    start_step: int = 1,
) -> tuple[Problem, tuple[datetime, ...]]:
    """The model's inputs and the week's interval starts (UTC)."""
    iv = week.interval_minutes
    zone = ZoneInfo(week.timezone)
    starts = tuple(week_interval_starts(week.week_start, zone, iv))
    required, _ = requirements(tuple(demands), iv)
    open_ = (
        [bool(required[:, t].any()) for t in range(len(starts))]
        if len(demands)
        else [False] * len(starts)
    )
    lengths = shift_lengths(settings, iv, template_minutes)
    patterns = tuple(
        day_patterns(starts, open_, week.week_start, zone, iv, settings, lengths, start_step)
    )
    col = {d.name: q for q, d in enumerate(demands)}
    kept = kept_shifts(week, keep)
    rest = timedelta(minutes=settings.min_rest_minutes)
    off = {
        a.agent_id: [
            (b.starts_at, b.ends_at)
            for b in week.time_off
            if b.agent_id == a.agent_id and b.status is TimeOffStatus.APPROVED
        ]
        for a in week.agents
    }
    kept_by_agent: dict[int, list[PlannedShift]] = {}
    for s in kept:
        kept_by_agent.setdefault(s.agent_id, []).append(s)
    context: dict[int, list[PlannedShift]] = {}
    own = {s.key for s in week.shifts}
    for s in week.context_shifts:
        if s.key not in own:
            context.setdefault(s.agent_id, []).append(s)
    slots = []
    for a in week.agents:
        skills = tuple(sorted({col[q] for q in a.skills if q in col}))
        mine = kept_by_agent.get(a.agent_id, [])
        kept_days = {(s.starts_at.astimezone(zone).date() - week.week_start).days for s in mine}
        fixed = [(s.starts_at, s.ends_at) for s in mine + context.get(a.agent_id, [])]
        holds = [h for h in week.training if h.agent_id == a.agent_id]
        # Rule.TRAINING: on a day the agent lacks a course one of their queues requires,
        # any shift breaks the rule, so they are neither scheduled nor counted that day.
        untrained = {
            d
            for d in range(7)
            if any(not h.holds_on(week.week_start + timedelta(days=d)) for h in holds)
        }
        allowed: list[int] = []
        if skills:
            for p, pat in enumerate(patterns):
                if pat.day in kept_days or pat.day in untrained:
                    continue
                s0 = starts[pat.first]
                s1 = s0 + timedelta(minutes=pat.length * iv)
                if _clashes(s0, s1, fixed, rest):
                    continue
                if any(s0 < oe and os_ < s1 for os_, oe in off[a.agent_id]):
                    continue
                allowed.append(p)
        contract = round(a.contracted_weekly_hours * 60)
        kept_paid = sum(round(paid_minutes(s, settings)) for s in mine)
        cap = contract + settings.weekly_tolerance_minutes - kept_paid
        floor = max(contract - settings.weekly_tolerance_minutes - kept_paid, 0)
        slots.append(
            AgentSlot(a.agent_id, skills, tuple(allowed), cap, round(a.hourly_cost * 100), floor)
        )
    kept_week = replace(week, shifts=kept)
    presence = productive_presence(kept_week, starts)
    fixed_minutes: dict[tuple[int, ...], np.ndarray] = {}
    skills_of = {s.agent_id: s.skills for s in slots}
    for agent_id, row in presence.items():
        key = skills_of.get(agent_id, ())
        if key:
            fixed_minutes[key] = fixed_minutes.get(key, 0) + row * iv
    problem = Problem(
        interval=iv,
        required=tuple(tuple(int(v) * iv for v in row) for row in required),
        fixed={k: tuple(round(float(v)) for v in row) for k, row in fixed_minutes.items()},
        patterns=patterns,
        agents=tuple(slots),
        rest_minutes=settings.min_rest_minutes,
    )
    return problem, starts


def coverage_shares(
    problem: Problem, start: dict[int, tuple[int, ...]]
) -> dict[tuple[int, ...], list[list[int]]]:
    """How the coverage panel counts each shared skill set's agents between its queues for
    the ``start`` week (``coverage_pooled.balanced_shares``: blocks of queues, agents by
    requirement), in hundredths (``SCALE``) per interval, rounded so each interval's sum
    is exact."""
    n_q = len(problem.required)
    n_t = len(problem.required[0]) if n_q else 0
    required = np.array(problem.required, dtype=np.float64).reshape(n_q, n_t)
    minutes: dict[tuple[int, ...], np.ndarray] = {
        skills: np.array(row, dtype=np.float64) for skills, row in problem.fixed.items()
    }
    for a in problem.agents:
        for p in start.get(a.agent_id, ()):
            pat = problem.patterns[p]
            row = minutes.setdefault(a.skills, np.zeros(n_t))
            row[pat.first : pat.first + pat.length] += pat.productive
    for a in problem.agents:  # every shared set gets shares, working in the start or not
        minutes.setdefault(a.skills, np.zeros(n_t))
    shares = balanced_shares(required, minutes)
    return {
        skills: _hundredths(shares[skills])
        for skills in {a.skills for a in problem.agents if len(a.skills) > 1}
    }


def block_spread(problem: Problem, chosen: dict[int, tuple[int, ...]]) -> Spread:
    """What one agent of each skill set counts for in every queue of the block that took
    them in the ``chosen`` week (``coverage_pooled.block_shares``, as ``polish`` judges
    moves), in hundredths per interval: ``improve``'s neighbourhoods counted as the panel
    counts while the blocks stay."""
    need = required_cells(problem)
    minutes = minutes_by_set(problem, chosen)
    for a in problem.agents:  # every set gets a spread, working in the week or not
        minutes.setdefault(a.skills, np.zeros(need.shape[1]))
    return {k: _hundredths(share) for k, share in block_shares(need, minutes).items()}


def _hundredths(share: np.ndarray) -> list[list[int]]:
    """Shares (rows × intervals) in hundredths (``SCALE``), rounded so each interval's sum
    stays the rounded sum of its shares (largest remainders take the odd hundredths)."""
    scaled = share * SCALE
    whole = np.floor(scaled).astype(np.int64)
    short = np.round(scaled.sum(axis=0)).astype(np.int64) - whole.sum(axis=0)
    order = np.argsort(-(scaled - whole), axis=0, kind="stable")
    for t in range(scaled.shape[1]):
        for j in order[: short[t], t]:
            whole[j, t] += 1
    return whole.tolist()


def shift_of(
    agent_id: int, pattern: Pattern, starts: Sequence[datetime], interval: int
) -> PlannedShift:
    """The draft shift a pattern stands for."""
    begin = starts[pattern.first]
    return PlannedShift(
        agent_id,
        begin,
        begin + timedelta(minutes=pattern.length * interval),
        tuple(
            PlannedActivity(kind, begin + timedelta(minutes=s), begin + timedelta(minutes=e))
            for kind, s, e in pattern.activities
        ),
    )


def generate_week(
    week: ScheduleWeek,
    demands: Sequence[QueueDemand],
    settings: RuleSettings,
    keep: Keep = Keep.PUBLISHED,
    *,
    template_minutes: tuple[int, ...] = (),
    weights: Weights = Weights(),  # noqa: B008 - frozen
    time_limit: float = 30.0,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    start_step: int = 1,
    workers: int | None = None,
) -> Generated:
    """The week with its replaceable shifts replaced by the best schedule found in ``time_limit``
    seconds (the model and the warm start included); ``progress`` hears of each better one,
    ``cancel`` stops with the best so far."""
    began = time.monotonic()
    problem, starts = build_problem(week, demands, settings, keep, template_minutes, start_step)
    start = warm_start(problem, weights)
    left = max(time_limit - (time.monotonic() - began), 0.1)
    result: Solution
    if sum(len(a.patterns) for a in problem.agents) < PRESOLVE_UP_TO:
        result = solve(
            problem,
            weights,
            time_limit=left,
            progress=progress,
            cancel=cancel,
            workers=workers,
            start=start,
            shares=coverage_shares(problem, start),
        )
        if result.found:
            # The shares were the start week's; the panel counts the week found with its own.
            final = coverage_shares(problem, result.chosen)
            result = replace(result, objective=evaluate(problem, result.chosen, weights, final))
    else:
        # Too large for the whole model to improve on the start in the time: best responses
        # until none is better (``polish``: seconds on the demo week), then neighbourhoods
        # that move several agents at once, then best responses from where those stop.
        def shares_of(chosen: dict[int, tuple[int, ...]]) -> dict:
            return coverage_shares(problem, chosen)

        def remaining() -> float:
            return left - (time.monotonic() - t1)

        t1 = time.monotonic()
        chosen, _ = polish(problem, start, weights, seconds=left, cancel=cancel, progress=progress)
        polished = chosen
        chosen, _ = improve(
            problem,
            chosen,
            weights,
            shares_of,
            seconds=(1 - POLISH_SHARE) * remaining(),
            cancel=cancel,
            progress=progress,
            panel=Panel(
                lambda c: block_spread(problem, c),
                lambda c: panel_objective(problem, c, weights),
            ),
        )
        if chosen != polished:
            chosen, _ = polish(
                problem, chosen, weights, seconds=remaining(), cancel=cancel, progress=progress
            )
        value = evaluate(problem, chosen, weights, shares_of(chosen))
        cancelled = cancel is not None and cancel.is_set()
        result = Solution(chosen, value, False, cancelled, time.monotonic() - began)
    if not result.found:
        return Generated(week, 0, False, result.cancelled, time.monotonic() - began, False)
    new = [
        shift_of(agent, problem.patterns[p], starts, week.interval_minutes)
        for agent, ps in sorted(result.chosen.items())
        for p in ps
    ]
    shifts = tuple(
        sorted(kept_shifts(week, keep) + tuple(new), key=lambda s: (s.agent_id, s.starts_at))
    )
    return Generated(
        replace(week, shifts=shifts),
        result.objective,
        result.optimal,
        result.cancelled,
        time.monotonic() - began,
        True,
    )
