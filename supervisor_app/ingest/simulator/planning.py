"""Each agent's usual week: which weekdays, from when, and where the breaks fall.

Worked out from the roster alone (no random numbers), so the live simulator,
which reads the roster back from the database, plans exactly as the seed did.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.ingest.simulator.profiles import (
    PROFILES,
    SAFETY,
    WEEKDAY_FACTORS,
    ChannelProfile,
    staffing_shape,
)
from supervisor_app.services.writers.simulation import RosterSpec

WORKDAYS_PER_WEEK = 5
LUNCH_MINUTES = 30
BREAK_MINUTES = 15
# Shifts of at least this many paid minutes get a lunch and two breaks; shorter ones one break.
LUNCH_FROM_PAID_MINUTES = 360
# Where breaks and lunch fall, as fractions of the shift length.
SWEEPS = 3  # rounds of improving shift starts

BREAK_1_AT, LUNCH_AT, BREAK_2_AT, SOLE_BREAK_AT = 0.24, 0.47, 0.76, 0.5


@dataclass(frozen=True, slots=True)
class AgentPattern:
    workdays: frozenset[int]  # local weekdays, Monday = 0
    start_minute: int  # usual start, minutes after local midnight
    paid_minutes: int

    @property
    def has_lunch(self) -> bool:
        return self.paid_minutes >= LUNCH_FROM_PAID_MINUTES

    @property
    def length_minutes(self) -> int:
        return self.paid_minutes + (LUNCH_MINUTES if self.has_lunch else 0)

    def activities(self, start: int | None = None) -> list[tuple[ActivityKind, int, int]]:
        """Breaks and lunch as planned when the shift starts at ``start`` (default: as usual)."""
        begin = self.start_minute if start is None else start
        return layout(begin, self.length_minutes, self.has_lunch)


def _quarter(minutes: float) -> int:
    return round(minutes / 15) * 15


def layout(start: int, length: int, has_lunch: bool) -> list[tuple[ActivityKind, int, int]]:
    """(kind, start minute, minutes) of the breaks and lunch in a shift starting at ``start``."""
    if not has_lunch:
        return [(ActivityKind.BREAK, start + _quarter(length * SOLE_BREAK_AT), BREAK_MINUTES)]
    return [
        (ActivityKind.BREAK, start + _quarter(length * BREAK_1_AT), BREAK_MINUTES),
        (ActivityKind.LUNCH, start + _quarter(length * LUNCH_AT), LUNCH_MINUTES),
        (ActivityKind.BREAK, start + _quarter(length * BREAK_2_AT), BREAK_MINUTES),
    ]


def paid_minutes(weekly_hours: int) -> int:
    """Daily paid time for five days a week, on the quarter-hour."""
    return round(weekly_hours * 60 / WORKDAYS_PER_WEEK / 15) * 15


def _workdays(count: int) -> list[frozenset[int]]:
    """Five days each for ``count`` agents, filling weekdays in proportion to the volume curve."""
    factors = np.asarray(WEEKDAY_FACTORS)
    target = WORKDAYS_PER_WEEK * count * factors / factors.sum()
    filled = np.zeros(7)
    days = []
    for _ in range(count):
        chosen = np.argsort(-(target - filled), kind="stable")[:WORKDAYS_PER_WEEK]
        filled[chosen] += 1
        days.append(frozenset(int(d) for d in chosen))
    return days


def presence(start: int, length: int, has_lunch: bool) -> np.ndarray:
    """1 for each local quarter-hour the agent is at work and not on a break or lunch."""
    present = np.zeros(96)
    present[start // 15 : (start + length) // 15] = 1.0
    for _, at, minutes in layout(start, length, has_lunch):
        present[at // 15 : (at + minutes) // 15] = 0.0
    return present


def wanted_staff(shape: np.ndarray, total: float, beta: float) -> np.ndarray:
    """Agents per quarter-hour for traffic following ``shape``, ``total`` agent-quarters in all.

    Square-root staffing: traffic A needs A + β√A agents, so quiet hours need
    proportionally more people than busy ones.
    """
    if total <= 0:
        return np.zeros_like(shape)
    low, high = 0.0, total / max(shape.sum(), 1e-9)
    for _ in range(40):  # bisection on the traffic scale
        scale = (low + high) / 2
        traffic = scale * shape
        if (traffic + beta * np.sqrt(traffic)).sum() > total:
            high = scale
        else:
            low = scale
    traffic = low * shape
    return traffic + beta * np.sqrt(traffic)


def _starts(profile: ChannelProfile, shifts: list[tuple[int, bool, frozenset[int]]]) -> list[int]:
    """Usual start minute for each (length, has lunch, workdays), covering the channel's curve.

    Coordinate descent on the squared gap between staff and the curve, per
    weekday: each agent in turn (and again, for a few sweeps) takes the start
    that covers the most still-uncovered demand on the days they work.
    """
    shape = staffing_shape(profile)
    first = profile.open_hour * 4
    options: dict[tuple[int, bool], tuple[np.ndarray, np.ndarray]] = {}
    for length, lunch, _ in shifts:
        if (length, lunch) not in options:
            last = max(first, profile.close_hour * 4 - length // 15)
            begins = np.arange(first, last + 1) * 15
            options[length, lunch] = (
                begins,
                np.stack([presence(b, length, lunch) for b in begins]),
            )
    day_mask = np.array([[d in days for d in range(7)] for _, _, days in shifts], dtype=float)
    hours = sum(
        m * options[length, lunch][1][0].sum()
        for (length, lunch, _), m in zip(shifts, day_mask, strict=True)
    )
    target = np.stack([wanted_staff(shape, h, SAFETY.get(profile.channel, 0.0)) for h in hours])
    # Relative gaps: one agent short at a quiet hour hurts as much as at the peak.
    weight = 1.0 / np.maximum(target, 0.5)
    covered = np.zeros((7, 96))
    chosen = [np.zeros(96)] * len(shifts)
    starts = [0] * len(shifts)
    for _ in range(SWEEPS):
        for i, (length, lunch, _) in enumerate(shifts):
            covered -= np.outer(day_mask[i], chosen[i])
            begins, masks = options[length, lunch]
            gain = masks @ (day_mask[i] @ ((target - covered) * weight))
            best = int(np.argmax(gain))
            starts[i], chosen[i] = int(begins[best]), masks[best]
            covered += np.outer(day_mask[i], chosen[i])
    return starts


def weekly_patterns(roster: RosterSpec) -> list[AgentPattern]:
    """Usual workdays and start time per agent, in roster order.

    Worked out per primary queue, so each queue is covered every day and all
    day: workdays follow the weekday curve, starts the channel's daily curve.
    """
    channel_of = {q.id: q.channel for q in roster.queues}
    paid = [paid_minutes(a.contracted_weekly_hours) for a in roster.agents]
    groups: dict[int, list[int]] = {}
    for i, agent in enumerate(roster.agents):
        groups.setdefault(agent.skills[0][0], []).append(i)
    workdays: list[frozenset[int]] = [frozenset()] * len(roster.agents)
    for members in groups.values():
        for i, days in zip(members, _workdays(len(members)), strict=True):
            workdays[i] = days
    starts = [0] * len(roster.agents)
    for queue_id, members in groups.items():
        shifts = [
            (_length(paid[i]), paid[i] >= LUNCH_FROM_PAID_MINUTES, workdays[i]) for i in members
        ]
        for i, start in zip(members, _starts(PROFILES[channel_of[queue_id]], shifts), strict=True):
            starts[i] = start
    return [AgentPattern(workdays[i], starts[i], paid[i]) for i in range(len(roster.agents))]


def _length(paid: int) -> int:
    return paid + (LUNCH_MINUTES if paid >= LUNCH_FROM_PAID_MINUTES else 0)
