"""The plan replay agrees with Erlang C and Erlang A where their assumptions hold.

One queue, agents on the phones all day without breaks, a steady forecast:
exactly the M/M/n (Erlang C) and M/M/n+M (Erlang A) systems, apart from the
handle-time distribution: the formulas assume exponential handle times, so the
replay draws lognormal ones with the same coefficient of variation (1, σ = √ln 2).
The tolerance (2 points) covers the sampling error of ~100,000 contacts and the
difference of the two distributions' shapes.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from supervisor_app.domain.erlang import erlang_c_figures
from supervisor_app.domain.erlang_a import erlang_a_figures
from supervisor_app.domain.kpi import ContactSums, service_level
from supervisor_app.domain.simulation import ReplayAgent, ReplayQueue, replay

STEP = 900.0  # quarter-hours
INTERVALS = 96 * 7  # a week around the clock
VOLUME, AHT, THRESHOLD, AGENTS = 37.5, 240.0, 20.0, 13  # 10 Erlangs on 13 agents


def _simulated(patience: float | None) -> float:
    starts = np.arange(INTERVALS, dtype=np.float64) * STEP
    queue = ReplayQueue(
        email=False,
        volume=np.full(INTERVALS, VOLUME),
        aht_seconds=np.full(INTERVALS, AHT),
        threshold_seconds=np.full(INTERVALS, THRESHOLD),
        short_abandon_seconds=np.zeros(INTERVALS),
        patience_seconds=patience,
        handle_sigma=math.sqrt(math.log(2.0)),
    )
    whole = (0.0, INTERVALS * STEP + 24 * 3600.0, ())
    agents = [ReplayAgent(queues=(0,), shifts=(whole,)) for _ in range(AGENTS)]
    cells = replay(starts, STEP, [queue], agents, runs=4, seed=11)[0]
    total = sum(cells[8:], ContactSums())  # the first two hours warm the queue up
    level = service_level(total)
    assert level is not None
    return level


def test_without_abandonment_the_replay_matches_erlang_c() -> None:
    expected = float(erlang_c_figures(VOLUME, AHT, 15, AGENTS, THRESHOLD)["service_level"])
    assert _simulated(None) == pytest.approx(expected, abs=0.02)


def test_with_patience_the_replay_matches_erlang_a() -> None:
    expected = float(erlang_a_figures(VOLUME, AHT, 15, AGENTS, THRESHOLD, 150.0)["service_level"])
    assert _simulated(150.0) == pytest.approx(expected, abs=0.02)
