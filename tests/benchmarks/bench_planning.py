"""Planning: how far the plan's expected service level is from what the floor achieved.

- ``planning.sl_prediction_error_points_<method>``: mean |expected − achieved| service
  level in percentage points over every queue-day of the demo's four weeks of history
  (one site, 60 agents, 6 queues, seed 1, history ending 2026-11-30, a Monday), for each
  method of ``plan accuracy`` (erlang_c, erlang_a, simulation). Targets (issue 17):
  ≤ 5 points for the analytic method the coverage panel uses, ≤ 3 for simulation. The
  history and the figures are deterministic.
- ``planning.reforecast_wape`` beside ``planning.forecast_wape``: the afternoon (from
  noon) of 400 simulated days whose level departs from the forecast (lognormal σ 0.15,
  Poisson arrivals, seeded), reforecast at noon from the morning's actuals
  (``domain.reforecast``) against the plain forecast. Lower is better.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
from figures import Figure

from supervisor_app.domain.forecast import wape
from supervisor_app.domain.plan_accuracy import PlanMethod, prediction_error_points
from supervisor_app.domain.reforecast import reforecast
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database
from supervisor_app.services.planning import plan_accuracy

UNTIL = datetime(2026, 11, 30, tzinfo=UTC)
FIRST, LAST = date(2026, 11, 2), date(2026, 11, 29)


def run() -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'plan.db'}")
        try:
            seed_demo(db, days=28, agents=60, queues=6, seed=1, until=UNTIL)
            for method in PlanMethod:
                rows = plan_accuracy(db, FIRST, LAST, method=method)
                error = prediction_error_points(
                    [(r.expected_service_level, r.achieved_service_level) for r in rows]
                )
                name = method.value.replace("-", "_")
                figures.append(
                    Figure(f"planning.sl_prediction_error_points_{name}", error or 0.0, "points")
                )
        finally:
            db.close()
    figures += _reforecast_figures()
    return figures


def _reforecast_figures() -> list[Figure]:
    rng = np.random.default_rng(7)
    shape = np.concatenate([np.linspace(20, 60, 16), np.linspace(60, 10, 32)])
    plain: list[float] = []
    again: list[float] = []
    truth: list[float] = []
    for _ in range(400):
        day = rng.poisson(shape * rng.lognormal(0.0, 0.15)).astype(float)
        out = reforecast(list(shape), [*day[:16], *[None] * 32], 16)
        plain += list(shape[16:])
        again += [float(v) for v in out[16:] if v is not None]
        truth += list(day[16:])
    return [
        Figure("planning.forecast_wape", wape(plain, truth) or 0.0, "ratio"),
        Figure("planning.reforecast_wape", wape(again, truth) or 0.0, "ratio"),
    ]
