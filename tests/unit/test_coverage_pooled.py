"""The pooled expected service level against hand calculation and the event loop.

Expected figures come from Erlang C written out here from its published form
(Erlang B by the recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)); C = N·B /
(N − A·(1 − B)); SL = 1 − C·e^(−(N − A)·t / AHT)), from the block split worked by
hand in each test, from a fluid queue worked on paper, and from the project's
discrete-event loop — never from the module under test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest

from supervisor_app.domain.coverage_pooled import pooled_service_level
from supervisor_app.domain.kpi import ContactSums, service_level
from supervisor_app.domain.plan_accuracy import handle_cv2_from_history
from supervisor_app.domain.simulation import ReplayAgent, ReplayQueue, replay

MINUTES = 15
SECONDS = MINUTES * 60.0


@dataclass(frozen=True)
class Demand:
    volume: tuple[float, ...]
    aht_seconds: tuple[float, ...]
    answer_seconds: float
    patience_seconds: float | None = None
    deferred: bool = False
    handle_cv2: float = 1.0


def erlang_c_sl(agents: int, traffic: float, aht: float, t: float) -> float:
    """Service level of M/M/N from the textbook formula (independent of ``domain.erlang``)."""
    if agents <= traffic:
        return 0.0
    b = 1.0
    for n in range(1, agents + 1):
        b = traffic * b / (n + traffic * b)
    c = agents * b / (agents - traffic * (1.0 - b))
    return 1.0 - c * math.exp(-(agents - traffic) * t / aht)


def _demand(traffic: float, aht: float, t: float, size: int = 1, **kw: object) -> Demand:
    volume = traffic * SECONDS / aht
    return Demand((volume,) * size, (aht,) * size, t, **kw)  # type: ignore[arg-type]


def _levels(demands: list[Demand], agents: dict[tuple[int, ...], float]) -> list[float]:
    size = len(demands[0].volume)
    presence = {k: np.full(size, n) for k, n in agents.items()}
    return [float(x) for x in pooled_service_level(demands, MINUTES, presence)[:, 0]]


def test_agents_with_one_skill_give_plain_erlang_c_per_queue() -> None:
    demands = [_demand(4.0, 240.0, 20.0), _demand(2.0, 300.0, 60.0)]
    got = _levels(demands, {(0,): 6, (1,): 3})
    assert got[0] == pytest.approx(erlang_c_sl(6, 4.0, 240.0, 20.0), abs=1e-9)
    assert got[1] == pytest.approx(erlang_c_sl(3, 2.0, 300.0, 60.0), abs=1e-9)


def test_agents_with_every_skill_are_one_erlang_system_for_the_combined_traffic() -> None:
    # 3 + 2 Erlangs, same handle time, 7 agents who take both: one M/M/7 with 5 Erlangs,
    # read at each queue's own answer time.
    demands = [_demand(3.0, 240.0, 20.0), _demand(2.0, 240.0, 60.0)]
    got = _levels(demands, {(0, 1): 7})
    assert got[0] == pytest.approx(erlang_c_sl(7, 5.0, 240.0, 20.0), abs=1e-9)
    assert got[1] == pytest.approx(erlang_c_sl(7, 5.0, 240.0, 60.0), abs=1e-9)
    assert got[1] > got[0]


def test_the_most_loaded_queue_takes_the_shared_agents_and_the_other_keeps_its_own() -> None:
    # q0: 2.7 Erlangs, 3 agents of its own; q1: 1 Erlang, 3 of its own; 2 agents take both.
    # Loads per agent able to serve: {q0} 2.7/5 = 0.54, {q1} 1/5 = 0.2, both 3.7/8 = 0.46.
    # {q0} is the bottleneck: a block of 5 agents at 2.7 Erlangs; q1 is left its own 3.
    demands = [_demand(2.7, 300.0, 20.0), _demand(1.0, 300.0, 20.0)]
    got = _levels(demands, {(0,): 3, (1,): 3, (0, 1): 2})
    assert got[0] == pytest.approx(erlang_c_sl(5, 2.7, 300.0, 20.0), abs=1e-9)
    assert got[1] == pytest.approx(erlang_c_sl(3, 1.0, 300.0, 20.0), abs=1e-9)


def test_a_balanced_block_gives_each_queue_its_own_agents_at_the_blocks_occupancy() -> None:
    # q0: 3 Erlangs, 2 agents of its own; 4 agents take both; q1: 1 Erlang.
    # {q0} 3/6 = 0.5, {q1} 1/4 = 0.25, both 4/6 = 0.667: one block at ρ = 2/3.
    # q0: its 6 agents carrying 4 Erlangs; q1: its 4 agents carrying 8/3.
    demands = [_demand(3.0, 240.0, 20.0), _demand(1.0, 240.0, 20.0)]
    got = _levels(demands, {(0,): 2, (0, 1): 4})
    assert got[0] == pytest.approx(erlang_c_sl(6, 4.0, 240.0, 20.0), abs=1e-9)
    assert got[1] == pytest.approx(erlang_c_sl(4, 8.0 / 3.0, 240.0, 20.0), abs=1e-9)


def test_handle_times_that_vary_less_read_erlang_at_a_shorter_wait() -> None:
    # CV² = 0.5: waits shrink by (1 + 0.5) / 2 = 0.75, so the 20 s target reads at 26.7 s.
    got = _levels([_demand(4.0, 240.0, 20.0, handle_cv2=0.5)], {(0,): 6})
    assert got[0] == pytest.approx(erlang_c_sl(6, 4.0, 240.0, 20.0 / 0.75), abs=1e-9)


def test_handle_cv2_from_history_is_the_sample_variance_over_the_mean_squared() -> None:
    # Handle times 100, 200, 300 s: mean 200, sample variance (100² + 0 + 100²) / 2 = 10,000.
    times = [100.0, 200.0, 300.0]
    got = handle_cv2_from_history(3, sum(times), sum(x * x for x in times))
    assert got == pytest.approx(10_000 / 200**2)
    assert handle_cv2_from_history(1, 100.0, 10_000.0) is None


def _email(volumes: list[float]) -> Demand:
    return Demand(tuple(volumes), (360.0,) * len(volumes), 1800.0, deferred=True)


def test_emails_are_answered_from_a_backlog_first_in_first_out() -> None:
    # Hour-long intervals, one agent answering 10 emails an hour (360 s each). 20 emails
    # arrive evenly in the first hour: the x-th arrives at x/20 h and is answered at x/10 h,
    # a wait of x/20 h, within the 30 minutes for the first 10: half of them.
    levels = pooled_service_level([_email([20.0, 0.0, 0.0])], 60, {(0,): np.ones(3)})
    assert levels[0, 0] == pytest.approx(0.5)
    assert np.isnan(levels[0, 1])
    # 10 emails an hour are answered as they come.
    levels = pooled_service_level([_email([10.0, 10.0, 0.0])], 60, {(0,): np.ones(3)})
    assert levels[0, :2] == pytest.approx([1.0, 1.0])


def test_emails_get_what_calls_leave_of_a_shared_agent() -> None:
    # One agent takes calls (0.5 Erlang: busy half the hour) and emails: 5 emails an hour.
    # 10 emails in the first hour: the x-th arrives at x/10 h, answered at x/5 h, within
    # 30 minutes for x ≤ 5: half.
    calls = Demand((0.5 * 3600 / 300,) * 3, (300.0,) * 3, 20.0)
    levels = pooled_service_level([calls, _email([10.0, 0.0, 0.0])], 60, {(0, 1): np.ones(3)})
    assert levels[1, 0] == pytest.approx(0.5)


STEP, INTERVALS = 900.0, 96 * 2
SIGMA = 0.55  # lognormal handle times as the demo's voice: CV² = e^(σ²) − 1


def _event_loop(volumes: tuple[float, float], aht: float, agents: dict[tuple[int, ...], int]):
    starts = np.arange(INTERVALS, dtype=np.float64) * STEP
    queues = [
        ReplayQueue(
            email=False,
            volume=np.full(INTERVALS, v),
            aht_seconds=np.full(INTERVALS, aht),
            threshold_seconds=np.full(INTERVALS, 20.0),
            short_abandon_seconds=np.zeros(INTERVALS),
            patience_seconds=None,
            handle_sigma=SIGMA,
        )
        for v in volumes
    ]
    whole = (0.0, INTERVALS * STEP + 24 * 3600.0, ())
    people = [ReplayAgent(queues=k, shifts=(whole,)) for k, n in agents.items() for _ in range(n)]
    cells = replay(starts, STEP, queues, people, runs=8, seed=11)
    return [service_level(sum(c[8:], ContactSums())) for c in cells]  # after 2 h warm-up


def test_a_queue_served_mostly_by_shared_agents_agrees_with_the_event_loop() -> None:
    # 5.33 and 2.67 Erlangs; 5 agents for the first only, 2 for the second only, 4 for both.
    # A split of the 4 shared agents by load (2/3, 1/3) would leave the second queue
    # 2 + 1.33 agents for 2.67 Erlangs, about a third answered in time; the floor's routing
    # does far better, and so must the model.
    volumes, aht = (20.0, 10.0), 240.0
    agents = {(0,): 5, (1,): 2, (0, 1): 4}
    floor = _event_loop(volumes, aht, agents)
    cv2 = math.exp(SIGMA**2) - 1.0
    demands = [Demand((v,) * INTERVALS, (aht,) * INTERVALS, 20.0, handle_cv2=cv2) for v in volumes]
    presence = {k: np.full(INTERVALS, float(n)) for k, n in agents.items()}
    model = np.nanmean(pooled_service_level(demands, MINUTES, presence), axis=1)
    low, high = erlang_c_sl(3, 8.0 / 3.0, aht, 20.0), erlang_c_sl(4, 8.0 / 3.0, aht, 20.0)
    split = low + (high - low) / 3.0  # 3⅓ agents, interpolated as coverage does
    for got, seen in zip(model, floor, strict=True):
        assert seen is not None
        assert got == pytest.approx(seen, abs=0.08)
    assert abs(model[1] - floor[1]) < abs(split - floor[1])  # type: ignore[operator]
