"""Staffing: a planner's week solved at once, the 50,000-Erlang edge, and pyworkforce.

- ``staffing.week_50_queues_ms``: Erlang C requirements for 672 quarter-hours × 50 queues
  (80 % in 20 s, at most 85 % busy, 30 % shrinkage), the recomputation behind every
  edit of the week's plan; median of RUNS. Target: well under a second, aim tens of ms.
- ``staffing.week_50_queues_erlang_a_ms``: the same week with 120 s mean patience.
- ``staffing.max_erlangs_ok``: 1.0 if 50,000 Erlangs solves to finite figures.
- ``staffing.speedup_vs_pyworkforce``: pyworkforce's ``ErlangC.required_positions``
  time over ours for the same non-empty intervals, with agent counts compared interval
  by interval (differences go to stderr). Target: at least 50×. pyworkforce (which pulls
  in pandas and OR-Tools) is a benchmark-only dependency, imported here and nowhere else.
  Its agents to schedule differ where N / (1 − shrinkage) is a whole number that floating
  point puts a hair above (21 / 0.7 = 30.000000000000004): it schedules one more.

The week is synthetic but shaped like one: queue sizes spread over two orders of
magnitude, two daily peaks, quieter weekends, empty nights, Poisson noise; fixed seed.
"""

from __future__ import annotations

import gc
import math
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from figures import Figure

from supervisor_app.domain.erlang import StaffingTarget, required_agents, required_agents_array

RUNS = 15
QUEUES, INTERVALS, MINUTES = 50, 672, 15
SL, ANSWER, OCCUPANCY, SHRINKAGE = 0.8, 20.0, 0.85, 0.3


def week(seed: int = 2026) -> tuple[np.ndarray, np.ndarray]:
    """Contacts and AHT per queue × quarter-hour of one week."""
    rng = np.random.default_rng(seed)
    hour = (np.arange(INTERVALS) % 96) / 4
    day = np.arange(INTERVALS) // 96
    shape = np.exp(-(((hour - 10.5) / 2.2) ** 2)) + 0.8 * np.exp(-(((hour - 15) / 2.5) ** 2))
    shape = np.where((hour >= 7) & (hour < 21), shape, 0.0) * np.where(day >= 5, 0.45, 1.0)
    peak = rng.lognormal(mean=3.2, sigma=1.0, size=QUEUES)  # contacts per busiest quarter-hour
    volume = rng.poisson(peak[:, None] * shape[None, :]).astype(np.float64)
    aht = rng.uniform(120.0, 600.0, QUEUES)[:, None] * rng.uniform(0.9, 1.1, (1, INTERVALS))
    return volume, aht


def _median_ms(run: Callable[[], object], runs: int = RUNS) -> float:
    gc.collect()  # not the other side's garbage on our clock
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _ours(
    volume: np.ndarray, aht: np.ndarray, patience: float | None = None
) -> dict[str, np.ndarray]:
    return required_agents_array(
        volume, aht, MINUTES, SL, ANSWER, OCCUPANCY, SHRINKAGE, patience_seconds=patience
    )


def _max_erlangs_ok() -> float:
    r = required_agents(50_000 * 10, 180, 30, StaffingTarget(SL, ANSWER))  # 50,000 Erlangs
    values = (r.service_level, r.probability_wait, r.asa_seconds, r.occupancy)
    return float(all(math.isfinite(v) for v in values) and r.agents > r.traffic_erlangs)


def _speedup_vs_pyworkforce(volume: np.ndarray, aht: np.ndarray) -> Figure:
    # Missing, this is an error (run.py checks first and names `make bench`), never a skip.
    from pyworkforce.queuing import ErlangC

    busy = volume > 0  # pyworkforce refuses empty intervals
    v, h = volume[busy], aht[busy]

    def theirs() -> list[dict]:
        return [
            ErlangC(transactions=float(c), aht=float(s) / 60, asa=ANSWER / 60, interval=MINUTES,
                    shrinkage=SHRINKAGE).required_positions(SL, OCCUPANCY)
            for c, s in zip(v, h, strict=True)
        ]  # fmt: skip

    their_ms = _median_ms(theirs, runs=3)
    our_ms = _median_ms(lambda: _ours(v, h))
    got, want = _ours(v, h), theirs()
    raw = np.array([w["raw_positions"] for w in want])
    positions = np.array([w["positions"] for w in want])
    raw_differ = np.flatnonzero(raw != got["agents"])
    scheduled_differ = np.flatnonzero(
        (raw == got["agents"]) & (positions != got["scheduled_agents"])
    )
    print(
        f"# pyworkforce {their_ms:.0f} ms, ours {our_ms:.2f} ms for {v.size} intervals; "
        f"agents differ in {raw_differ.size}, only the agents to schedule in "
        f"{scheduled_differ.size}",
        file=sys.stderr,
    )
    for k in [*raw_differ[:10], *scheduled_differ[:10]]:
        print(
            f"#   {v[k]:g} contacts × {h[k]:.1f} s ({got['traffic_erlangs'][k]:.4f} Erlangs): "
            f"pyworkforce {raw[k]} agents / {positions[k]} scheduled, "
            f"ours {got['agents'][k]} / {got['scheduled_agents'][k]}",
            file=sys.stderr,
        )
    return Figure("staffing.speedup_vs_pyworkforce", their_ms / our_ms, "x")


def run() -> list[Figure]:
    volume, aht = week()
    figures = [
        Figure("staffing.week_50_queues_ms", _median_ms(lambda: _ours(volume, aht)), "ms"),
        Figure(
            "staffing.week_50_queues_erlang_a_ms",
            _median_ms(lambda: _ours(volume, aht, patience=120.0)),
            "ms",
        ),
        Figure("staffing.max_erlangs_ok", _max_erlangs_ok(), "bool"),
    ]
    figures.append(_speedup_vs_pyworkforce(volume, aht))
    return figures
