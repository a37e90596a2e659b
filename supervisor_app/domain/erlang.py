"""Erlang C staffing, vectorised over intervals and queues, plus the shared entry points.

Model (M/M/N, Erlang 1917): contacts arrive at random (Poisson) at rate λ, take an
exponential handle time of mean AHT, and wait as long as it takes for one of N agents.
With the offered load (traffic) A = λ·AHT in Erlangs:

- Erlang B, B(N, A), by the series for 1/B in :func:`erlang_b`, and from one N to the
  next by the recursion B(n) = A·B(n−1) / (n + A·B(n−1)); both stay in range and never
  form a factorial or a power, so 0.01 to 50,000 Erlangs and beyond are safe;
- probability of waiting C(N, A) = N·B / (N − A + A·B) for N > A, else 1;
- service level SL(t) = 1 − C·exp(−(N − A)·t / AHT);
- average speed of answer ASA = C·AHT / (N − A), over all contacts;
- occupancy A / N.

The requirement is the least N meeting the service level and the maximum occupancy;
both improve with N, so it is found by walking N up from max(⌊A⌋ + 1, ⌈A / max
occupancy⌉). ``agents ÷ (1 − shrinkage)``, rounded up, is what to schedule. Erlang A
(callers who hang up) lives in :mod:`supervisor_app.domain.erlang_a`; both are reached
through :func:`required_agents` and :func:`required_agents_array`.
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from supervisor_app.domain.errors import UserError

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]

INTERVAL_MINUTES: Final = (15, 30, 60)
MAX_AGENTS: Final = 1_000_000  # a requirement above this is a target nobody can meet
SERIES_EPS: Final = 1e-17  # a series stops once its terms fall below this share of the sum
TINY: Final = 1e-250  # Erlang B below this is taken as 0: every figure is exact to 1e-250
BLOCK: Final = 32  # series terms per step once fewer than _BLOCK_BELOW elements are left
_BLOCK_BELOW: Final = 512
_CHECK_EVERY: Final = 8
_OFFSETS: Final = np.arange(BLOCK, dtype=np.float64)
# Requirements are solved this many intervals at a time, so temporaries stay at 64 KiB:
# below glibc's mmap threshold they are reused, not mapped and faulted in afresh.
CHUNK: Final = 8192
_CEIL_SLACK: Final = 1e-12  # 21 / (1 − 0.3) is 30.000000000000004 in floating point, not 31


@dataclass(frozen=True, slots=True)
class StaffingTarget:
    """What an interval must achieve: ``service_level`` of contacts answered within
    ``answer_seconds`` (80 % in 20 s is 0.8, 20), agents busy at most ``max_occupancy``
    of the time, and ``shrinkage``, the share of paid time away from contacts."""

    service_level: float
    answer_seconds: float
    max_occupancy: float = 1.0
    shrinkage: float = 0.0

    def __post_init__(self) -> None:
        check_target(self.service_level, self.answer_seconds, self.max_occupancy, self.shrinkage)


@dataclass(frozen=True, slots=True)
class Requirement:
    """Agents needed for one interval, and the figures those agents achieve.

    ``abandon_rate`` is None under Erlang C (nobody hangs up), a share under Erlang A."""

    traffic_erlangs: float
    agents: int
    scheduled_agents: int
    service_level: float
    probability_wait: float
    asa_seconds: float
    occupancy: float
    abandon_rate: float | None = None


def require(name: str, values: Floats, ok: NDArray[np.bool_], rule: str) -> None:
    """Raise a UserError naming ``name`` and the first offending value unless all ``ok``."""
    ok_b, values_b = np.broadcast_arrays(ok, values)
    if ok_b.all():
        return
    pos = tuple(int(i) for i in np.argwhere(~ok_b)[0])
    where = "" if not pos else f" (at index {pos[0] if len(pos) == 1 else pos})"
    raise UserError(f"{name} must be {rule}, got {values_b[pos]:g}{where}")


def checked(name: str, value: ArrayLike) -> Floats:
    """``value`` as a float array, or a UserError naming ``name`` if it isn't finite numbers."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise UserError(f"{name} must be a number, got {value!r}") from None
    with np.errstate(invalid="ignore"):
        require(name, arr, np.isfinite(arr), "a finite number")
    return arr


