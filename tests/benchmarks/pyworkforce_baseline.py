"""pyworkforce's ``MinAbsDifference`` as the generated week's yardstick (``autoschedule``).

pyworkforce sizes how many people work each shift pattern of each day so that
the sum over periods of |required − scheduled| is least; it knows one pool of
agents, no breaks, skills, contracts or time off. For a like-for-like figure it
gets: the same requirement (all queues' agents per interval, pooled: more lenient
than our per-queue count), every shift of the lengths our rules allow starting
on any interval of a day (a superset of ours), at most as many agents on at once
as the roster has, and the same total agent-hours: its shift-hours (all
productive, as it has no breaks) may not exceed the productive agent-hours of
our generated week. MinAbsDifference has no such budget, so one constraint is
added to pyworkforce's own model as it builds it (``_Budgeted``); its model is
otherwise run as shipped. Its under-staffing is counted here from the numbers of
people it returns, not from its objective.
"""

from __future__ import annotations

import types
from collections.abc import Sequence

import numpy as np


def _budgeted_module(cp_model: types.ModuleType, sizes: Sequence[int], budget: int) -> object:
    """``cp_model`` as pyworkforce's solver module sees it, with a model that adds
    Σ people on shift s × periods of s ≤ ``budget`` before its objective."""

    class _Budgeted(cp_model.CpModel):  # type: ignore[name-defined,misc]
        def __init__(self) -> None:
            super().__init__()
            # OR-Tools sets its pre-PEP 8 names (pyworkforce's) on each instance.
            people: list[tuple[int, object]] = []
            new_int_var, minimize = self.NewIntVar, self.Minimize

            def counted(lb: int, ub: int, name: str) -> object:
                var = new_int_var(lb, ub, name)
                if name.startswith("resources_d"):
                    people.append((int(name.rsplit("s", 1)[1]), var))
                return var

            def budgeted(objective: object) -> None:
                self.add(sum(sizes[s] * var for s, var in people) <= budget)
                minimize(objective)

            self.NewIntVar, self.Minimize = counted, budgeted

    module = types.ModuleType("cp_model_budgeted")
    module.__dict__.update(cp_model.__dict__)
    module.CpModel = _Budgeted  # type: ignore[attr-defined]
    return module


def min_abs_difference_under(
    required: np.ndarray,
    lengths: Sequence[int],
    budget: int,
    max_agents: int,
    seconds: float,
) -> tuple[float, int]:
    """Under-staffed agent-periods of pyworkforce's answer and the agent-periods it used.

    ``required``: agents per (day, period), all queues; ``lengths``: shift lengths in
    periods; ``budget``: agent-periods it may use."""
    from ortools.sat.python import cp_model
    from pyworkforce.scheduling import MinAbsDifference, shifts_selection

    days, periods = required.shape
    coverage = {
        f"{k}@{first}": [1 if first <= p < first + k else 0 for p in range(periods)]
        for k in lengths
        for first in range(periods - k + 1)
    }
    sizes = [sum(row) for row in coverage.values()]
    scheduler = MinAbsDifference(
        num_days=days,
        periods=periods,
        shifts_coverage=coverage,
        required_resources=required.astype(int).tolist(),
        max_period_concurrency=max_agents,
        max_shift_concurrency=max_agents,
        max_search_time=float(seconds),
        num_search_workers=2,
    )
    original = shifts_selection.cp_model
    shifts_selection.cp_model = _budgeted_module(cp_model, sizes, budget)
    try:
        solution = scheduler.solve()
    finally:
        shifts_selection.cp_model = original
    if solution["status"] not in ("OPTIMAL", "FEASIBLE"):
        raise RuntimeError(f"pyworkforce found no schedule: {solution['status']}")
    on = np.zeros((days, periods))
    used = 0
    index = {name: i for i, name in enumerate(coverage)}
    for row in solution["resources_shifts"]:
        people = row["resources"]
        if people:
            on[row["day"]] += people * np.array(coverage[row["shift"]])
            used += people * sizes[index[row["shift"]]]
    return float(np.maximum(required - on, 0).sum()), used
