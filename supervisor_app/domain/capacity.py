"""Capacity: full-time equivalents a period needs against those on the roster, and labour cost.

- Required hours = Σ over queues and intervals of the agents required on the
  phones × the interval's hours ÷ (1 − the queue's shrinkage): the paid hours
  that leave enough people on the phones after breaks, meetings and absence.
  Queues are added up as if staffed apart, so multi-skilled pooling is not
  counted: the figure errs on the safe side.
- Required FTE = required hours ÷ (full-time weekly hours × weeks in the period),
  weeks = days ÷ 7; on-roster FTE = Σ contracted weekly hours of active agents ÷
  full-time weekly hours; hiring need = required − on roster, when above 0.
- Labour cost of a scheduled week = Σ paid hours × the agent's hourly cost, paid
  hours being the shift's length less its lunch (unpaid); breaks, meetings,
  training and coaching are paid time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.schedule_types import PlannedShift

UNPAID = frozenset({ActivityKind.LUNCH})


def required_hours(agents: ArrayLike, interval_minutes: int, shrinkage: float) -> float:
    """Paid hours for agents-on-the-phones counts of one queue's intervals."""
    if not 0 <= shrinkage < 1:
        raise ValueError(f"shrinkage must be in [0, 1), got {shrinkage}")
    total = float(np.asarray(agents, dtype=np.float64).sum())
    return total * interval_minutes / 60.0 / (1.0 - shrinkage)


def fte(hours: float, days: int, fte_weekly_hours: float) -> float:
    """Hours over ``days`` days as full-time equivalents."""
    return hours / (fte_weekly_hours * days / 7.0) if days > 0 else 0.0


def hiring_need(required_fte: float, roster_fte: float) -> float:
    return max(required_fte - roster_fte, 0.0)


def paid_hours(shift: PlannedShift) -> float:
    """The shift's length less its unpaid activities (lunch), in hours."""
    length = (shift.ends_at - shift.starts_at).total_seconds()
    unpaid = sum(
        (min(a.ends_at, shift.ends_at) - max(a.starts_at, shift.starts_at)).total_seconds()
        for a in shift.activities
        if a.kind in UNPAID and a.ends_at > shift.starts_at and a.starts_at < shift.ends_at
    )
    return max(length - unpaid, 0.0) / 3600.0


@dataclass(frozen=True, slots=True)
class CostLine:
    agent_id: int
    hours: float
    hourly_cost: float

    @property
    def cost(self) -> float:
        return self.hours * self.hourly_cost


def cost_lines(shifts: Iterable[PlannedShift], hourly_cost: dict[int, float]) -> list[CostLine]:
    """Paid hours and cost per agent; an agent off the roster costs 0 an hour."""
    hours: dict[int, float] = {}
    for s in shifts:
        hours[s.agent_id] = hours.get(s.agent_id, 0.0) + paid_hours(s)
    return [CostLine(a, h, hourly_cost.get(a, 0.0)) for a, h in sorted(hours.items())]
