"""The labour-rule check the grid runs after every edit: ``domain/schedule_rules``, nothing else.

The site's limits arrive with the week (loaded off the GUI thread); until they
do, the rules' defaults apply.
"""

from __future__ import annotations

from supervisor_app.domain.schedule_rules import RuleSettings, Violation, check_week
from supervisor_app.domain.schedule_types import ScheduleWeek

GridViolation = Violation


def check(week: ScheduleWeek, settings: RuleSettings | None = None) -> list[Violation]:
    return check_week(week, settings or RuleSettings())


def rule_label(v: Violation) -> str:
    return v.rule.value.replace("_", " ").capitalize()
