"""A draft week indexed by agent, rebuilt after each edit, so painting a row is a lookup.

With 500 agents the grid paints ~30 visible rows; each asks for its agent's
shifts, time off and violations here instead of scanning the whole week.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from supervisor_app.domain.schedule_types import PlannedShift, ScheduleWeek, TimeOffBand
from supervisor_app.ui.schedules.week.violations import GridViolation


@dataclass
class WeekIndex:
    shifts: dict[int, list[PlannedShift]] = field(default_factory=dict)
    time_off: dict[int, list[TimeOffBand]] = field(default_factory=dict)
    violations: dict[int, list[GridViolation]] = field(default_factory=dict)
    by_key: dict[str, PlannedShift] = field(default_factory=dict)
    changed: set[int] | None = None  # agents that differ from the previous index; None: all

    @classmethod
    def build(cls, week: ScheduleWeek | None, violations: list[GridViolation]) -> WeekIndex:
        index = cls()
        if week is None:
            return index
        for s in week.shifts:
            index.shifts.setdefault(s.agent_id, []).append(s)
            index.by_key[s.key] = s
        for lst in index.shifts.values():
            lst.sort(key=lambda s: s.starts_at)
        for off in week.time_off:
            index.time_off.setdefault(off.agent_id, []).append(off)
        index.add_violations(violations)
        return index

    def add_violations(self, violations: list[GridViolation]) -> None:
        for v in violations:
            self.violations.setdefault(v.agent_id, []).append(v)
        for found in self.violations.values():
            found.sort(key=lambda v: (v.starts_at, v.rule.value))

    def all_violations(self) -> list[GridViolation]:
        return [v for a in sorted(self.violations) for v in self.violations[a]]

    def of(self, agent_id: int) -> list[PlannedShift]:
        return self.shifts.get(agent_id, [])
