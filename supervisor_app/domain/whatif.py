"""What-if at the supervisor's desk: the rest of this interval under Erlang A, and its variants.

The situation: ``waiting`` contacts in the queue now, ``forecast_rest`` more
expected before the interval ends in ``seconds_left``, ``agents`` working the
queue (available, on a contact or in wrap-up), the queue's answer time and the
callers' mean patience.

- Load: the waiting contacts are added to the rest of the interval's arrivals,
  as if they arrived over it, and the rate is taken over at least
  ``MIN_HORIZON_SECONDS`` (5 minutes), so the last seconds of an interval don't
  turn a backlog of 3 into a flood. Rate λ = (waiting + forecast_rest) / horizon.
- Figures: Erlang A (M/M/N+M, ``domain.erlang_a``) for λ, the AHT, N agents and
  the patience: service level (answered within the answer time ÷ offered),
  abandon rate and ASA. A queue with no patience set is taken as
  ``DEFAULT_PATIENCE_SECONDS`` (3 minutes) and the panel says so.
- Moving k agents to or from the queue: the same with N ± k for the whole horizon.
- Sending k on a break of b minutes now: N − k for min(b, horizon) and N after,
  the figures averaged by time: SL = s·SL(N − k) + (1 − s)·SL(N), s = min(b, h) / h.
- No contact waiting or expected: nothing to measure (None).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supervisor_app.domain.erlang_a import erlang_a_figures

MIN_HORIZON_SECONDS = 300.0
DEFAULT_PATIENCE_SECONDS = 180.0
_UNIT_MINUTES = 15  # λ is expressed as contacts per 15 minutes for the Erlang functions


@dataclass(frozen=True, slots=True)
class Situation:
    waiting: int
    forecast_rest: float
    seconds_left: float
    agents: int
    aht_seconds: float
    answer_seconds: float
    patience_seconds: float | None = None

    @property
    def horizon(self) -> float:
        return max(self.seconds_left, MIN_HORIZON_SECONDS)

    @property
    def patience(self) -> float:
        return self.patience_seconds or DEFAULT_PATIENCE_SECONDS


@dataclass(frozen=True, slots=True)
class Outcome:
    label: str
    agents: int  # agents on the queue in the scenario (during the break, for a break)
    service_level: float | None
    abandon_rate: float | None
    asa_seconds: float | None


def _figures(s: Situation, agents: np.ndarray) -> dict[str, np.ndarray]:
    volume = (s.waiting + s.forecast_rest) / s.horizon * _UNIT_MINUTES * 60.0
    return erlang_a_figures(
        volume, s.aht_seconds, _UNIT_MINUTES, agents, s.answer_seconds, s.patience
    )


def _finite(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def what_if(s: Situation, max_move: int = 3, break_minutes: float = 15.0) -> tuple[Outcome, ...]:
    """Now; moving 1…``max_move`` agents away and to the queue; k on a break of ``break_minutes``.

    Rows in that order: "now", "−1 agent" … "−k", "+1 agent" … "+k", "1 on break" … "k on break"
    (moves and breaks that would leave fewer than 0 agents are left out).
    """
    moves = [0] + [-k for k in range(1, max_move + 1)] + list(range(1, max_move + 1))
    moves = [m for m in moves if s.agents + m >= 0]
    breaks = [k for k in range(1, max_move + 1) if s.agents - k >= 0]
    busy = s.waiting + s.forecast_rest > 0 and s.aht_seconds > 0
    if busy:
        counts = np.array(sorted({s.agents + m for m in moves}), dtype=np.float64)
        f = _figures(s, counts)
        at = {int(n): i for i, n in enumerate(counts)}
    share = min(break_minutes * 60.0, s.horizon) / s.horizon
    out = []
    for m in moves:
        label = "now" if m == 0 else f"{m:+d} agent{'s' if abs(m) > 1 else ''}"
        n = s.agents + m
        if not busy:
            out.append(Outcome(label, n, None, None, None))
            continue
        i = at[n]
        out.append(
            Outcome(
                label,
                n,
                float(f["service_level"][i]),
                float(f["abandon_rate"][i]),
                _finite(f["asa_seconds"][i]),
            )
        )
    for k in breaks:
        n = s.agents - k
        label = f"{k} on break"
        if not busy:
            out.append(Outcome(label, n, None, None, None))
            continue
        i, j = at[n], at[s.agents]

        def mix(key: str, i: int = i, j: int = j) -> float:
            return float(share * f[key][i] + (1 - share) * f[key][j])

        asa = mix("asa_seconds")
        out.append(Outcome(label, n, mix("service_level"), mix("abandon_rate"), _finite(asa)))
    return tuple(out)
