"""Labour rules for a week of schedules: what a planner may not publish without a reason.

``check_week`` is pure: it reads a ``ScheduleWeek`` and the site's
``RuleSettings`` and lists every ``Violation`` with where it is (agent, time
span, shift key), so the grid can mark it while the planner edits, the CLI
can print it and publishing can refuse it, all from this one place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from supervisor_app.domain.enums import ActivityKind, TimeOffStatus
from supervisor_app.domain.schedule_rule_types import (
    BreakRequirement,
    Rule,
    RuleSettings,
    Violation,
)
from supervisor_app.domain.schedule_types import PlannedShift, ScheduleWeek, TimeOffBand
from supervisor_app.domain.training import check_training

__all__ = [
    "BreakRequirement",
    "Rule",
    "RuleSettings",
    "Violation",
    "check_agent",
    "check_shift",
    "check_week",
    "check_weekly_hours",
    "paid_minutes",
]


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def _hm(minutes: float) -> str:
    whole = round(minutes)
    return f"{whole // 60}:{whole % 60:02d}"


def check_shift(shift: PlannedShift, settings: RuleSettings) -> list[Violation]:
    """Length, breaks and lunch, and activities inside the shift and apart."""
    out: list[Violation] = []

    def add(rule: Rule, message: str, start: datetime, end: datetime) -> None:
        out.append(Violation(shift.agent_id, rule, message, start, end, shift.key))

    length = _minutes(shift.ends_at - shift.starts_at)
    if length < settings.min_shift_minutes:
        add(
            Rule.SHIFT_TOO_SHORT,
            f"shift of {_hm(length)} h is shorter than the minimum "
            f"{_hm(settings.min_shift_minutes)} h",
            shift.starts_at,
            shift.ends_at,
        )
    if length > settings.max_shift_minutes:
        add(
            Rule.SHIFT_TOO_LONG,
            f"shift of {_hm(length)} h is longer than the maximum "
            f"{_hm(settings.max_shift_minutes)} h",
            shift.starts_at,
            shift.ends_at,
        )
    acts = sorted(shift.activities, key=lambda a: (a.starts_at, a.ends_at, a.kind.value, a.key))
    for act in acts:
        if act.starts_at < shift.starts_at or act.ends_at > shift.ends_at:
            add(
                Rule.ACTIVITY_OUTSIDE_SHIFT,
                f"{act.kind} is outside its shift",
                act.starts_at,
                act.ends_at,
            )
    for before, after in pairwise(acts):
        if after.starts_at < before.ends_at:
            add(
                Rule.ACTIVITY_OVERLAP,
                f"{before.kind} and {after.kind} overlap",
                after.starts_at,
                min(before.ends_at, after.ends_at),
            )
    need = settings.requirement_for(length)
    if need is not None:
        breaks = [a for a in acts if a.kind is ActivityKind.BREAK]
        long_breaks = [a for a in breaks if _minutes(a.ends_at - a.starts_at) >= need.break_minutes]
        if len(long_breaks) < need.breaks:
            add(
                Rule.BREAKS,
                f"a {_hm(length)} h shift needs {need.breaks} break(s) of "
                f"{need.break_minutes} min, "
                f"has {len(long_breaks)}",
                shift.starts_at,
                shift.ends_at,
            )
        lunches = [a for a in acts if a.kind is ActivityKind.LUNCH]
        long_lunches = [
            a for a in lunches if _minutes(a.ends_at - a.starts_at) >= need.lunch_minutes
        ]
        if len(long_lunches) < need.lunches:
            add(
                Rule.LUNCH,
                f"a {_hm(length)} h shift needs {need.lunches} lunch of {need.lunch_minutes} min, "
                f"has {len(long_lunches)}",
                shift.starts_at,
                shift.ends_at,
            )
    return out


def paid_minutes(shift: PlannedShift, settings: RuleSettings) -> float:
    """The shift's paid time: its length less its lunches (unless lunch is paid)."""
    total = _minutes(shift.ends_at - shift.starts_at)
    if not settings.lunch_is_paid:
        for act in shift.activities:
            if act.kind is ActivityKind.LUNCH:
                start, end = max(act.starts_at, shift.starts_at), min(act.ends_at, shift.ends_at)
                total -= max(_minutes(end - start), 0.0)
    return total


