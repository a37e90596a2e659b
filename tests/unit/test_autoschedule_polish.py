"""``domain.autoschedule.polish``: best responses counted as the coverage panel counts, and
``improve``'s neighbourhoods judged the same way.

Expected values are worked out by hand in the comments (the objective as
``domain.autoschedule.model``'s docstring states it) or come from an independent
method: the panel's own ``balanced_agents`` and an exhaustive search over the
agent's patterns.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from supervisor_app.domain.autoschedule import Keep, Weights
from supervisor_app.domain.autoschedule.generate import (
    block_spread,
    build_problem,
    coverage_shares,
    shift_of,
)
from supervisor_app.domain.autoschedule.improve import Panel, improve
from supervisor_app.domain.autoschedule.patterns import shift_lengths
from supervisor_app.domain.autoschedule.polish import panel_objective, polish
from supervisor_app.domain.autoschedule.warm_start import warm_start
from supervisor_app.domain.coverage import QueueDemand
from supervisor_app.domain.coverage_pooled import balanced_agents, block_shares
from supervisor_app.domain.schedule_rules import RuleSettings, check_week
from supervisor_app.domain.schedule_types import RosterAgent, ScheduleWeek

MONDAY = date(2026, 12, 7)  # zone UTC: no clock change
IV = 30
SLOTS = 7 * 48
NO_BREAKS = RuleSettings(min_shift_minutes=120, max_shift_minutes=600, requirements=())
ONE_AGENT = 0.5  # calls per half hour at AHT 30 min: one agent (test_autoschedule_search)


def demand(queue_id: int, name: str, volumes: dict[int, float]) -> QueueDemand:
    vol = tuple(volumes.get(i, 0.0) for i in range(SLOTS))
    return QueueDemand(queue_id, name, vol, (1800.0,) * SLOTS, 0.5, 600.0, 1.0, 0.0)


def hours(day: int, start: int, end: int) -> dict[int, float]:
    """One agent wanted on ``day`` from ``start`` to ``end`` o'clock."""
    return {48 * day + k: ONE_AGENT for k in range(2 * start, 2 * end)}


@pytest.mark.parametrize("seed", range(20))
def test_block_shares_count_every_agent_as_balanced_agents_does(seed: int) -> None:
    """Σ presence × share over the skill sets is the panel's count, for random weeks."""
    rng = np.random.default_rng(seed)
    required = rng.integers(0, 6, (4, 16)).astype(float)
    required[:, :3] = 0  # intervals nobody is wanted in: agents there count evenly
    sets = [(0,), (1,), (0, 1), (2, 3), (1, 2, 3), (3,)]
    presence = {k: rng.integers(0, 4, 16).astype(float) for k in sets}
    shares = block_shares(required, presence)
    counted = sum(presence[k] * shares[k] for k in sets)
    assert np.allclose(counted, balanced_agents(required, presence))


def misplaced() -> tuple[ScheduleWeek, list[QueueDemand]]:
    """Monday: Sales wants one agent 10-14; Support one 08-18 (nobody has the skill; it
    opens the day 08-18). One Sales agent, 4 h contract, 20 $/h, 4-hour shifts only."""
    roster = (RosterAgent(1, "A1", "T", ("Sales",), 4.0, 20.0),)
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (), ())
    return week, [demand(1, "Sales", hours(0, 10, 14)), demand(2, "Support", hours(0, 8, 18))]


# By hand (Weights(): under 2000 and over 20,000 per agent-minute, cost 1 per cent; a 4-hour
# shift at 20 $/h costs 8,000 cents; the floor 4 h − 1 h = 180 min ≤ 240, so never short when
# working; Support's 600 missing minutes are 1,200,000 in every week):
#   08-12 (the start): Sales over 08-10 and short 12-14, 120 min each:
#                      2,400,000 + 240,000 + 8,000
#   10-14: neither: 8,000
#   no shift: Sales short 240 min: 480,000, and 180 min short of the floor: 54,000
SUPPORT = 1_200_000
START, BEST, NOBODY = SUPPORT + 2_648_000, SUPPORT + 8_000, SUPPORT + 534_000


def test_a_misplaced_shift_moves_to_the_exhaustive_optimum() -> None:
    week, demands = misplaced()
    problem, _ = build_problem(week, demands, NO_BREAKS, Keep.NONE, (240,))
    at = {problem.patterns[p].first: p for p in problem.agents[0].patterns}
    assert sorted(at) == list(range(16, 29))  # 08:00 … 14:00, every half hour
    start = {1: (at[16],)}
    assert panel_objective(problem, start, Weights()) == START
    assert panel_objective(problem, {}, Weights()) == NOBODY
    exhaustive = min(panel_objective(problem, {1: (p,)}, Weights()) for p in at.values())
    assert exhaustive == BEST
    chosen, value = polish(problem, start, Weights(), seconds=5)
    assert value == BEST
    assert chosen == {1: (at[20],)}  # 10:00


def test_polish_never_breaks_a_rule_nor_worsens_its_start() -> None:
    """Three agents, Monday and Tuesday wanting one agent 07-23, 8-hour shifts with the
    rules' breaks and lunch, 16 h contracts (two shifts each at most): a Monday shift that
    ends at 23:00 leaves only a Tuesday start at 10:00 or later (11-hour rest). Whatever
    polish does, the week passes ``check_week`` and its objective is no higher."""
    rules = RuleSettings()
    volumes = hours(0, 7, 23) | hours(1, 7, 23)
    demands = [demand(1, "Sales", volumes)]
    roster = tuple(RosterAgent(i, f"A{i}", "T", ("Sales",), 16.0, 20.0) for i in (1, 2, 3))
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (), ())
    problem, starts = build_problem(week, demands, rules, Keep.NONE, (480,))
    by_first = {
        (problem.patterns[p].day, problem.patterns[p].first): p for p in problem.agents[0].patterns
    }
    start = {1: (by_first[0, 14],), 2: (by_first[0, 30],)}  # Monday 07:00 and 15:00-23:00
    before = panel_objective(problem, start, Weights())
    chosen, value = polish(problem, start, Weights(), seconds=5)
    assert value <= before
    assert value == panel_objective(problem, chosen, Weights())
    shifts = tuple(
        shift_of(a, problem.patterns[p], starts, IV) for a, ps in chosen.items() for p in ps
    )
    assert check_week(replace(week, shifts=shifts), rules) == []