def check_load(
    volume: ArrayLike, aht_seconds: ArrayLike, interval_minutes: ArrayLike
) -> tuple[Floats, Floats, Floats]:
    """Volume, AHT and interval as arrays, each checked, with the argument named on error."""
    v, h = checked("volume", volume), checked("aht_seconds", aht_seconds)
    i = checked("interval_minutes", interval_minutes)
    require("volume", v, v >= 0, "0 or more contacts")
    require("aht_seconds", h, (h > 0) | ((h == 0) & (v == 0)), "above 0 when volume is above 0")
    require("interval_minutes", i, np.isin(i, INTERVAL_MINUTES), "15, 30 or 60")
    return v, h, i


def check_agents(agents: ArrayLike) -> Floats:
    """Agent counts as a float array of whole numbers ≥ 0."""
    n = checked("agents", agents)
    require("agents", n, (n >= 0) & (n == np.floor(n)), "a whole number, 0 or more")
    return n


def check_patience(patience_seconds: ArrayLike) -> Floats:
    """Callers' mean patience in seconds, above 0."""
    p = checked("patience_seconds", patience_seconds)
    require("patience_seconds", p, p > 0, "above 0 seconds")
    return p


def check_target(
    service_level: ArrayLike,
    answer_seconds: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
    shrinkage: ArrayLike = 0.0,
) -> tuple[Floats, Floats, Floats, Floats]:
    """The target's four figures as arrays, each checked against its range."""
    sl, t = checked("service_level", service_level), checked("answer_seconds", answer_seconds)
    occ, shr = checked("max_occupancy", max_occupancy), checked("shrinkage", shrinkage)
    require("service_level", sl, (sl > 0) & (sl < 1), "between 0 and 1 (exclusive)")
    require("answer_seconds", t, t >= 0, "0 or more seconds")
    require("max_occupancy", occ, (occ > 0) & (occ <= 1), "above 0 and at most 1")
    require("shrinkage", shr, (shr >= 0) & (shr < 1), "at least 0 and below 1")
    return sl, t, occ, shr


def ceil_int(x: Floats) -> Ints:
    """⌈x⌉, forgiving the last-bit rounding error that would add a whole agent."""
    return np.ceil(x * (1 - _CEIL_SLACK)).astype(np.int64)


def traffic(volume: ArrayLike, aht_seconds: ArrayLike, interval_minutes: ArrayLike) -> Floats:
    """Offered load in Erlangs, A = volume × AHT / (interval × 60): the agents that would
    be busy all interval if contacts came one after another (100 in 30 min × 180 s = 10)."""
    v, h, i = check_load(volume, aht_seconds, interval_minutes)
    return np.asarray(v * h / (i * 60.0))


