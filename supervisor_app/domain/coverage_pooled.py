"""Expected service level with multi-skilled agents pooled: the one model the plan uses.

Why not a split: counting each multi-skilled agent as fixed fractions of an agent
per queue (the coverage panel's ``scheduled`` column) hides what skill-based
routing gains — a shared agent takes whichever of their queues has a caller
waiting, so each queue sees the agent whenever the others leave them free. On the
demo's history the split expected 12 points less than the floor achieved on every
queue (issue 17); pooled, the gap falls to about 4 points, and a small case
checked against the event loop (``tests/unit/test_coverage_pooled.py``) agrees.

The model, interval by interval (A = traffic in Erlangs, p = agents on the phones):

- Real-time queues (voice, chat): first, who works for whom. Routing that sends a
  free agent to the longest-waiting contact of their queues balances the load as
  far as skills allow, so the queues are split into *blocks*, most loaded first:
  the set of queues S whose traffic per agent able to take any of them,
  A_S ÷ N(S), is highest is a bottleneck — those agents are all it has — and
  forms a block at occupancy ρ = A_S ÷ N(S); its agents leave, and the rest is
  split the same way (the fluid model's balanced allocation). Then each queue q's
  service level is that of one Erlang A system (``erlang_a``; Erlang C when
  nobody abandons) of q's own agents in its block, N_q, at the block's occupancy
  (traffic ρ·N_q, with the block's mix of handle times and patience), read at q's
  own answer time. Agents with one skill reduce it to plain Erlang for their
  queue; agents who all have every skill, to one Erlang system for the queues'
  combined traffic. Sets of up to ``MAX_EXACT`` real-time queues are all tried;
  beyond that, single queues, pairs and all of them.
- Deferred queues (email): agents answer them only when no real-time contact
  waits, so each email-skilled agent gives them what their block leaves free,
  p_a · (1 − ρ) (all of p_a for agents with no real-time skill). Emails are
  answered first in, first out from a backlog carried across intervals (a fluid
  queue starting empty on Monday); an interval's expected service level is the
  share of its emails answered within the answer time.
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
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from supervisor_app.domain.erlang import erlang_c_figures
from supervisor_app.domain.erlang_a import erlang_a_figures

Floats = NDArray[np.float64]
MAX_EXACT = 10  # real-time queues up to which every set of them is tried as a pool
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
    theta = np.array([_rate(d.patience_seconds) for d in demands])[:, None]
    deferred = np.array([d.deferred for d in demands], dtype=bool)
    live = np.flatnonzero(~deferred)
    keys = [k for k in presence_by_skills if k]
    presence = _presence_rows(keys, presence_by_skills, size)
    incidence = _incidence(keys, len(demands))
    blocks = bottleneck_blocks(v[live] * h[live] / seconds, incidence[:, live], presence)
    label, own, used_by = blocks.label, blocks.own, blocks.occupancy_of_sets()
    rho = np.clip(np.nan_to_num(blocks.ratio, posinf=1.0), 0.0, 1.0)
    out = np.full(v.shape, np.nan)
    shape = (len(live), size)
    volume, aht, rate, answer = (np.zeros(shape) for _ in range(4))
    for j, q in enumerate(live):
        same = label == label[j]  # (live queues × intervals): q's block, interval by interval
        bv = (v[live] * same).sum(axis=0)
        ba = (v[live] * h[live] * same).sum(axis=0)
        bt = (v[live] * theta[live] * same).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            aht[j] = np.where(bv > 0, ba / bv, h[q])
            rate[j] = np.where(bv > 0, bt / bv, 0.0)
            # q's own agents at their block's occupancy: traffic ρ·N, the block's mix
            traffic = rho[j] * own[j]
            volume[j] = np.where(aht[j] > 0, traffic * seconds / aht[j], 0.0)
        volume[j] = np.where(v[q] > 0, np.maximum(volume[j], 1e-9), 0.0)
        stretch = (1.0 + demands[q].handle_cv2) / 2.0
        answer[j] = np.asarray(demands[q].answer_seconds, dtype=np.float64) / stretch
    if len(live):  # one Erlang call for all queues: the editor recomputes on every edit
        levels = _erlang_level(
            volume.ravel(), aht.ravel(), minutes, own.ravel(), answer.ravel(), rate.ravel()
        )
        out[live] = levels.reshape(shape)
    for q in np.flatnonzero(deferred):
        # what each email-skilled agent's block leaves free, shared by volume among the
        # deferred queues the agent takes
        mine = incidence[:, q]
        spare = np.zeros(size)
        for i in np.flatnonzero(mine):
            others = np.flatnonzero(incidence[i] & deferred)
            share = np.divide(v[q], v[others].sum(axis=0), out=np.zeros(size), where=v[q] > 0)
            spare += presence[i] * (1.0 - used_by[i]) * share
        t = np.broadcast_to(np.asarray(demands[q].answer_seconds, dtype=np.float64), (size,))
        out[q] = _backlog_level(v[q], h[q], spare, t, seconds)
    return np.where(v > 0, out, np.nan)


@dataclass(frozen=True, slots=True)
class Blocks:
    """Queues split into pools interval by interval (``bottleneck_blocks``)."""

    label: NDArray[np.int64]  # (queues × intervals): the block, numbered most loaded first
    ratio: Floats  # (queues × intervals): the block's load ÷ its agents (inf: no agents)
    agents: Floats  # (queues × intervals): the block's agents
    own: Floats  # (queues × intervals): the queue's own agents in its block
    taken_by: NDArray[np.int64]  # (skill sets × intervals): the block that took them, or −1
    level_ratio: Floats  # (blocks × intervals): each block's load ÷ agents

    def occupancy_of_sets(self) -> Floats:
        """Per (skill set, interval): the occupancy (at most 1) of the block that took the
        set's agents; 0 where none did (no load for them)."""
        taken = np.maximum(self.taken_by, 0)
        value = np.take_along_axis(self.level_ratio, taken, axis=0)
        value = np.clip(np.nan_to_num(value, posinf=1.0), 0.0, 1.0)
        return np.where(self.taken_by >= 0, value, 0.0)


