"""Erlang A (callers hang up after an exponential patience) against independent checks.

- ``chain``: the M/M/N+M birth–death chain itself — states 0..K, birth rate λ, death rate
  min(n, N)·μ + max(n − N, 0)·θ — solved as a linear system, and each arriving caller
  followed through a small absorbing chain (j callers ahead: advance at Nμ + iθ, hang up at
  θ) whose matrix exponential (by uniformisation) gives the chance of being answered
  within t. Nothing is shared with the module's incomplete-gamma series.
- ``simulate``: a first-come-first-served queue driven by random arrivals, handle times
  and patiences, for the abandon rate and service level within sampling error.
"""

from __future__ import annotations

import heapq
import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.domain.erlang import (
    StaffingTarget,
    erlang_c_figures,
    required_agents,
    required_agents_array,
)
from supervisor_app.domain.erlang_a import erlang_a_figures


def chain(
    erlangs: float, n: int, aht: float, patience: float, t: float, extra: int = 150
) -> dict[str, float]:
    lam, mu, theta = erlangs / aht, 1 / aht, 1 / patience
    k = n + extra
    q = np.zeros((k + 1, k + 1))
    for i in range(k + 1):
        if i < k:
            q[i, i + 1] = lam
        if i > 0:
            q[i, i - 1] = min(i, n) * mu + max(i - n, 0) * theta
        q[i, i] = -q[i].sum()
    system = q.T.copy()
    system[-1] = 1.0
    pi = np.linalg.solve(system, np.eye(k + 1)[-1])
    assert pi[-1] < 1e-15  # truncation leaves nothing out
    answered_in_t = pi[:n].sum()
    served = served_wait = 0.0
    for j in range(k - n + 1):  # the caller finds j others queued, all N agents busy
        size = j + 1  # transient state i = callers ahead of them, i = 0..j
        tt = np.zeros((size, size))
        for i in range(size):
            tt[i, i] = -(n * mu + (i + 1) * theta)
            if i > 0:
                tt[i, i - 1] = n * mu + i * theta
        to_agent = np.zeros(size)
        to_agent[0] = n * mu
        start = np.zeros(size)
        start[j] = 1.0
        inv_r = np.linalg.solve(-tt, to_agent)
        served += pi[n + j] * (start @ inv_r)
        served_wait += pi[n + j] * (start @ np.linalg.solve(-tt, inv_r))
        rate = n * mu + (j + 1) * theta  # uniformisation: exp(T·t) = Σ Poisson(m; rate·t)·P^m
        step, power, weight = np.eye(size) + tt / rate, start.copy(), math.exp(-rate * t)
        still_waiting = np.zeros(size)
        for m in range(int(rate * t + 12 * math.sqrt(rate * t) + 30)):
            still_waiting += weight * power
            power, weight = power @ step, weight * rate * t / (m + 1)
        answered_in_t += pi[n + j] * (start @ inv_r - still_waiting @ inv_r)
    abandon = 1 - pi[:n].sum() - served
    queue = sum(pi[i] * (i - n) for i in range(n, k + 1))
    assert abandon == pytest.approx(theta * queue / lam, rel=1e-9)  # Little's law, too
    return {
        "probability_wait": float(pi[n:].sum()),
        "service_level": float(answered_in_t),
        "abandon_rate": float(abandon),
        "occupancy": float(sum(pi[i] * min(i, n) for i in range(k + 1)) / n),
        "asa_seconds": float(served_wait / (1 - abandon)),
    }


