"""A day's published shifts: usual start ± a quarter-hour, two breaks and a lunch.

Breaks and lunch sit at fixed fractions of the shift, nudged by a quarter-hour
either way so a team doesn't all leave the phones at once. Times are laid out
on the local wall clock and only then turned into UTC instants.
"""

from __future__ import annotations

import numpy as np

from supervisor_app.domain.enums import TimeOffStatus
from supervisor_app.ingest.simulator.days import LocalDay
from supervisor_app.ingest.simulator.planning import AgentPattern
from supervisor_app.ingest.simulator.profiles import PROFILES
from supervisor_app.services.writers.simulation import ActivitySpec, RosterSpec, ShiftSpec

NUDGES = np.array([-15, 0, 0, 15])
TIME_OFF_REASONS = ("Annual leave", "Sick", "Medical appointment", "Family emergency")
# Per agent and working day: approved absence (no shift), and requests still open or refused.
TIME_OFF_RATE = 0.02
REQUEST_RATE = 0.01
REFUSAL_RATE = 0.005


def day_shifts(
    roster: RosterSpec,
    patterns: list[AgentPattern],
    day: LocalDay,
    rng: np.random.Generator,
    absent: frozenset[int] = frozenset(),
) -> list[ShiftSpec]:
    """Shifts for everyone who works this weekday and isn't ``absent`` (agent ids)."""
    n = len(roster.agents)
    # Drawn for everyone whether or not they work, so one absence doesn't reshuffle the rest.
    nudges = NUDGES[rng.integers(len(NUDGES), size=(n, 4))].tolist()
    channel_of = {q.id: q.channel for q in roster.queues}
    shifts = []
    for agent, pattern, (n_start, n_b1, n_lunch, n_b2) in zip(
        roster.agents, patterns, nudges, strict=True
    ):
        if day.weekday not in pattern.workdays or agent.id in absent:
            continue
        profile = PROFILES[channel_of[agent.skills[0][0]]]
        length = pattern.length_minutes
        latest = max(profile.open_hour * 60, profile.close_hour * 60 - length)
        start = min(max(pattern.start_minute + n_start, profile.open_hour * 60), latest)
        plan = [
            (kind, at + nudge, minutes)
            for (kind, at, minutes), nudge in zip(
                pattern.activities(start),
                (n_b1, n_lunch, n_b2) if pattern.has_lunch else (n_b1,),
                strict=True,
            )
        ]
        activities = tuple(
            ActivitySpec(kind, day.epoch(at), day.epoch(at + dur)) for kind, at, dur in plan
        )
        shifts.append(
            ShiftSpec(
                agent.id,
                day.epoch(start),
                day.epoch(start + length),
                activities,
            )
        )
    return shifts


def day_time_off(
    roster: RosterSpec,
    patterns: list[AgentPattern],
    day: LocalDay,
    rng: np.random.Generator,
    *,
    future: bool,
) -> list[tuple[int, TimeOffStatus, str]]:
    """(agent id, status, reason) of whole-day time off on ``day``; approved means no shift.

    Open and refused requests only appear on ``future`` days: the past has been decided.
    """
    draws = rng.random(len(roster.agents)).tolist()
    reasons = rng.integers(len(TIME_OFF_REASONS), size=len(roster.agents)).tolist()
    rows = []
    for agent, pattern, u, r in zip(roster.agents, patterns, draws, reasons, strict=True):
        if day.weekday not in pattern.workdays:
            continue
        if u < TIME_OFF_RATE:
            status = TimeOffStatus.APPROVED
        elif u < TIME_OFF_RATE + REQUEST_RATE:
            status = TimeOffStatus.REQUESTED
        elif u < TIME_OFF_RATE + REQUEST_RATE + REFUSAL_RATE:
            status = TimeOffStatus.REFUSED
        else:
            continue
        if status is not TimeOffStatus.APPROVED and not future:
            continue
        rows.append((agent.id, status, TIME_OFF_REASONS[r]))
    return rows