def bottleneck_blocks(load: Floats, incidence: NDArray[np.bool_], presence: Floats) -> Blocks:
    """Split queues into pools, interval by interval, the most loaded first.

    ``load`` (queues × intervals): traffic in Erlangs, or agents required;
    ``incidence[k, q]``: skill set k takes q; ``presence`` (skill sets × intervals).
    """
    rows, size = load.shape
    subsets = _subsets(rows)
    touches = _product(subsets, incidence.T) > 0
    offered = _product(subsets, load)
    label = np.full((rows, size), -1, dtype=np.int64)
    ratio_q, agents, own = (np.zeros((rows, size)) for _ in range(3))
    taken_by = np.full(presence.shape, -1, dtype=np.int64)
    level_ratio = np.zeros((max(rows, 1), size))
    alive = np.ones(presence.shape, dtype=bool)
    left = np.ones((rows, size), dtype=bool)
    cols = np.arange(size)
    for level in range(rows):
        if not left.any():
            break
        pool = _product(touches, presence * alive)
        inside = _product(subsets, ~left) == 0  # S ⊆ left
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(pool > 1e-9, offered / pool, np.where(offered > 0, np.inf, 0.0))
        ratio = np.where(inside, ratio, -1.0)
        # of the sets as loaded as the most loaded one, the smallest: queues that merely
        # tie share no agents and stay apart; where nothing is left to do, all of them
        most = ratio.max(axis=0)
        top = ratio >= most * (1.0 - 1e-9) - 1e-12
        size_pref = np.where(most > 0, -1, 1) * subsets.sum(axis=1)[:, None]
        best = np.where(top, size_pref, -len(subsets) - rows - 1).argmax(axis=0)
        chosen = subsets[best].T & left
        took = touches[best].T & alive  # (skill sets × intervals)
        level_ratio[level] = ratio[best, cols]
        label[chosen] = level
        ratio_q[chosen] = np.broadcast_to(ratio[best, cols], (rows, size))[chosen]
        agents[chosen] = np.broadcast_to(pool[best, cols], (rows, size))[chosen]
        mine = _product(incidence.T, presence * took)  # (queues × intervals)
        own[chosen] = mine[chosen]
        taken_by[took] = level
        alive &= ~took
        left &= ~chosen
    return Blocks(label, ratio_q, agents, own, taken_by, level_ratio)


def balanced_agents(
    required: Floats, presence_by_skills: Mapping[tuple[int, ...], Floats]
) -> Floats:
    """Agents per (queue, interval) as the pooled model counts heads.

    The blocks of ``bottleneck_blocks`` by agents required: a block's agents go to its
    queues in proportion to what each requires, so within a block no queue is over while
    another is short — a shared agent answers where callers wait — and across blocks the
    skills hold. Agents taken by a block nobody is required in count equally for each of
    their queues (nobody is required in any of them either: they would have been taken
    by a block that is).
    """
    req, presence, incidence, blocks = _blocks_by_requirement(required, presence_by_skills)
    label_total, idle = _block_totals(req, blocks)
    spread = incidence / np.maximum(incidence.sum(axis=1, keepdims=True), 1)
    even = _product(spread.T, presence * idle)
    with np.errstate(invalid="ignore", divide="ignore"):
        by_need = np.where(label_total > 0, req / label_total, 0.0) * blocks.agents
    return np.where(label_total > 0, by_need, even)


def block_shares(
    required: Floats, presence_by_skills: Mapping[tuple[int, ...], Floats]
) -> dict[tuple[int, ...], Floats]:
    """``balanced_agents`` as a split: per skill set, what one of its agents counts for in
    each queue (all queues × intervals), so that Σ presence × share is ``balanced_agents``
    for these blocks. A set's agents count for every queue of the block that took them,
    by requirement, the other skills' agents moving over to answer; a generator that keeps
    the blocks of the week it improves judges a change of one agent's shift by it."""
    req, _, incidence, blocks = _blocks_by_requirement(required, presence_by_skills)
    label_total, idle = _block_totals(req, blocks)
    with np.errstate(invalid="ignore", divide="ignore"):
        need = np.where(label_total > 0, req / label_total, 0.0)
    unwanted = label_total <= 0
    out = {}
    for i, k in enumerate(k for k in presence_by_skills if k):
        in_block = (blocks.label == blocks.taken_by[i][None, :]) & ~idle[i][None, :]
        even = unwanted & incidence[i][:, None] & idle[i][None, :]
        out[k] = np.where(in_block, need, 0.0) + even / len(k)
    return out


