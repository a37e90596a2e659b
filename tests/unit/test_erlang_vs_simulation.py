"""Erlang C and Erlang A against the project's own discrete-event simulator.

One interval's traffic (the same arrival rate, handle time and agents) is run
through ``domain.simulation.engine.Engine`` for a long stretch, so the queue
reaches the steady state Erlang's formulas describe; the first contacts (warm-up
from an empty floor) are dropped. Sampling error comes from batch means
(neighbouring callers share a queue, so they are not independent), and the
formula must fall within four standard errors. Expected values come from an
Erlang B recursion written here too, not only from the module under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from supervisor_app.domain.erlang import erlang_c_figures
from supervisor_app.domain.erlang_a import erlang_a_figures
from supervisor_app.domain.simulation.contacts import Arrivals
from supervisor_app.domain.simulation.engine import Engine

H = 3600.0


def arrivals(rate: float, aht: float, patience: float, hours: float, seed: int) -> Arrivals:
    """Poisson arrivals at ``rate`` per second, exponential handle and patience, no wrap-up."""
    rng = np.random.default_rng(seed)
    gaps = rng.exponential(1 / rate, int(rate * hours * H * 1.1) + 100)
    t = np.cumsum(gaps)
    t = t[t < hours * H]
    n = t.size
    zeros, no = np.zeros(n), np.zeros(n, dtype=bool)
    return Arrivals(
        t=t,
        queue=np.zeros(n, dtype=np.int64),
        handle=rng.exponential(aht, n),
        wrap=zeros,
        abandon_after=rng.exponential(patience, n)
        if math.isfinite(patience)
        else np.full(n, np.inf),
        timed_out=no,
        transfer=no,
        escalate=no,
        survey=no,
        customer=np.arange(n),
        z_csat=zeros,
        z_nps=zeros,
        comment=np.full(n, -1.0),
        reason=np.zeros(n, dtype=np.int64),
        severity=np.zeros(n, dtype=np.int64),
        take_delay=zeros,
        resolve_delay=zeros,
    )


def simulate(
    erlangs: float, agents: int, aht: float, patience: float, answer: float, hours: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per caller after warm-up: answered within ``answer`` s (0/1) and abandoned (0/1)."""
    batch = arrivals(erlangs / aht, aht, patience, hours, seed)
    engine = Engine([False], [[(0, 1.0)] for _ in range(agents)], start=0.0)
    engine.add_shifts([(a, 0.0, hours * H + 10 * H, []) for a in range(agents)])
    engine.add_arrivals(batch)
    engine.run_until(hours * H + 10 * H)
    arrived = np.array(engine.arrived)
    answered = np.array(engine.answered)
    keep = slice(len(arrived) // 50, None)
    wait = answered[keep] - arrived[keep]
    in_time = np.nan_to_num(wait, nan=np.inf) <= answer
    gave_up = np.isnan(answered[keep])
    return in_time.astype(float), gave_up.astype(float)


def within_error(sample: np.ndarray, expected: float) -> tuple[bool, float, float]:
    batches = np.array([b.mean() for b in np.array_split(sample, 30)])
    error = batches.std(ddof=1) / math.sqrt(batches.size)
    return abs(sample.mean() - expected) < 4 * error + 1e-3, float(sample.mean()), float(error)


def erlang_c_by_recursion(n: int, a: float, aht: float, t: float) -> float:
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    c = n * b / (n - a * (1 - b))
    return 1 - c * math.exp(-(n - a) * t / aht)


@pytest.mark.parametrize(("erlangs", "agents"), [(10.0, 12), (10.0, 14)])
def test_erlang_c_service_level_by_simulation(erlangs: float, agents: int) -> None:
    # 100 calls per half hour of 180 s: callcentrehelper.com's example, 10 Erlangs.
    expected = erlang_c_by_recursion(agents, erlangs, 180.0, 20.0)
    module = float(erlang_c_figures(100, 180, 30, agents, 20)["service_level"])
    assert module == pytest.approx(expected, rel=1e-9)
    in_time, gave_up = simulate(erlangs, agents, 180.0, math.inf, 20.0, hours=400, seed=3)
    ok, got, err = within_error(in_time, expected)
    assert ok, (got, expected, err)
    assert gave_up.sum() == 0


def test_erlang_a_by_simulation() -> None:
    # 10 Erlangs, 10 agents (Erlang C would be unstable), patience 120 s.
    want = erlang_a_figures(100, 180, 30, 10, 20, 120)
    in_time, gave_up = simulate(10.0, 10, 180.0, 120.0, 20.0, hours=300, seed=5)
    for sample, key in ((in_time, "service_level"), (gave_up, "abandon_rate")):
        ok, got, err = within_error(sample, float(want[key]))
        assert ok, (key, got, float(want[key]), err)
    assert 0.05 < float(want["abandon_rate"]) < 0.3