def check_agent(
    shifts: Iterable[PlannedShift], time_off: Iterable[TimeOffBand], settings: RuleSettings
) -> list[Violation]:
    """Rules of one agent's shifts: each shift's own, then overlap, rest and time off."""
    ordered = sorted(shifts, key=lambda s: (s.starts_at, s.ends_at, s.key))
    out: list[Violation] = []
    for shift in ordered:
        out.extend(check_shift(shift, settings))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.starts_at >= first.ends_at:
                break
            out.append(
                Violation(
                    first.agent_id,
                    Rule.SHIFT_OVERLAP,
                    "two shifts overlap",
                    second.starts_at,
                    min(first.ends_at, second.ends_at),
                    second.key,
                )
            )
    out.extend(_rest(ordered, settings))
    approved = [t for t in time_off if t.status is TimeOffStatus.APPROVED]
    for shift in ordered:
        for band in approved:
            if band.starts_at < shift.ends_at and shift.starts_at < band.ends_at:
                out.append(
                    Violation(
                        shift.agent_id,
                        Rule.TIME_OFF,
                        "shift during approved time off",
                        max(band.starts_at, shift.starts_at),
                        min(band.ends_at, shift.ends_at),
                        shift.key,
                    )
                )
    return out


def _rest(ordered: list[PlannedShift], settings: RuleSettings) -> list[Violation]:
    """Too little time between the end of one shift and the start of the next (overlaps
    are their own rule, so only a positive or zero gap counts here)."""
    rest = timedelta(minutes=settings.min_rest_minutes)
    out = []
    latest_end: datetime | None = None
    for shift in ordered:
        if latest_end is not None and latest_end <= shift.starts_at < latest_end + rest:
            gap = _minutes(shift.starts_at - latest_end)
            out.append(
                Violation(
                    shift.agent_id,
                    Rule.MIN_REST,
                    f"only {_hm(gap)} h rest before this shift "
                    f"(minimum {_hm(settings.min_rest_minutes)} h)",
                    latest_end,
                    shift.starts_at,
                    shift.key,
                )
            )
        latest_end = shift.ends_at if latest_end is None else max(latest_end, shift.ends_at)
    return out


def check_weekly_hours(
    shifts: Iterable[PlannedShift], settings: RuleSettings, contracted_weekly_hours: float
) -> Violation | None:
    """Paid time of the agent's week above contract plus tolerance, or None."""
    ordered = sorted(shifts, key=lambda s: (s.starts_at, s.ends_at, s.key))
    if not ordered:
        return None
    paid = sum(paid_minutes(s, settings) for s in ordered)
    allowed = contracted_weekly_hours * 60 + settings.weekly_tolerance_minutes
    if paid <= allowed + 1e-9:
        return None
    return Violation(
        ordered[0].agent_id,
        Rule.WEEKLY_HOURS,
        f"{_hm(paid)} h paid this week, contract {_hm(contracted_weekly_hours * 60)} h",
        ordered[0].starts_at,
        ordered[-1].ends_at,
        None,
    )


# Rules between shifts: reported even when the other shift lies just outside the week.
_BETWEEN_SHIFTS = frozenset({Rule.SHIFT_OVERLAP, Rule.MIN_REST})


def check_week(week: ScheduleWeek, settings: RuleSettings) -> list[Violation]:
    """Every violation in the week, ordered by agent, then time, then rule.

    Weekly hours count the shifts that start in the week (local Monday to
    Monday of ``week.timezone``) against the contract of the agents in
    ``week.agents``. ``week.context_shifts`` (the days around the week) count
    for rest and overlap only; a violation found on one of them is reported
    without a shift key, since that shift is not in the week's grid.
    """
    zone = ZoneInfo(week.timezone)
    contracts = {a.agent_id: a.contracted_weekly_hours for a in week.agents}
    own = {s.key for s in week.shifts}
    shifts: dict[int, list[PlannedShift]] = defaultdict(list)
    bands: dict[int, list[TimeOffBand]] = defaultdict(list)
    for shift in week.shifts:
        shifts[shift.agent_id].append(shift)
    for band in week.time_off:
        bands[band.agent_id].append(band)
    context: dict[int, list[PlannedShift]] = defaultdict(list)
    for shift in week.context_shifts:
        if shift.agent_id in shifts and shift.key not in own:
            context[shift.agent_id].append(shift)
    out: list[Violation] = []
    for agent_id in sorted(shifts):
        mine = shifts[agent_id]
        for v in check_agent(mine + context[agent_id], bands[agent_id], settings):
            if v.shift_key is None or v.shift_key in own:
                out.append(v)
            elif v.rule in _BETWEEN_SHIFTS:
                out.append(replace(v, shift_key=None))
        if agent_id in contracts:
            in_week = [
                s
                for s in mine
                if 0 <= (s.starts_at.astimezone(zone).date() - week.week_start).days < 7
            ]
            weekly = check_weekly_hours(in_week, settings, contracts[agent_id])
            if weekly is not None:
                out.append(weekly)
    out += check_training(week.shifts, week.training, week.timezone)
    out.sort(key=lambda v: (v.agent_id, v.starts_at, v.rule.value, v.shift_key or ""))
    return out