def _block_totals(req: Floats, blocks: Blocks) -> tuple[Floats, NDArray[np.bool_]]:
    """Each queue's block's requirement (queues × intervals), and per (skill set, interval)
    whether the set's agents are idle: taken by no block, or by one nobody is required in."""
    label_total = np.zeros(req.shape)
    for level in range(req.shape[0]):
        inside = blocks.label == level
        label_total += inside * (req * inside).sum(axis=0)
    idle = (np.take_along_axis(blocks.level_ratio, np.maximum(blocks.taken_by, 0), 0) <= 0) | (
        blocks.taken_by < 0
    )
    return label_total, idle


def balanced_shares(
    required: Floats, presence_by_skills: Mapping[tuple[int, ...], Floats]
) -> dict[tuple[int, ...], Floats]:
    """Each shared skill set's share of its agents per (queue of the set, interval), for the
    generator's fixed split: the set's queues in the block that took it, by requirement
    (equally where none of them requires anyone)."""
    req, _, incidence, blocks = _blocks_by_requirement(required, presence_by_skills)
    keys = [k for k in presence_by_skills if k]
    mine = incidence[:, :, None] & (blocks.label[None, :, :] == blocks.taken_by[:, None, :])
    weight = np.where(mine, req[None, :, :], 0.0)
    total = weight.sum(axis=1, keepdims=True)
    count = mine.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        even = np.where(
            count > 0,
            mine / np.maximum(count, 1),
            incidence[:, :, None] / np.maximum(incidence.sum(axis=1), 1)[:, None, None],
        )
        share = np.where(total > 0, weight / total, even)
    return {k: share[i, list(k)] for i, k in enumerate(keys) if len(k) > 1}


def _blocks_by_requirement(
    required: Floats, presence_by_skills: Mapping[tuple[int, ...], Floats]
) -> tuple[Floats, Floats, NDArray[np.bool_], Blocks]:
    req = np.asarray(required, dtype=np.float64)
    rows, size = req.shape
    keys = [k for k in presence_by_skills if k]
    presence = _presence_rows(keys, presence_by_skills, size)
    incidence = _incidence(keys, rows)
    return req, presence, incidence, bottleneck_blocks(req, incidence, presence)


def _presence_rows(
    keys: Sequence[tuple[int, ...]], presence_by_skills: Mapping[tuple[int, ...], Floats], size: int
) -> Floats:
    """Agents on the phones per (skill set, interval), in the order of ``keys``."""
    return np.array(
        [
            np.broadcast_to(np.asarray(presence_by_skills[k], dtype=np.float64), (size,))
            for k in keys
        ]
    ).reshape(len(keys), size)


def _incidence(keys: Sequence[tuple[int, ...]], rows: int) -> NDArray[np.bool_]:
    """``incidence[k, q]``: skill set k takes queue q."""
    out = np.zeros((len(keys), rows), dtype=bool)
    for i, k in enumerate(keys):
        out[i, list(k)] = True
    return out


def _product(a: NDArray[np.generic], b: NDArray[np.generic]) -> Floats:
    """The matrix product, summed by numpy itself: these matrices are small, and a BLAS
    call wakes its threads, which on a busy machine took 0.1 s where this takes 0.3 ms
    (the editor recomputes coverage on every edit)."""
    return np.einsum("mk,kt->mt", a.astype(np.float64), b.astype(np.float64))


def _subsets(rows: int) -> NDArray[np.bool_]:
    """Candidate pools: every non-empty set of queues up to ``MAX_EXACT`` queues; beyond,
    single queues, pairs and all of them (an approximation for very large sites)."""
    if rows <= MAX_EXACT:
        masks = np.arange(1, 2**rows)
        return ((masks[:, None] >> np.arange(rows)) & 1).astype(bool)
    out = [np.eye(rows, dtype=bool), np.ones((1, rows), dtype=bool)]
    i, j = np.triu_indices(rows, 1)
    pairs = np.zeros((i.size, rows), dtype=bool)
    pairs[np.arange(i.size), i] = pairs[np.arange(i.size), j] = True
    return np.concatenate([*out, pairs])


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
    # Each interval's contacts, followed at _SLICES points spread across it.
    share = (np.arange(_SLICES) + 0.5) / _SLICES
    rank = came[:-1, None] + share[None, :] * v[:, None]
    arrival = edges[:-1, None] + share[None, :] * seconds
    answered_at = _reached(done, edges, rank.ravel()).reshape(rank.shape)
    within = (answered_at - arrival <= t[:, None] + 1e-9).mean(axis=1)
    return np.where(v > 0, within, np.nan)


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
