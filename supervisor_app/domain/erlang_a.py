"""Erlang A (M/M/N+M): Erlang C with callers who hang up after an exponential patience.

Rates λ (arrivals), μ = 1/AHT (service), θ = 1/patience (abandonment); A = λ/μ. In the
units of θ: a = Nμ/θ = N·patience/AHT and x = λ/θ = A·patience/AHT. The queue holds
whatever N agents cannot take, and since waiting callers leave at rate θ each it is stable
for every N ≥ 1, also N ≤ A. Formulas after Garnett, Mandelbaum & Reiman, "Designing a
call center with impatient customers", MSOM 4(3), 2002, and Mandelbaum & Zeltyn, "The
M/M/n+G queue: summary of performance measures" (Technion, 2005):

- The states above N, relative to state N, sum to
  S(a, x) = Σ_{j≥0} x^j / ((a+1)(a+2)…(a+j)) = a·e^x·x^(−a)·γ(a, x),
  γ the lower incomplete gamma function (GMR's A(a, x)). This is its power series
  (Abramowitz & Stegun 6.5.29), summed in scaled form so neither e^x nor x^a is formed.
- Probability of waiting P_w = B·S / (1 + (S − 1)·B), B the Erlang B of N and A.
- A caller who finds j others queued is served with probability a/(a+j+1) (j+1 stages,
  each won against their own patience); over the queue this is GMR's P(abandon | wait) =
  1 − 1/ρ + 1/(ρS), ρ = A/N, summed here term by term so that no digits cancel when it
  is small. The abandon rate is P_w times that; occupancy the carried load
  A·(1 − abandon rate) / N.
- Service level, the share of *all* offered contacts answered within t (abandons count
  as missed, as in the KPI's default "offered" variant): the offered wait V has density
  λπ_{N−1}·exp(x(1 − e^(−θv)) − Nμv) (Baccelli & Hebuterne 1981), so
  P(served after t | wait) = γ(a+1, y) / (x·γ(a, x)), y = x·e^(−θt)
                          = a/(a+1) · e^(x−y−(a+1)θt) · S(a+1, y) / S(a, x),
  and SL = 1 − P_w·(P(abandon | wait) + P(served after t | wait)).
- ASA, over answered contacts: a caller behind j others waits through j+1 stages of rate
  θ(a+i+1), so E[wait; served | j] = a/(a+j+1) · Σ_{i=1..j+1} 1/(θ(a+i)).

As patience grows these tend to Erlang C's figures.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from supervisor_app.domain.erlang import (
    SERIES_EPS,
    Floats,
    Ints,
    ceil_int,
    check_agents,
    check_bound,
    check_load,
    check_patience,
    checked,
    erlang_b,
    idle_figures,
    require,
    solve_erlang_c,
)

_RESCALE = 1e200


def _queue_series(a: Floats, x: Floats, outcomes: int = 0) -> tuple[Floats, Floats, Floats]:
    """log S(a, x) and, with ``outcomes`` ≥ 1, P(abandon | wait), with 2 also θ·E[wait;
    served | wait], for 1-D a > 0 and x ≥ 0.

    Term j is t_j = t_{j−1}·x/(a+j); the terms grow while a + j < x, then shrink faster
    than geometrically. Sums are rescaled by 1e-200 once a term passes 1e200 (N far below
    A), and an element is done once its terms are below 1e-17 of its sum; both are checked
    every few terms. Done elements ride along (adding nothing that shows) until half are
    done, then drop out; the loop works in place, as temporaries cost more than the sums.
    """
    out_log, out_ab, out_wait = np.zeros(a.size), np.zeros(a.size), np.zeros(a.size)
    idx, aa, xx = np.arange(a.size), a, x
    t, s, scale, tmp = np.ones(a.size), np.ones(a.size), np.zeros(a.size), np.empty(a.size)
    d = 1.0 / (aa + 1.0)
    h, ab = d.copy(), d.copy()  # h_j = Σ_{i=1..j+1} 1/(a+i); ab and wait hold their j = 0 terms
    wait = aa * d * d
    pending = np.ones(a.size, bool)
    every = 4 if np.all(x * d <= 1e20) else 1  # a term grows at most (x/(a+1))^every between
    j = 0
    while idx.size:
        j += 1
        t *= np.multiply(xx, d, out=tmp)
        s += t
        np.reciprocal(np.add(aa, j + 1, out=d), out=d)
        if outcomes:
            np.multiply(t, d, out=tmp)
            tmp *= j + 1
            ab += tmp
        if outcomes > 1:
            h += d
            np.multiply(t, aa, out=tmp)
            tmp *= d
            tmp *= h
            wait += tmp
        if j % every:
            continue
        big = t > _RESCALE
        if big.any():
            f = np.where(big, 1.0 / _RESCALE, 1.0)
            t, s, ab, wait, scale = t * f, s * f, ab * f, wait * f, scale - np.log(f)
        pending &= ~((t <= SERIES_EPS * s) & (xx < aa + (j + 1)))
        if np.count_nonzero(pending) <= idx.size // 2:
            done = ~pending
            k = idx[done]
            out_log[k] = np.log(s[done]) + scale[done]
            out_ab[k], out_wait[k] = ab[done] / s[done], wait[done] / s[done]
            idx, aa, xx, t, s, d, h, ab, wait, scale = (
                v[pending] for v in (idx, aa, xx, t, s, d, h, ab, wait, scale)
            )
            tmp, pending = np.empty(idx.size), np.ones(idx.size, bool)
    return out_log, out_ab, out_wait


def _carry_erlang_b(n: Floats, base_n: Floats, base_b: Floats, load: Floats) -> Floats:
    """B(N, A) for N ≥ base_n, carried up from B(base_n, A) by the Erlang B recursion
    B(k) = A·B(k−1) / (k + A·B(k−1)) — a few steps during the search."""
    out, idx, k, b, a = np.empty(n.size), np.arange(n.size), base_n, base_b, load
    while idx.size:
        done = k >= n[idx]
        out[idx[done]] = b[done]
        keep = ~done
        idx, k, b, a = idx[keep], k[keep] + 1, b[keep], a[keep]
        ab = a * b
        b = ab / (k + ab)
    return out


def _metrics(
    n: Floats, load: Floats, r: Floats, w: Floats, b: Floats, with_wait: bool = False
) -> dict[str, Floats]:
    """Figures for N ≥ 1 agents, load A > 0, r = patience/AHT, w = t/patience and
    B = B(N, A), all 1-D."""
    a, x = n * r, load * r
    y = x * np.exp(-w)
    log_s, p_ab_wait, wait = _queue_series(a, x, 2 if with_wait else 1)
    log_s2 = _queue_series(a + 1.0, y)[0]
    pos = b > 0
    with np.errstate(over="ignore"):  # (1 − B)/(B·S) past 1e308 means P_w = 0
        q = np.where(pos, (1.0 - b) / np.where(pos, b, 1.0) * np.exp(-log_s), np.inf)
    pw = 1.0 / (1.0 + q)
    late = a / (a + 1.0) * np.exp(x - y - (a + 1.0) * w + log_s2 - log_s)
    abandon = pw * p_ab_wait
    return {
        "probability_wait": pw,
        "service_level": np.clip(1.0 - pw * (p_ab_wait + late), 0.0, 1.0),
        "abandon_rate": abandon,
        "occupancy": np.minimum(load * (1.0 - abandon) / n, 1.0),
        "served_wait": pw * wait,  # θ·E[wait; served]
    }


def solve_erlang_a(
    load: Floats,
    aht: Floats,
    patience: Floats,
    answer: Floats,
    sl_target: Floats,
    max_occupancy: Floats,
) -> Ints:
    """Least N ≥ 1 meeting the service level and maximum occupancy, for A > 0 (1-D).

    Both figures improve with N, so the good N form a ray. Patience mostly saves an agent
    or two on Erlang C's answer, so the search probes one below it first, gallops away by
    1, 2, 4, … until the answer is bracketed, then bisects: about 2·log2(distance) + 2
    rounds, each evaluating all unfinished elements together. B(N, A) is carried up from
    B(⌊A⌋, A), computed once, where N ≥ ⌊A⌋.
    """
    r, w = patience / aht, answer / patience
    erlang_c_n = solve_erlang_c(load, answer / aht, sl_target, max_occupancy)[0]
    base_n = np.floor(load)  # B(⌊A⌋, A) once; probes above are a few recursion steps away
    base_b = erlang_b(base_n, load)
    # A large queue of impatient callers can run below A, everyone waiting a little and
    # some hanging up (the efficiency-driven regime); there the fluid model's
    # N ≈ A·max(SL, e^(−t/patience)) is a far better place to start.
    fluid = ceil_int(load * np.maximum(sl_target, np.exp(-w)))
    far = (fluid < load - 3.0 * np.sqrt(load)) & (max_occupancy >= 1.0)
    probe = np.maximum(np.where(far, fluid, erlang_c_n - 1), 1)
    lo = np.zeros(load.size, np.int64)  # largest N known to fall short (0 always does)
    hi = np.full(load.size, -1, np.int64)  # least N known to meet the target, −1: none yet
    step = np.ones(load.size, np.int64)
    failed = np.zeros(load.size, bool)
    active = np.arange(load.size)
    while active.size:
        nn, k = probe[active], active
        n, b = nn.astype(np.float64), np.empty(nn.size)
        up = n >= base_n[k]
        b[up] = _carry_erlang_b(n[up], base_n[k][up], base_b[k][up], load[k][up])
        b[~up] = erlang_b(n[~up], load[k][~up])
        m = _metrics(n, load[k], r[k], w[k], b)
        ok = (m["service_level"] >= sl_target[k]) & (m["occupancy"] <= max_occupancy[k])
        hi[k] = np.where(ok, nn, hi[k])
        lo[k] = np.where(ok, lo[k], nn)
        failed[k] |= ~ok
        h, lo_k, s, f = hi[k], lo[k], step[k], failed[k]
        gallop_down = ~f & (h - s > lo_k)
        probe[k] = np.where(h < 0, lo_k + s, np.where(gallop_down, h - s, (lo_k + h) // 2))
        step[k] = 2 * s
        active = k[(h < 0) | (h - lo_k > 1)]
        check_bound(probe[active], load[active])
    return hi


def a_figures(
    n: Floats, load: Floats, aht: Floats, answer: Floats, patience: Floats
) -> dict[str, Floats]:
    """Erlang A figures for N agents and A > 0, all 1-D; with no agent nobody is answered."""
    figures = {
        "service_level": np.zeros(load.size),
        "probability_wait": np.ones(load.size),
        "asa_seconds": np.full(load.size, np.inf),
        "occupancy": np.zeros(load.size),
        "abandon_rate": np.ones(load.size),
    }
    k = np.flatnonzero(n >= 1)
    r, w = patience[k] / aht[k], answer[k] / patience[k]
    m = _metrics(n[k], load[k], r, w, erlang_b(n[k], load[k]), with_wait=True)
    for key in ("service_level", "probability_wait", "occupancy", "abandon_rate"):
        figures[key][k] = m[key]
    figures["asa_seconds"][k] = m["served_wait"] * patience[k] / (1.0 - m["abandon_rate"])
    return figures


def erlang_a_figures(
    volume: ArrayLike,
    aht_seconds: ArrayLike,
    interval_minutes: ArrayLike,
    agents: ArrayLike,
    answer_seconds: ArrayLike,
    patience_seconds: ArrayLike,
) -> dict[str, Floats]:
    """What ``agents`` achieve when callers hang up after ``patience_seconds`` on average.

    Keys: traffic_erlangs, service_level (answered within the answer time ÷ offered),
    probability_wait, asa_seconds (over answered contacts), occupancy, abandon_rate.
    With no agent nobody is answered (service level 0, everyone abandons, ASA infinite);
    with no traffic nobody waits.
    """
    v, h, i = check_load(volume, aht_seconds, interval_minutes)
    n, t = check_agents(agents), checked("answer_seconds", answer_seconds)
    require("answer_seconds", t, t >= 0, "0 or more seconds")
    p = check_patience(patience_seconds)
    arrays = np.broadcast_arrays(v, h, i, n, t, p)
    shape = arrays[0].shape
    v, h, i, n, t, p = (x.ravel() for x in arrays)
    a = v * h / (i * 60.0)
    out = idle_figures(a, abandon=True)
    k = np.flatnonzero(a > 0)
    for key, value in a_figures(n[k], a[k], h[k], t[k], p[k]).items():
        out[key][k] = value
    return {key: value.reshape(shape) for key, value in out.items()}