def simulate(
    erlangs: float, n: int, aht: float, patience: float, t: float, callers: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per caller (after a warm-up): answered within t? abandoned? — in arrival order."""
    rng = random.Random(seed)
    free = [0.0] * n  # when each agent is next free
    clock = 0.0
    in_time, gave_up = np.zeros(callers, bool), np.zeros(callers, bool)
    for c in range(callers):
        clock += rng.expovariate(erlangs / aht)
        wait = max(0.0, free[0] - clock)  # first come, first served: the earliest agent
        if wait <= rng.expovariate(1 / patience):
            heapq.heapreplace(free, clock + wait + rng.expovariate(1 / aht))
            in_time[c] = wait <= t
        else:
            gave_up[c] = True
    return in_time[callers // 20 :], gave_up[callers // 20 :]


def figures(erlangs: float, n: int, aht: float, patience: float, t: float) -> dict[str, float]:
    f = erlang_a_figures(erlangs * 3600 / aht, aht, 60, n, t, patience)
    return {key: float(value) for key, value in f.items()}


@pytest.mark.parametrize(
    ("erlangs", "n", "aht", "patience", "t"),
    [
        (10.0, 12, 180.0, 120.0, 20.0),  # the worked example's load, 12 agents
        (4.0, 3, 180.0, 60.0, 20.0),  # fewer agents than Erlangs: stable thanks to abandons
        (2.0, 5, 300.0, 600.0, 0.0),  # answered at once
        (0.3, 1, 240.0, 30.0, 45.0),  # one agent, impatient callers
        (20.0, 22, 120.0, 400.0, 30.0),
    ],
)
def test_matches_the_birth_death_chain(
    erlangs: float, n: int, aht: float, patience: float, t: float
) -> None:
    got, want = figures(erlangs, n, aht, patience, t), chain(erlangs, n, aht, patience, t)
    for key, value in want.items():
        assert got[key] == pytest.approx(value, rel=1e-8, abs=1e-12), key


def test_abandon_rate_and_service_level_by_simulation() -> None:
    erlangs, n, aht, patience, t = 8.0, 8, 180.0, 120.0, 20.0
    in_time, gave_up = simulate(erlangs, n, aht, patience, t, callers=120_000, seed=11)
    want = figures(erlangs, n, aht, patience, t)
    for sample, key in ((gave_up, "abandon_rate"), (in_time, "service_level")):
        batches = np.array([b.mean() for b in np.array_split(sample, 30)])
        error = batches.std(ddof=1) / math.sqrt(batches.size)  # batch means: correlated callers
        assert abs(sample.mean() - want[key]) < 4 * error, (key, sample.mean(), want[key], error)
    assert 0.05 < want["abandon_rate"] < 0.2  # a case where abandons matter


def test_endless_patience_is_erlang_c() -> None:
    a = figures(10.0, 13, 180.0, 1e9, 20.0)
    c = erlang_c_figures(100, 180, 30, 13, 20)
    for key in ("service_level", "probability_wait", "asa_seconds", "occupancy"):
        assert a[key] == pytest.approx(float(c[key]), rel=1e-5), key
    assert a["abandon_rate"] < 1e-6


def test_patience_lets_fewer_agents_meet_the_target() -> None:
    target = StaffingTarget(0.8, 20)
    erlang_c = required_agents(100, 180, 30, target)
    erlang_a = required_agents(100, 180, 30, target, patience_seconds=120)
    assert (erlang_c.agents, erlang_a.agents) == (14, 12)
    assert erlang_a.abandon_rate is not None and 0 < erlang_a.abandon_rate < 0.1
    assert erlang_a.service_level >= 0.8
    assert figures(10.0, 11, 180.0, 120.0, 20.0)["service_level"] < 0.8
    big = required_agents(1000, 180, 30, target, patience_seconds=120)  # 100 Erlangs
    assert big.agents < big.traffic_erlangs  # abandons keep the queue stable


@pytest.mark.parametrize(
    ("erlangs", "aht", "patience", "sl", "t", "occ"),
    [(10.0, 180.0, 120.0, 0.8, 20.0, 1.0), (3.0, 300.0, 40.0, 0.9, 10.0, 1.0),
     (25.0, 240.0, 90.0, 0.7, 30.0, 0.85), (0.5, 600.0, 300.0, 0.95, 0.0, 1.0)],
)  # fmt: skip
def test_requirement_is_the_least_by_the_chain(
    erlangs: float, aht: float, patience: float, sl: float, t: float, occ: float
) -> None:
    volume = erlangs * 3600 / aht
    n = required_agents(volume, aht, 60, StaffingTarget(sl, t, occ), patience).agents

    def meets(k: int) -> bool:
        f = chain(erlangs, k, aht, patience, t)
        return f["service_level"] >= sl and f["occupancy"] <= occ

    assert meets(n)
    assert n == 1 or not meets(n - 1)


def test_vectorised_equals_scalar() -> None:
    rng = np.random.default_rng(8)
    size = 120
    volume = np.where(rng.random(size) < 0.1, 0.0, rng.gamma(2.0, 50.0, size).round())
    aht, patience = rng.uniform(60, 600, size), rng.uniform(20, 600, size)
    sl, t = rng.uniform(0.5, 0.95, size), rng.choice([0, 10, 20, 60], size)
    occ, shrink = rng.uniform(0.75, 1.0, size), rng.uniform(0.0, 0.4, size)
    arrays = required_agents_array(volume, aht, 30, sl, t, occ, shrink, patience)
    for k in range(size):
        target = StaffingTarget(sl[k], t[k], occ[k], shrink[k])
        one = required_agents(volume[k], aht[k], 30, target, patience[k])
        assert (arrays["agents"][k], arrays["scheduled_agents"][k]) == (
            one.agents,
            one.scheduled_agents,
        )
        for key in ("service_level", "probability_wait", "asa_seconds", "abandon_rate"):
            assert arrays[key][k] == pytest.approx(getattr(one, key), rel=1e-12, abs=1e-300)


def test_more_agents_do_better_on_every_figure() -> None:
    agents = np.arange(1, 40)
    f = erlang_a_figures(100, 180, 30, agents, 20, 120)
    assert np.all(np.diff(f["service_level"]) > 0)
    assert np.all(np.diff(f["asa_seconds"]) < 0)
    assert np.all(np.diff(f["abandon_rate"]) < 0)
    assert np.all(np.diff(f["probability_wait"]) < 0)
    assert np.all(np.diff(f["occupancy"]) < 0)


def test_nobody_answers_without_agents_and_nobody_is_needed_without_calls() -> None:
    f = {k: float(v) for k, v in erlang_a_figures(100, 180, 30, 0, 20, 120).items()}
    assert (f["service_level"], f["abandon_rate"], f["occupancy"]) == (0.0, 1.0, 0.0)
    r = required_agents(0, 180, 30, StaffingTarget(0.8, 20), patience_seconds=60)
    assert (r.agents, r.abandon_rate, r.service_level) == (0, 0.0, 1.0)


@pytest.mark.parametrize("erlangs", [0.01, 1.0, 100.0, 10_000.0, 50_000.0])
def test_stable_over_the_whole_range(erlangs: float) -> None:
    r = required_agents(erlangs * 10, 180, 30, StaffingTarget(0.8, 20), patience_seconds=120)
    values = (r.service_level, r.probability_wait, r.asa_seconds, r.occupancy, r.abandon_rate)
    assert all(v is not None and math.isfinite(v) for v in values)
    assert 0.8 <= r.service_level <= 1 and 0 <= r.probability_wait <= 1 and r.agents >= 1
    assert r.abandon_rate is not None and 0 <= r.abandon_rate < 1


@settings(max_examples=80, deadline=None)
@given(
    erlangs=st.floats(0.01, 200.0),
    n=st.integers(1, 250),
    aht=st.floats(30.0, 900.0),
    patience=st.floats(5.0, 3600.0),
    t=st.floats(0.0, 300.0),
)
def test_figures_are_probabilities(
    erlangs: float, n: int, aht: float, patience: float, t: float
) -> None:
    f = figures(erlangs, n, aht, patience, t)
    for key in ("service_level", "probability_wait", "abandon_rate", "occupancy"):
        assert 0.0 <= f[key] <= 1.0, key
    assert f["service_level"] <= 1 - f["abandon_rate"] + 1e-12  # abandons are never in time
    assert 0.0 <= f["asa_seconds"] < math.inf
    assert f["occupancy"] == pytest.approx(erlangs * (1 - f["abandon_rate"]) / n, rel=1e-9)
