"""What a generation changed, in the figures a planner reads: staffing gaps, cost, rule breaks.

Counted with the coverage panel's own arithmetic (``domain.coverage``): an
under-staffed agent-interval is one agent missing for one interval of one
queue, the sum of max(required − scheduled, 0); over-staffed likewise with
max(scheduled − required, 0). Cost is paid hours × each agent's hourly cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from supervisor_app.domain.coverage import CoverageWeek, QueueDemand, coverage
from supervisor_app.domain.schedule_rules import RuleSettings, check_week, paid_minutes
from supervisor_app.domain.schedule_types import ScheduleWeek


@dataclass(frozen=True, slots=True)
class GenerationSummary:
    under_staffed_before: float
    under_staffed_after: float
    over_staffed_before: float
    over_staffed_after: float
    cost_before: float
    cost: float
    rule_breaks: int
    shifts: int
    seconds: float
    optimal: bool = False
    cancelled: bool = False
    # Per queue, the week's service level the coverage panel's model expects (the intervals'
    # figures weighted by forecast volume): after, and before, the generation.
    expected_service_level: tuple[tuple[str, float | None], ...] = ()
    expected_service_level_before: tuple[tuple[str, float | None], ...] = ()
    rule_breaks_before: int = 0


def gaps(week: ScheduleWeek, demands: Sequence[QueueDemand]) -> tuple[float, float]:
    """Under- and over-staffed agent-intervals of the week, all queues."""
    return _gaps(coverage(week, demands))


def _gaps(cov: CoverageWeek) -> tuple[float, float]:
    under = sum(max(-g, 0.0) for q in cov.queues for g in q.gap)
    over = sum(max(g, 0.0) for q in cov.queues for g in q.gap)
    return under, over


def labour_cost(week: ScheduleWeek, settings: RuleSettings) -> float:
    rate = {a.agent_id: a.hourly_cost for a in week.agents}
    return sum(paid_minutes(s, settings) / 60 * rate.get(s.agent_id, 0.0) for s in week.shifts)


def _service_levels(cov: CoverageWeek) -> tuple[tuple[str, float | None], ...]:
    """Each queue's week service level expected: the intervals' figures weighted by forecast."""
    out = []
    for q in cov.queues:
        pairs = [
            (v, s)
            for v, s in zip(q.forecast, q.expected_sl, strict=True)
            if s is not None and v > 0
        ]
        total = sum(v for v, _ in pairs)
        out.append((q.name, sum(v * s for v, s in pairs) / total if total else None))
    return tuple(out)


def summarize(
    before: ScheduleWeek,
    after: ScheduleWeek,
    demands: Sequence[QueueDemand],
    settings: RuleSettings,
    seconds: float,
    *,
    optimal: bool = False,
    cancelled: bool = False,
) -> GenerationSummary:
    cov_b, cov_a = coverage(before, demands), coverage(after, demands)
    under_b, over_b = _gaps(cov_b)
    under_a, over_a = _gaps(cov_a)
    return GenerationSummary(
        under_staffed_before=round(under_b, 2),
        under_staffed_after=round(under_a, 2),
        over_staffed_before=round(over_b, 2),
        over_staffed_after=round(over_a, 2),
        cost_before=round(labour_cost(before, settings), 2),
        cost=round(labour_cost(after, settings), 2),
        rule_breaks=len(check_week(after, settings)),
        shifts=len(after.shifts),
        seconds=round(seconds, 2),
        optimal=optimal,
        cancelled=cancelled,
        expected_service_level=_service_levels(cov_a),
        expected_service_level_before=_service_levels(cov_b),
        rule_breaks_before=len(check_week(before, settings)),
    )