def erlang_b(agents: ArrayLike, load: ArrayLike) -> Floats:
    """Erlang B, B(N, A) for whole N ≥ 0 and A > 0, without factorials or overflow.

    Sums 1/B(N, A) = Σ_{j=0..N} N!/((N−j)!·A^j) = 1 + N/A + N(N−1)/A² + …, each term the
    last times (N−j+1)/A. Past j = N − A the terms shrink like exp(−j²/2A), so about
    8.6·√A terms reach 1e-17 (2,000 at 50,000 Erlangs); a sum past 1/TINY stops early
    and gives 0. Elements drop out as they converge; once few are left the rest go BLOCK
    terms at a time (a cumulative product), where the loop would cost more than the sums.
    """
    n_all, a_all = np.broadcast_arrays(np.asarray(agents, np.float64), np.asarray(load, float))
    shape = n_all.shape
    n, a = n_all.ravel(), a_all.ravel()
    inv, final, term, total = np.empty(n.size), np.empty(n.size), np.ones(n.size), np.ones(n.size)
    idx, step, pending = np.arange(n.size), np.empty(n.size), np.ones(n.size, bool)
    done, ok = np.empty(n.size, bool), np.empty(n.size, bool)
    j = 0
    with np.errstate(over="ignore", invalid="ignore"):  # a sum past 1/TINY stops anyway
        while idx.size:
            if idx.size > _BLOCK_BELOW or j % _CHECK_EVERY:
                j += 1  # the factor reaches 0 at j = N + 1, and every term after is 0
                np.divide(np.subtract(n, j - 1, out=step), a, out=step)
                term *= step
                total += term
                if j % _CHECK_EVERY:  # checking every few terms is cheaper, adding terms < 1e-17
                    continue
            else:
                steps = (n[:, None] - (j + _OFFSETS)) / a[:, None]
                terms = np.cumprod(steps, axis=1) * term[:, None]
                total = total + terms.sum(axis=1)
                term, j = terms[:, -1], j + BLOCK
            # done: term ≤ ε·total and N − j < A (shrinking from here on), or total past 1/TINY;
            # written out in place, as temporaries of this size cost more than the arithmetic.
            np.less_equal(term, np.multiply(total, SERIES_EPS, out=step), out=done)
            done &= np.less(np.subtract(n, j, out=step), a, out=ok)
            done |= np.logical_not(np.less_equal(total, 1 / TINY, out=ok), out=ok)
            done &= pending
            np.putmask(final, done, total)
            pending &= np.logical_not(done, out=ok)
            if np.count_nonzero(pending) <= idx.size // 2:  # else finished ones ride along
                inv[idx] = final
                idx, n, a, term, total, final = (
                    x[pending] for x in (idx, n, a, term, total, final)
                )
                step, pending = np.empty(idx.size), np.ones(idx.size, bool)
                done, ok = np.empty(idx.size, bool), np.empty(idx.size, bool)
    return np.where(inv <= 1 / TINY, 1.0 / inv, 0.0).reshape(shape)


def idle_figures(a: Floats, abandon: bool) -> dict[str, Floats]:
    """Figures with no traffic (nobody waits, nobody hangs up), to fill in where A > 0."""
    out = {"traffic_erlangs": a, "service_level": np.ones(a.size)}
    for key in ("probability_wait", "asa_seconds", "occupancy") + (("abandon_rate",) * abandon):
        out[key] = np.zeros(a.size)
    return out


def _c_figures(n: Floats, a: Floats, aht: Floats, wait: Floats, b: Floats) -> dict[str, Floats]:
    """Erlang C figures for N agents, A > 0 and B = B(N, A), all 1-D."""
    with np.errstate(divide="ignore", invalid="ignore"):  # N ≤ A is set right below
        gap = n - a
        pw = np.minimum(n * b / (gap + a * b), 1.0)  # C = N·B / (N − A + A·B)
        sl = 1.0 - pw * np.exp(-gap * wait / aht)
        asa = pw * aht / gap
    unstable = gap <= 0
    if unstable.any():  # the queue grows without end: everyone waits, for ever
        pw[unstable], sl[unstable], asa[unstable] = 1.0, 0.0, np.inf
    occupancy = np.minimum(a / np.maximum(n, 1.0), 1.0)
    return {"service_level": sl, "probability_wait": pw, "asa_seconds": asa, "occupancy": occupancy}


