"""A saved plan replayed through the event loop: what its forecast and schedule would achieve.

Erlang formulas assume one queue served by interchangeable agents; the floor
has multi-skilled agents routed to whichever of their queues waited longest,
emails that wait for a free moment, and breaks at fixed times. The event loop
models all of that, so feeding it the forecast (Poisson arrivals at the
forecast rate, lognormal handle times with the forecast mean, exponential
patience) and the schedule (shifts, activities, approved time off) predicts
what Erlang alone can't. Several runs with different random streams are summed,
so a figure is the mean over runs; the arithmetic of a service level stays
``domain.kpi.service_level``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.simulation.codes import ABANDONED, ANSWERED, S_MEETING
from supervisor_app.domain.simulation.contacts import INF, Arrivals
from supervisor_app.domain.simulation.engine import Engine, ShiftPlan

Floats = NDArray[np.float64]
HANDLE_SIGMA = 0.55  # spread of handle times (lognormal σ), as the demo's voice channel
DRAIN_SECONDS = 24 * 3600.0  # after the last interval: contacts still queued get their chance


@dataclass(frozen=True, slots=True)
class ReplayQueue:
    """A queue's forecast per interval and what counts as answered in time."""

    email: bool  # may wait for hours: served when no call or chat waits
    volume: Floats  # expected contacts per interval
    aht_seconds: Floats
    threshold_seconds: Floats
    short_abandon_seconds: Floats
    patience_seconds: float | None  # mean; None: nobody hangs up
    handle_sigma: float = HANDLE_SIGMA  # lognormal σ of handle times (√ln 2: CV 1)


@dataclass(frozen=True, slots=True)
class ReplayAgent:
    """An agent's queues (indices) and shifts: (start, end, [(start, end) off the phones])."""

    queues: tuple[int, ...]
    shifts: tuple[tuple[float, float, tuple[tuple[float, float], ...]], ...]


def replay(
    starts: Floats,
    step_seconds: float,
    queues: Sequence[ReplayQueue],
    agents: Sequence[ReplayAgent],
    *,
    runs: int,
    seed: int,
) -> list[list[ContactSums]]:
    """Sums per queue and interval (of arrival) over ``runs`` independent runs."""
    totals = [[ContactSums() for _ in starts] for _ in queues]
    for sums in replay_runs(starts, step_seconds, queues, agents, runs=runs, seed=seed):
        for k, row in enumerate(sums):
            totals[k] = [a + b for a, b in zip(totals[k], row, strict=True)]
    return totals


def replay_runs(
    starts: Floats,
    step_seconds: float,
    queues: Sequence[ReplayQueue],
    agents: Sequence[ReplayAgent],
    *,
    runs: int,
    seed: int,
) -> Iterator[list[list[ContactSums]]]:
    """Each run's sums per queue and interval, one run at a time (for bands across runs).

    Run ``r`` draws from its own stream (``seed``, ``r``): the same seed replays the
    same contacts, so a schedule's figures change only when the schedule does.
    """
    plans = _plans(agents)
    for run in range(runs):
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, run])))
        arrivals = _arrivals(starts, step_seconds, queues, rng)
        engine = Engine(
            [q.email for q in queues],
            [[(k, 1.0) for k in a.queues] for a in agents],
            start=float(starts[0]) if len(starts) else 0.0,
        )
        engine.add_arrivals(arrivals)
        engine.add_shifts(plans)
        engine.run_until(float(starts[-1]) + step_seconds + DRAIN_SECONDS)
        sums = [[ContactSums() for _ in starts] for _ in queues]
        _add(sums, engine, arrivals, starts, step_seconds, queues)
        yield sums


def _plans(agents: Sequence[ReplayAgent]) -> list[ShiftPlan]:
    return [
        (a, start, end, [(S_MEETING, None, s, e) for s, e in away])
        for a, agent in enumerate(agents)
        for start, end, away in agent.shifts
    ]


def _arrivals(
    starts: Floats, step: float, queues: Sequence[ReplayQueue], rng: np.random.Generator
) -> Arrivals:
    """Poisson counts at the forecast rate, uniform times within each interval."""
    t_parts, q_parts, handle_parts, patience_parts = [], [], [], []
    for k, q in enumerate(queues):
        counts = rng.poisson(np.maximum(q.volume, 0.0))
        t = np.repeat(starts, counts) + rng.random(int(counts.sum())) * step
        mean = np.repeat(np.maximum(q.aht_seconds, 1.0), counts)
        sigma = q.handle_sigma
        mu = np.log(mean) - sigma**2 / 2
        handle = np.exp(mu + sigma * rng.standard_normal(t.size))
        if q.patience_seconds is None:
            patience = np.full(t.size, INF)
        else:
            patience = rng.exponential(q.patience_seconds, t.size)
        t_parts.append(t)
        q_parts.append(np.full(t.size, k, dtype=np.int64))
        handle_parts.append(handle)
        patience_parts.append(patience)
    t = np.concatenate(t_parts) if t_parts else np.zeros(0)
    order = np.argsort(t, kind="stable")
    n = t.size
    no = np.zeros(n, dtype=bool)
    zeros = np.zeros(n)
    return Arrivals(
        t=t[order],
        queue=np.concatenate(q_parts)[order] if q_parts else np.zeros(0, dtype=np.int64),
        handle=np.concatenate(handle_parts)[order] if handle_parts else zeros,
        wrap=zeros,
        abandon_after=np.concatenate(patience_parts)[order] if patience_parts else zeros,
        timed_out=no,
        transfer=no,
        escalate=no,
        survey=no,
        customer=np.zeros(n, dtype=np.int64),
        z_csat=zeros,
        z_nps=zeros,
        comment=np.full(n, -1.0),
        reason=np.zeros(n, dtype=np.int64),
        severity=np.zeros(n, dtype=np.int64),
        take_delay=zeros,
        resolve_delay=zeros,
    )


def _add(
    totals: list[list[ContactSums]],
    engine: Engine,
    arrivals: Arrivals,
    starts: Floats,
    step: float,
    queues: Sequence[ReplayQueue],
) -> None:
    """Each contact's outcome added to its queue and arrival interval."""
    interval = np.clip(((arrivals.t - starts[0]) // step).astype(np.int64), 0, len(starts) - 1)
    answered_at = np.array(engine.answered, dtype=np.float64)
    ended_at = np.array(engine.ended, dtype=np.float64)
    outcome = np.array(engine.outcome, dtype=np.int64)
    arrived = np.array(engine.arrived, dtype=np.float64)
    queue = np.array(engine.queue, dtype=np.int64)
    for k, q in enumerate(queues):
        mine = queue == k
        for i in np.unique(interval[mine]):
            cell = mine & (interval == i)
            answered = cell & (outcome == ANSWERED)
            abandoned = cell & (outcome == ABANDONED)
            answer_wait = answered_at[answered] - arrived[answered]
            abandon_wait = ended_at[abandoned] - arrived[abandoned]
            totals[k][i] = totals[k][i] + ContactSums(
                offered=int(cell.sum()),
                answered=int(answered.sum()),
                abandoned=int(abandoned.sum()),
                short_abandoned=int((abandon_wait <= q.short_abandon_seconds[i]).sum()),
                abandoned_after_threshold=int((abandon_wait > q.threshold_seconds[i]).sum()),
                answered_within_threshold=int((answer_wait <= q.threshold_seconds[i]).sum()),
                answer_wait_seconds=float(answer_wait.sum()),
            )
