"""The shifts a generated week may use: starts on the interval grid, lengths, breaks placed.

A *pattern* is one possible shift of one local day: its first interval, its
length and its breaks and lunches, placed here once by the labour rules so the
solver only chooses between patterns and every pattern it can choose already
passes ``schedule_rules.check_shift``. Time is counted in intervals from the
week's first (local Monday 00:00); the UTC grid is uniform, so interval ``i``
starts ``i × interval`` minutes after it, on clock-change days too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.schedule_rule_types import RuleSettings

# Without shift templates, every length the rules allow in steps of this many minutes
# (door to door; at least one interval): hours can then end where the requirement falls.
# Demo week (bench ``autoschedule``, issue 17), under- / over-staffed agent-intervals with
# the best responses (``polish``): 4, 6 and 8.5 h only, 1,179 / 33; half-hour steps,
# 856 / 3; quarter-hour steps, 852 / 0, with twice the patterns of half-hour steps (the
# greedy start takes ~10 s of the 30, and the 500-agent week still fits its 300 s).
DEFAULT_STEP_MINUTES = 15


@dataclass(frozen=True, slots=True)
class Pattern:
    """One possible shift: ``first`` interval, ``length`` intervals, activities placed."""

    day: int  # local day of the week, 0 = Monday
    first: int
    length: int
    activities: tuple[tuple[ActivityKind, int, int], ...]  # kind, start, end (minutes in shift)
    productive: tuple[int, ...]  # productive minutes in each of the shift's intervals
    paid_minutes: int
    weekend: bool
    late: bool


def shift_lengths(
    settings: RuleSettings, interval: int, template_minutes: tuple[int, ...]
) -> list[int]:
    """Lengths the rules allow, on the grid: the templates' if any fit, else every
    ``DEFAULT_STEP_MINUTES`` (rounded up to whole intervals) from the shortest shift to the
    longest."""

    def fits(m: int) -> bool:
        return settings.min_shift_minutes <= m <= settings.max_shift_minutes and m % interval == 0

    chosen = sorted({m for m in template_minutes if fits(m)})
    if chosen:
        return chosen
    step = -(-DEFAULT_STEP_MINUTES // interval) * interval
    first = -(-settings.min_shift_minutes // interval) * interval
    return list(range(first, settings.max_shift_minutes + 1, step))


def place_activities(
    minutes: int, settings: RuleSettings, interval: int
) -> tuple[tuple[ActivityKind, int, int], ...] | None:
    """Breaks and lunches the rules require for a shift of ``minutes``, spread evenly.

    The n activities sit at (j + 1)/(n + 1) of the shift, lunches in the middle,
    each starting on the interval grid and never at the very start or end; None
    when they do not fit.
    """
    need = settings.requirement_for(minutes)
    if need is None:
        return ()
    kinds = [ActivityKind.BREAK] * need.breaks
    half = len(kinds) // 2
    kinds[half:half] = [ActivityKind.LUNCH] * need.lunches
    out: list[tuple[ActivityKind, int, int]] = []
    earliest = interval
    for j, kind in enumerate(kinds):
        length = need.lunch_minutes if kind is ActivityKind.LUNCH else need.break_minutes
        centre = (j + 1) * minutes / (len(kinds) + 1)
        start = max(round((centre - length / 2) / interval) * interval, earliest)
        end = start + length
        if end > minutes - interval:
            return None
        out.append((kind, start, end))
        earliest = -(-end // interval) * interval
    return tuple(out)


def _productive(
    length: int, interval: int, acts: tuple[tuple[ActivityKind, int, int], ...]
) -> tuple[int, ...]:
    out = []
    for k in range(length):
        lo, hi = k * interval, (k + 1) * interval
        away = sum(max(0, min(hi, e) - max(lo, s)) for _, s, e in acts)
        out.append(interval - away)
    return tuple(out)


# A shift that ends at or after this local time counts as late for fairness.
LATE_END_MINUTE = 19 * 60


def day_patterns(
    starts: tuple[datetime, ...],
    open_intervals: list[bool],
    week_start: date,
    zone: ZoneInfo,
    interval: int,
    settings: RuleSettings,
    lengths: list[int],
    start_step: int = 1,
) -> list[Pattern]:
    """Every pattern of the week: shifts that start on the grid and lie within a local day's
    opening span (its first to its last interval with a requirement)."""
    days: dict[int, list[int]] = {}
    for i, s in enumerate(starts):
        if open_intervals[i]:
            days.setdefault((s.astimezone(zone).date() - week_start).days, []).append(i)
    placed = {m: place_activities(m, settings, interval) for m in lengths}
    out: list[Pattern] = []
    for day, opened in sorted(days.items()):
        lo, hi = opened[0], opened[-1] + 1
        weekend = (week_start + timedelta(days=day)).weekday() >= 5
        for minutes in lengths:
            acts = placed[minutes]
            if acts is None:
                continue
            k = minutes // interval
            lunch = sum(e - s for kind, s, e in acts if kind is ActivityKind.LUNCH)
            paid = minutes - (0 if settings.lunch_is_paid else lunch)
            productive = _productive(k, interval, acts)
            for first in range(lo, hi - k + 1, start_step):
                end = (starts[first] + timedelta(minutes=minutes)).astimezone(zone)
                end_minute = (
                    end.hour * 60 + end.minute
                    if end.date() == starts[first].astimezone(zone).date()
                    else 24 * 60
                )
                out.append(
                    Pattern(
                        day,
                        first,
                        k,
                        acts,
                        productive,
                        paid,
                        weekend,
                        end_minute >= LATE_END_MINUTE,
                    )
                )
    return out