def erlang_c_figures(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_minutes: ArrayLike,
    agents: ArrayLike,
    answer_seconds: ArrayLike,
) -> dict[str, Floats]:
    """What ``agents`` achieve under Erlang C, element by element (inputs broadcast).

    Keys: traffic_erlangs, service_level, probability_wait, asa_seconds (over all
    contacts), occupancy. With N ≤ A the queue grows without end: everyone waits, service
    level 0, ASA infinite, occupancy 1. No traffic: nobody waits, service level 1.
    """
    v, h, i = check_load(volume, aht_seconds, interval_minutes)
    n, t = check_agents(agents), checked("answer_seconds", answer_seconds)
    require("answer_seconds", t, t >= 0, "0 or more seconds")
    arrays = np.broadcast_arrays(v, h, i, n, t)
    shape = arrays[0].shape
    v, h, i, n, t = (x.ravel() for x in arrays)
    a = v * h / (i * 60.0)
    out = idle_figures(a, abandon=False)
    k = np.flatnonzero(a > 0)
    for key, value in _c_figures(n[k], a[k], h[k], t[k], erlang_b(n[k], a[k])).items():
        out[key][k] = value
    return {key: value.reshape(shape) for key, value in out.items()}


def solve_erlang_c(
    a: Floats, wait_per_aht: Floats, sl_target: Floats, max_occupancy: Floats
) -> tuple[Ints, Floats]:
    """Least N with SL(N) ≥ target and A/N ≤ max occupancy, for A > 0 (1-D arrays).

    Service level and occupancy both improve with N, so the answer is the least N from
    max(⌊A⌋ + 1, ⌈A / max occupancy⌉) on whose service level holds: B from
    :func:`erlang_b` just below there, then the recursion one agent at a time (rarely more
    than z·√A steps). Returns N and B(N, A).
    """
    first = np.maximum(np.floor(a) + 1, ceil_int(a / max_occupancy))
    check_bound(first, a)
    agents, b_out = np.zeros(a.size, np.int64), np.zeros(a.size)
    # SL = 1 − C·e^(−(N−A)t/AHT) with C = N·B / (N − A + A·B), so the target holds when
    # N·B·late ≤ (1 − target)·(N − A + A·B), late = e^(−(N−A)t/AHT) shrinking by e^(−t/AHT).
    n, b, idx, aa, miss = first - 1, erlang_b(first - 1, a), np.arange(a.size), a, 1 - sl_target
    late, shrink = np.exp((n - a) * -wait_per_aht), np.exp(-wait_per_aht)
    lhs, rhs, found_b, found_n = np.empty(a.size), np.empty(a.size), np.empty(a.size), n.copy()
    pending = np.ones(a.size, bool)
    steps = 0
    while idx.size:  # in place: at this size, temporaries cost more than the arithmetic
        n += 1
        late *= shrink
        np.multiply(aa, b, out=rhs)
        np.divide(rhs, np.add(n, rhs, out=lhs), out=b)
        np.multiply(aa, b, out=rhs)
        rhs += n
        rhs -= aa
        rhs *= miss
        np.multiply(n, b, out=lhs)
        lhs *= late
        done = (lhs <= rhs) & pending
        np.putmask(found_n, done, n)
        np.putmask(found_b, done, b)
        pending &= ~done
        if np.count_nonzero(pending) <= idx.size // 4:  # else finished ones ride along
            agents[idx], b_out[idx] = found_n, found_b  # the pending ones get theirs later
            idx, n, b, aa, miss, shrink, late, found_n = (
                x[pending] for x in (idx, n, b, aa, miss, shrink, late, found_n)
            )
            lhs, rhs, found_b = np.empty(idx.size), np.empty(idx.size), np.empty(idx.size)
            pending = np.ones(idx.size, bool)
        steps += 1
        if steps % 64 == 0:
            check_bound(n[pending] + 1, aa[pending])
    return agents, b_out


def check_bound(n: ArrayLike, a: Floats) -> None:
    """Refuse, in words, a search that has gone past MAX_AGENTS agents."""
    over = np.asarray(n) > MAX_AGENTS
    if over.any():
        load = float(np.broadcast_to(a, over.shape)[over][0])
        raise UserError(
            f"the target needs more than {MAX_AGENTS:,} agents for {load:g} Erlangs: "
            "raise max_occupancy or lower the service-level target"
        )


