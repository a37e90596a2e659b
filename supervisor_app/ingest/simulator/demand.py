"""How many contacts each queue gets: sized to the staff the roster puts there.

Demand is scaled to the people, not the other way round, so any roster size
gives a centre that is busy but mostly meets its targets. For voice and chat
the square-root staffing rule says how much traffic N agents carry at target
service (A ≈ N − β√A; small teams run at lower occupancy than big ones).
Each (queue, weekday) then gets the daily volume whose profile best fits that
capacity over the day; where the profile and the shifts disagree, intervals
go over or under target, as they do in any real centre. Email is deferrable
and is sized by occupancy alone.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.erlang import erlang_c_figures
from supervisor_app.ingest.simulator.planning import AgentPattern, presence
from supervisor_app.ingest.simulator.profiles import PROFILES
from supervisor_app.services.writers.simulation import RosterSpec

PRIMARY_SHARE = 0.7  # of a multi-skilled agent's time, for sizing demand
EMAIL_OCCUPANCY = 0.85
SHORT_SHARE = 0.3  # of a day's voice and chat volume that may arrive when staff are short
QUARTER_S = 900.0
# How far a queue's intraday profile bends from its channel's curve towards its staffing.
STAFF_BLEND = 0.5
# Erlang C ignores that multi-skilled agents pool across queues; this is what they add.
LOAD = 1.25
EXACT_UP_TO = 40  # agents; Erlang C below, the square-root rule above


@dataclass(frozen=True, slots=True)
class Demand:
    """Expected contacts per queue (roster order), local weekday (Monday = 0) and local hour."""

    hourly: np.ndarray  # shape (queues, 7, 24)

    def rate_per_hour(self, queue_index: int, weekday: int, hour: int) -> float:
        return float(self.hourly[queue_index, weekday, hour])

    def day_volume(self, queue_index: int, weekday: int) -> float:
        return float(self.hourly[queue_index, weekday].sum())


def staffing(roster: RosterSpec, patterns: list[AgentPattern]) -> np.ndarray:
    """Expected productive agents per queue, weekday and local quarter-hour, shape (Q, 7, 96).

    A multi-skilled agent counts ``PRIMARY_SHARE`` for the primary queue and
    splits the rest; planned breaks and lunch don't count.
    """
    index = {q.id: k for k, q in enumerate(roster.queues)}
    staff = np.zeros((len(roster.queues), 7, 96))
    for agent, pattern in zip(roster.agents, patterns, strict=True):
        present = presence(pattern.start_minute, pattern.length_minutes, pattern.has_lunch)
        primary, *others = agent.skills
        shares = [(primary[0], PRIMARY_SHARE if others else 1.0)]
        shares += [(q, (1 - PRIMARY_SHARE) / len(others)) for q, _ in others]
        days = sorted(pattern.workdays)
        for queue_id, share in shares:
            staff[index[queue_id], days, :] += share * present
    return staff


@functools.cache
def _erlang_table(threshold_s: float, aht_s: float, target: float) -> np.ndarray:
    """Most traffic 0, 1, … ``EXACT_UP_TO`` agents carry at ``target`` service (Erlang C)."""
    agents = np.arange(EXACT_UP_TO + 1, dtype=np.float64)
    low, high = np.zeros_like(agents), agents.copy()
    for _ in range(40):  # bisection on the load, all agent counts at once
        mid = (low + high) / 2
        volume = mid * QUARTER_S / aht_s
        figures = erlang_c_figures(volume, aht_s, 15, agents, threshold_s)
        ok = figures["service_level"] >= target
        low, high = np.where(ok, mid, low), np.where(ok, high, mid)
    return low


def carried_erlangs(
    agents: np.ndarray, threshold_s: float, aht_s: float, target: float
) -> np.ndarray:
    """Traffic ``agents`` (fractional) carry at ``target`` service level.

    Erlang C up to ``EXACT_UP_TO`` agents, interpolated between whole agents;
    beyond, the square-root rule A = N − β√A with β matched at the join.
    """
    table = _erlang_table(threshold_s, aht_s, target)
    top = table[-1]
    beta = (EXACT_UP_TO - top) / math.sqrt(top)
    small = np.interp(np.minimum(agents, EXACT_UP_TO), np.arange(EXACT_UP_TO + 1), table)
    large = ((np.sqrt(beta * beta + 4 * agents) - beta) / 2) ** 2
    return np.where(agents <= EXACT_UP_TO, small, large)


def _fit(capacity: np.ndarray, shape: np.ndarray) -> float:
    """The daily volume that leaves ``SHORT_SHARE`` of it arriving in hours over capacity."""
    open_ = shape > 0
    if not open_.any():
        return 0.0
    ratio = capacity[open_] / shape[open_]
    order = np.argsort(ratio, kind="stable")
    weight = np.cumsum(shape[open_][order]) / shape[open_].sum()
    return float(ratio[order][min(np.searchsorted(weight, SHORT_SHARE), len(ratio) - 1)])


def _normalised(values: np.ndarray) -> np.ndarray:
    total = values.sum()
    return values / total if total > 0 else values


def demand(roster: RosterSpec, patterns: list[AgentPattern]) -> Demand:
    """Hourly expected arrivals per queue and weekday, sized to the roster's staffing."""
    staff = staffing(roster, patterns).reshape(len(roster.queues), 7, 24, 4).mean(axis=3)
    hourly = np.zeros((len(roster.queues), 7, 24))
    for k, queue in enumerate(roster.queues):
        profile = PROFILES[queue.channel]
        per_agent_hour = 3600.0 / profile.aht_s
        shape = _normalised(np.asarray(profile.hourly_shape, dtype=np.float64))
        t = profile.thresholds
        target = (t.answer_threshold_seconds, profile.aht_s, t.service_level_target_pct / 100)
        for day in range(7):
            if queue.channel is Channel.EMAIL:
                hourly[k, day] = EMAIL_OCCUPANCY * staff[k, day].sum() * per_agent_hour * shape
                continue
            capacity = carried_erlangs(staff[k, day], *target) * per_agent_hour
            blend = _normalised(shape ** (1 - STAFF_BLEND) * _normalised(capacity) ** STAFF_BLEND)
            hourly[k, day] = LOAD * _fit(capacity, blend) * blend
    return Demand(hourly)
