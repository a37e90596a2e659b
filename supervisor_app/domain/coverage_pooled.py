"""Expected service level with multi-skilled agents pooled: the one model the plan uses.

Why not a split: counting each multi-skilled agent as fixed fractions of an agent
per queue (the coverage panel's ``scheduled`` column) hides what skill-based
routing gains — a shared agent takes whichever of their queues has a caller
waiting, so each queue sees the agent whenever the others leave them free. On the
demo's history the split expected 12 points less than the floor achieved on every
queue (issue 17); pooled, the gap falls within a few points.

The model, interval by interval (A = traffic in Erlangs, p = agents on the phones):

- Real-time queues (voice, chat). Queue q is served by its *pool*: every agent
  skilled for q, N_q = Σ p over them. Each real-time queue r's traffic is spread
  evenly over the agents who can take it, A_r / N_r per agent, so q's pool also
  carries B_q = Σ_{a skilled for q} p_a · Σ_{r ≠ q, a skilled for r} A_r / N_r of
  other queues' work (and the matching contacts and abandonment). q's service level
  is that of one Erlang A system (``erlang_a``; Erlang C when nobody abandons) with
  N_q agents and the traffic A_q + B_q, at q's own answer time: longest-waiting-first
  routing gives every contact in a pool the same wait. Agents with one skill
  reduce it to plain Erlang for their queue; agents who all have every skill, to
  one Erlang system for the queues' combined traffic.
- Deferred queues (email): agents answer them only when no real-time contact
  waits, so each email-skilled agent gives them what their real-time queues leave
  free, p_a · max(1 − Σ_r A_r / N_r, 0). Emails are answered first in, first out
  from a backlog carried across intervals (a fluid queue starting empty on
  Monday); an interval's expected service level is the share of its emails
  answered within the answer time.
- Handle times that vary less than exponential ones (the floor's do) shorten waits
  by the factor (1 + CV²) / 2, CV² = variance ÷ mean² of handle times (Allen and
  Cunneen's approximation for M/G/N queues, e.g. Gross & Harris, "Fundamentals of
  Queueing Theory", §6.3): the Erlang figure is read at the answer time ÷ that
  factor. CV² = 1 (exponential) leaves Erlang as it is.
- A fractional pool is interpolated in a straight line between ⌊N⌋ and ⌊N⌋ + 1
  agents, as elsewhere in coverage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from supervisor_app.domain.erlang import erlang_c_figures
from supervisor_app.domain.erlang_a import erlang_a_figures

Floats = NDArray[np.float64]
_SLICES = 8  # points per interval at which a deferred queue's arrivals are followed


class Demand(Protocol):
    """What the model reads of a queue (``domain.coverage.QueueDemand`` has it)."""

    @property
    def volume(self) -> tuple[float, ...]: ...
    @property
    def aht_seconds(self) -> tuple[float, ...]: ...
    @property
    def answer_seconds(self) -> float | tuple[float, ...]: ...
    @property
    def patience_seconds(self) -> float | None: ...
    @property
    def deferred(self) -> bool: ...
    @property
    def handle_cv2(self) -> float: ...


def pooled_service_level(
    demands: Sequence[Demand],
    minutes: int,
    presence_by_skills: Mapping[tuple[int, ...], Floats],
) -> Floats:
    """Expected service level per (queue, interval); NaN where no contact is forecast.

    ``presence_by_skills`` maps a set of queue rows (sorted indices into ``demands``)
    to the agents with exactly those skills on the phones in each interval.
    """
    size = len(demands[0].volume) if demands else 0
    seconds = minutes * 60.0
    v = np.array([d.volume for d in demands], dtype=np.float64).reshape(len(demands), size)
    h = np.array([d.aht_seconds for d in demands], dtype=np.float64).reshape(v.shape)
    load = v * h / seconds
    deferred = np.array([d.deferred for d in demands], dtype=bool)
    sets = [(list(k), np.asarray(p, dtype=np.float64)) for k, p in presence_by_skills.items() if k]
    pool = np.zeros(v.shape)
    for rows, p in sets:
        pool[rows] += p
    live = ~deferred[:, None] & (pool > 0)
    per_agent = np.divide(load, pool, out=np.zeros(v.shape), where=live)
    contacts_per_agent = np.divide(v, pool, out=np.zeros(v.shape), where=live)
    theta = np.array([_rate(d.patience_seconds) for d in demands])[:, None]
    own_v, own_a = v.copy(), load.copy()
    own_theta = v * theta
    spare = np.zeros(v.shape)
    for rows, p in sets:
        realtime = [r for r in rows if not deferred[r]]
        busy_a = per_agent[realtime].sum(axis=0)
        busy_v = contacts_per_agent[realtime].sum(axis=0)
        busy_theta = (contacts_per_agent[realtime] * theta[realtime]).sum(axis=0)
        for q in realtime:
            own_a[q] += p * (busy_a - per_agent[q])
            own_v[q] += p * (busy_v - contacts_per_agent[q])
            own_theta[q] += p * (busy_theta - contacts_per_agent[q] * theta[q])
        if len(realtime) < len(rows):
            spare[[r for r in rows if deferred[r]]] += p * np.clip(1.0 - busy_a, 0.0, 1.0)
    out = np.full(v.shape, np.nan)
    for q, d in enumerate(demands):
        t = np.broadcast_to(np.asarray(d.answer_seconds, dtype=np.float64), (size,))
        if d.deferred:
            out[q] = _backlog_level(v[q], h[q], spare[q], t, seconds)
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                aht = np.where(own_v[q] > 0, own_a[q] * seconds / own_v[q], h[q])
                rate = np.where(own_v[q] > 0, own_theta[q] / own_v[q], 0.0)
            stretch = (1.0 + d.handle_cv2) / 2.0
            out[q] = _erlang_level(own_v[q], aht, minutes, pool[q], t / stretch, rate)
    return np.where(v > 0, out, np.nan)


def _rate(patience: float | None) -> float:
    """Abandonment rate θ per second of waiting: 0 for callers who never hang up."""
    return 0.0 if patience is None or not np.isfinite(patience) else 1.0 / patience


def _erlang_level(
    v: Floats, h: Floats, minutes: int, agents: Floats, t: Floats, theta: Floats
) -> Floats:
    """Erlang A (Erlang C where θ = 0) service level with fractional agents, interpolated."""
    out = np.zeros(v.shape)
    low = np.floor(agents + 1e-9)
    busy = (v > 0) & (agents > 0)
    for patient in (True, False):
        k = np.flatnonzero(busy & ((theta <= 0) if patient else (theta > 0)))
        if not k.size:
            continue
        levels = []
        for n in (low[k], low[k] + 1):
            if patient:
                levels.append(erlang_c_figures(v[k], h[k], minutes, n, t[k])["service_level"])
            else:
                figures = erlang_a_figures(v[k], h[k], minutes, n, t[k], 1.0 / theta[k])
                levels.append(figures["service_level"])
        out[k] = np.clip(levels[0] + (agents[k] - low[k]) * (levels[1] - levels[0]), 0.0, 1.0)
    return out


def _backlog_level(v: Floats, h: Floats, spare: Floats, t: Floats, seconds: float) -> Floats:
    """Share of each interval's contacts answered within ``t`` by a first-in, first-out
    fluid queue that answers ``spare`` agents' worth of them per interval."""
    size = v.size
    capacity = np.divide(spare * seconds, h, out=np.zeros(size), where=h > 0)
    answered = np.zeros(size)
    backlog = 0.0
    for i in range(size):
        answered[i] = min(capacity[i], backlog + v[i])
        backlog += v[i] - answered[i]
    edges = np.arange(size + 1) * seconds
    done = np.concatenate([[0.0], np.cumsum(answered)])
    came = np.concatenate([[0.0], np.cumsum(v)])
    out = np.full(size, np.nan)
    for i in np.flatnonzero(v > 0):
        # The contacts of interval i, followed at _SLICES points spread across it.
        share = (np.arange(_SLICES) + 0.5) / _SLICES
        rank = came[i] + share * v[i]
        arrival = edges[i] + share * seconds
        answered_at = _reached(done, edges, rank)
        out[i] = float(np.mean(answered_at - arrival <= t[i] + 1e-9))
    return out


def _reached(done: Floats, edges: Floats, rank: Floats) -> Floats:
    """When the cumulative answered count ``done`` (at ``edges``) first reaches each
    ``rank``, answering evenly within an interval; infinite if it never does."""
    j = np.searchsorted(done, rank - 1e-9, side="left")
    out = np.full(rank.shape, np.inf)
    ok = (j > 0) & (j < done.size)
    j = j[ok]
    part = (rank[ok] - done[j - 1]) / (done[j] - done[j - 1])
    out[ok] = edges[j - 1] + np.clip(part, 0.0, 1.0) * (edges[j] - edges[j - 1])
    out[rank <= 1e-9] = edges[0]
    return out
