"""What is under a point of the grid: a shift, an activity in it, an edge, or a free slot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift, TimeOffBand
from supervisor_app.ui.schedules.grid.geometry import EDGE_PX, TimeScale
from supervisor_app.ui.schedules.grid.rows import Row
from supervisor_app.ui.schedules.week.violations import GridViolation
from supervisor_app.ui.schedules.week.week_index import WeekIndex

Edge = Literal["start", "end"] | None


@dataclass(frozen=True)
class Hit:
    row: Row
    row_index: int
    time: datetime  # under the pointer, not snapped
    shift: PlannedShift | None = None
    activity: PlannedActivity | None = None
    edge: Edge = None  # of the activity if there is one, else of the shift


def _edge(x: float, x0: float, x1: float) -> Edge:
    if x1 - x0 < 3 * EDGE_PX:  # too thin to have two edges: only the end resizes
        return "end" if abs(x - x1) <= EDGE_PX else None
    if abs(x - x0) <= EDGE_PX:
        return "start"
    if abs(x - x1) <= EDGE_PX:
        return "end"
    return None


def hit_test(row: Row, row_index: int, cx: float, scale: TimeScale, index: WeekIndex) -> Hit:
    """``cx``: content x. An edge wins over the inside so a narrow shift stays resizable."""
    t = scale.time_at(cx)
    if row.agent is None:
        return Hit(row, row_index, t)
    for shift in index.of(row.agent.agent_id):
        x0, x1 = scale.x(shift.starts_at), scale.x(shift.ends_at)
        if not (x0 - EDGE_PX <= cx <= x1 + EDGE_PX):
            continue
        for act in shift.activities:
            a0, a1 = scale.x(act.starts_at), scale.x(act.ends_at)
            if a0 - 2 <= cx <= a1 + 2:
                edge = _edge(cx, a0, a1) if a1 - a0 >= 8 else None
                return Hit(row, row_index, t, shift, act, edge)
        return Hit(row, row_index, t, shift, None, _edge(cx, x0, x1))
    return Hit(row, row_index, t)


def violations_at(
    index: WeekIndex, agent_id: int, t: datetime, slack: float
) -> list[GridViolation]:
    """Violations covering ``t`` (with ``slack`` minutes either side for thin ones)."""
    pad = timedelta(minutes=slack)
    return [
        v
        for v in index.violations.get(agent_id, ())
        if v.starts_at - pad <= t <= max(v.ends_at, v.starts_at + pad) + pad
    ]


def time_off_at(index: WeekIndex, agent_id: int, t: datetime) -> TimeOffBand | None:
    return next((o for o in index.time_off.get(agent_id, ()) if o.starts_at <= t < o.ends_at), None)