def test_the_rest_between_days_holds_where_a_move_would_gain_by_breaking_it() -> None:
    """Monday wants one agent 15-23, Tuesday two 07-15 (so each day has one 8-hour
    pattern); two agents with 16 h contracts, agent 2 on Monday's late shift. Tuesday's
    second agent is worth more than any other move, but agent 2 would have 8 hours' rest,
    not 11: only agent 1 works Tuesday."""
    tuesday = {k: 2 * ONE_AGENT for k in hours(1, 7, 15)}
    demands = [demand(1, "Sales", hours(0, 15, 23) | tuesday)]
    roster = tuple(RosterAgent(i, f"A{i}", "T", ("Sales",), 16.0, 20.0) for i in (1, 2))
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (), ())
    problem, starts = build_problem(week, demands, RuleSettings(), Keep.NONE, (480,))
    day = {problem.patterns[p].day: p for p in problem.agents[1].patterns}
    assert sorted(day) == [0, 1] and len(problem.agents[1].patterns) == 2
    chosen, _ = polish(problem, {2: (day[0],)}, Weights(), seconds=5)
    assert chosen == {1: (day[1],), 2: (day[0],)}
    shifts = tuple(
        shift_of(a, problem.patterns[p], starts, IV) for a, ps in chosen.items() for p in ps
    )
    assert check_week(replace(week, shifts=shifts), RuleSettings()) == []


def test_without_templates_every_length_the_rules_allow_is_offered() -> None:
    """The default rules allow 3 h to 10 h: on a 15-minute grid every quarter hour (29
    lengths: 180, 195, …, 600), on a 30-minute grid every half hour (15); templates that
    fit the rules are used instead, those that do not are dropped."""
    rules = RuleSettings()
    assert shift_lengths(rules, 15, ()) == [180 + 15 * k for k in range(29)]
    assert shift_lengths(rules, 30, ()) == [180 + 30 * k for k in range(15)]
    assert shift_lengths(rules, 15, (480, 120, 700, 490)) == [480]


def shared_week() -> tuple[ScheduleWeek, list[QueueDemand]]:
    """Monday and Tuesday: Sales wants one agent 08-16, Support one 10-18, two at 12-14;
    four agents, two shared (Sales and Support), 8 h contracts, 4-hour shifts."""
    sales = hours(0, 8, 16) | hours(1, 8, 16)
    support = hours(0, 10, 18) | hours(1, 10, 18)
    support |= {k: 2.0 for k in (24, 25, 26, 27, 48 + 24, 48 + 25, 48 + 26, 48 + 27)}
    skills = (("Sales",), ("Support",), ("Sales", "Support"), ("Sales", "Support"))
    roster = tuple(
        RosterAgent(i + 1, f"A{i + 1}", "T", s, 8.0, 20.0 + i) for i, s in enumerate(skills)
    )
    week = ScheduleWeek(MONDAY, "UTC", IV, roster, (), ())
    return week, [demand(1, "Sales", sales), demand(2, "Support", support)]


def test_block_spread_is_the_panels_split_in_hundredths() -> None:
    """Each skill set's spread is its block share × 100 rounded (no hundredth off by more
    than one), and each interval's hundredths add up to the rounded sum of the shares."""
    week, demands = shared_week()
    problem, _ = build_problem(week, demands, NO_BREAKS, Keep.NONE, (240,))
    start = warm_start(problem, Weights())
    spread = block_spread(problem, start)
    need = np.array(problem.required, dtype=float)
    minutes = {a.skills: np.zeros(need.shape[1]) for a in problem.agents}
    for a in problem.agents:
        for p in start.get(a.agent_id, ()):
            pat = problem.patterns[p]
            minutes[a.skills][pat.first : pat.first + pat.length] += pat.productive
    shares = block_shares(need, minutes)
    for skills, rows in spread.items():
        exact = shares[skills] * 100
        got = np.array(rows)
        assert np.abs(got - exact).max() < 1
        assert np.array_equal(got.sum(axis=0), np.round(exact.sum(axis=0)))


def test_neighbourhoods_judged_by_the_panel_never_worsen_its_count() -> None:
    """``improve`` with the panel's blocks and objective: the week it returns is scored by
    ``panel_objective`` (an independent count: the panel's own ``balanced_agents``), no
    higher than the start's, and breaks no rule."""
    week, demands = shared_week()
    problem, starts = build_problem(week, demands, NO_BREAKS, Keep.NONE, (240,))
    start = warm_start(problem, Weights())
    panel = Panel(
        lambda c: block_spread(problem, c), lambda c: panel_objective(problem, c, Weights())
    )
    chosen, value = improve(
        problem,
        start,
        Weights(),
        lambda c: coverage_shares(problem, c),
        seconds=4,
        panel=panel,
    )
    assert value == panel_objective(problem, chosen, Weights())
    assert value <= panel_objective(problem, start, Weights())
    shifts = tuple(
        shift_of(a, problem.patterns[p], starts, IV) for a, ps in chosen.items() for p in ps
    )
    assert check_week(replace(week, shifts=shifts), NO_BREAKS) == []
