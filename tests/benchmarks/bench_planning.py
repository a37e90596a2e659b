"""Planning: how far the plan's expected service level is from what the floor achieved.

- ``planning.sl_prediction_error_points_<method>``: mean |expected − achieved| service
  level in percentage points over every queue-day of the demo's four weeks of history
  (one site, 60 agents, 6 queues, seed 1, history ending 2026-11-30, a Monday), for each
  method of ``plan accuracy`` (erlang_c, erlang_a, simulation). Targets (issue 17):
  ≤ 5 points for the analytic method the coverage panel uses, ≤ 3 for simulation. The
  history and the figures are deterministic.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from figures import Figure

from supervisor_app.domain.plan_accuracy import PlanMethod, prediction_error_points
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
    return figures