def required_agents_array(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_minutes: ArrayLike,
    service_level: ArrayLike,
    answer_seconds: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
    shrinkage: ArrayLike = 0.0,
    patience_seconds: ArrayLike | None = None,
) -> dict[str, NDArray[np.float64] | NDArray[np.int64]]:
    """Requirements for many intervals and queues at once; the inputs broadcast together.

    Erlang C, or Erlang A when ``patience_seconds`` (callers' mean patience) is given.
    Returns arrays named like :class:`Requirement`'s fields (``agents`` and
    ``scheduled_agents`` as int64); ``abandon_rate`` only with patience. No volume needs
    no agents. Raises UserError for bad input or a target needing over MAX_AGENTS.
    """
    v, h, i = check_load(volume, aht_seconds, interval_minutes)
    sl, t, occ, shr = check_target(service_level, answer_seconds, max_occupancy, shrinkage)
    arrays = [v, h, i, sl, t, occ, shr]
    if patience_seconds is not None:
        arrays.append(check_patience(patience_seconds))
    shape = np.broadcast_shapes(*(x.shape for x in arrays))
    v, h, i, sl, t, occ, shr, *rest = (_flat(x, shape) for x in arrays)
    a = v * h / (i * 60.0)
    a = np.full(math.prod(shape), a) if a.ndim == 0 else a
    p = rest[0] if rest else None
    out = idle_figures(a, abandon=p is not None)
    agents = np.zeros(a.size, np.int64)
    busy = np.flatnonzero(a > 0)
    for start in range(0, busy.size, CHUNK):
        k = busy[start : start + CHUNK]
        agents[k], found = _requirements(a[k], *(_pick(x, k) for x in (h, t, sl, occ, p)))
        for key, value in found.items():
            out[key][k] = value
    result = {"agents": agents, "scheduled_agents": ceil_int(agents / (1.0 - shr)), **out}
    return {key: value.reshape(shape) for key, value in result.items()}


def _flat(x: Floats, shape: tuple[int, ...]) -> Floats:
    """``x`` flattened to ``shape`` — or left a scalar, not copied out to every element."""
    if x.shape == shape:
        return x.ravel()
    return x.reshape(()) if x.size == 1 else np.broadcast_to(x, shape).ravel()


def _pick(x: Floats | None, k: Ints) -> Floats | None:
    return x if x is None or x.ndim == 0 else x[k]


def _requirements(
    a: Floats, h: Floats, t: Floats, sl: Floats, occ: Floats, patience: Floats | None
) -> tuple[Ints, dict[str, Floats]]:
    """Agents (before shrinkage) and their figures where A > 0; the rest may be scalars."""
    a, h, t, sl, occ = np.broadcast_arrays(a, h, t, sl, occ)
    if patience is None:
        agents, b = solve_erlang_c(a, t / h, sl, occ)
        return agents, _c_figures(agents.astype(np.float64), a, h, t, b)
    from supervisor_app.domain import erlang_a  # it builds on this module

    patience = np.broadcast_to(patience, a.shape)
    agents = erlang_a.solve_erlang_a(a, h, patience, t, sl, occ)
    return agents, erlang_a.a_figures(agents.astype(np.float64), a, h, t, patience)


def required_agents(
    volume: float,
    aht_seconds: float,
    interval_minutes: int,
    target: StaffingTarget,
    patience_seconds: float | None = None,
) -> Requirement:
    """One interval's requirement: Erlang C, or Erlang A with callers' mean patience."""
    r = required_agents_array(
        volume, aht_seconds, interval_minutes, *astuple(target), patience_seconds
    )
    return Requirement(**{key: value.item() for key, value in r.items()})
