"""The model's inputs and outputs: agents, patterns, requirement, weights (no OR-Tools).

Kept apart from ``model`` so the warm start, the neighbourhood search and the
week builder share them without the solver's module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from supervisor_app.domain.autoschedule.patterns import Pattern


@dataclass(frozen=True, slots=True)
class Weights:
    """Objective weights in cents: under- and over-staffed agent-minutes (over weighed the
    more, as with contracts filled an hour over is an hour missing elsewhere) cost more than
    a paid minute, which outweighs fairness."""

    under: int = 2000  # per missing agent-minute (× 1, 2, 3 by how far below)
    # per agent-minute above requirement. With contracts filled, hours are fixed, so every
    # over-staffed agent-minute is one missing elsewhere: this weighs it above any spread of
    # the under tiers (10 × the first), so the search never keeps an agent over to make
    # another gap shallower. Issue 17, demo week (60 agents, 24 s): at 200, ~90 over-staffed
    # agent-intervals; at 2,000 (the first tier), 0-4 left beside gaps (under 851-856, 1-4
    # above the bound pyworkforce reaches); at 6,000, 0 and 856-866; at 20,000, 0 and 844 in
    # each of three runs, its tiered gap lower too (859 against 876 tier-weighted intervals).
    over: int = 20000
    cost: int = 1  # per cent of labour cost
    fairness: int = 500  # per weekend or late shift of the agent with most of them
    # per paid minute an agent is short of contract − tolerance (the contract is paid whether
    # scheduled or not): with ``under`` and ``over`` as above, a shift that only fills a
    # contract is placed where at most about a tenth of it is over the requirement (its
    # covered minutes × (2,000 + 300) against its over minutes × (20,000 − 300)); 10,000
    # here filled contracts over the requirement (demo week: 864 under, 1 over, not 844, 0)
    contract: int = 300


UNDER_TIERS = (1, 2, 3)  # weight multipliers of the 1st, 2nd and further missing agents
# Coverage is counted in hundredths of an agent-minute, so a shared agent's fixed shares
# (hundredths) stay whole numbers; objective values are reported back in agent-minutes.
SCALE = 100
PRESOLVE_UP_TO = 20_000  # shift variables; see solve()

Cells = TypeVar("Cells", bound=np.ndarray)  # queue × interval coverage, int or float


def gap_cost(cover: Cells, need: Cells, top: float, weights: Weights) -> Cells:
    """The objective's staffing terms per cell (agent-minutes × weight): the
    under tiers (1, 2, 3 × ``weights.under`` for the first, second, further missing agent)
    and over-staffing, as the model counts them: the one formula ``improve.evaluate`` and
    ``polish`` share (whole numbers in, whole numbers out)."""
    short = np.maximum(need - cover, 0)
    first, second, further = UNDER_TIERS
    under = (
        first * np.minimum(short, top)
        + second * np.clip(short - top, 0, top)
        + further * np.maximum(short - 2 * top, 0)
    )
    return weights.under * under + weights.over * np.maximum(cover - need, 0)


@dataclass(frozen=True, slots=True)
class AgentSlot:
    """One agent as the model sees them: skill columns, what they may work, what is fixed."""

    agent_id: int
    skills: tuple[int, ...]  # queue rows, sorted
    patterns: tuple[int, ...]  # indices into the pattern list
    paid_cap: int  # paid minutes new shifts may add (contract + tolerance − kept)
    cost_cents_per_hour: int
    # Paid minutes new shifts should add at least (contract − tolerance − kept): each one
    # short costs ``Weights.contract``, a soft floor, as time off can make it unreachable.
    paid_floor: int = 0
    # Weekend and late shifts the agent already has outside the model (a neighbourhood's
    # fixed days, ``improve``), counted in fairness.
    weekend_fixed: int = 0
    late_fixed: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    interval: int
    required: tuple[tuple[int, ...], ...]  # agent-minutes per (queue, interval)
    fixed: dict[tuple[int, ...], tuple[int, ...]]  # kept shifts' agent-minutes per skill set
    patterns: tuple[Pattern, ...]
    agents: tuple[AgentSlot, ...]
    rest_minutes: int
    # Most weekend and late shifts of an agent outside the model (``improve``'s fixed agents).
    fairness_floor: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Progress:
    solutions: int
    objective: float
    bound: float
    seconds: float


@dataclass(frozen=True, slots=True)
class Solution:
    chosen: dict[int, tuple[int, ...]]  # agent id → pattern indices
    objective: float
    optimal: bool
    cancelled: bool
    seconds: float
    found: bool = True  # False: no schedule within the time limit
