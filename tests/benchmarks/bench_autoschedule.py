"""``autoschedule``: ``schedule generate`` (CP-SAT) on the demo site and on a 500-agent site.

Each week is the demo simulator's (``seed_demo``, one site; the week it plans
ahead, forecast included), generated with ``--keep none`` so every shift is the
solver's. The time is the whole service call (loading, model, search, summary)
with the search limited to 80 % of the target.

Figures:

- ``autoschedule.week_60_agents_s``: the demo site, 60 agents (target ≤ 30 s);
- ``autoschedule.week_500_agents_s``: 500 agents (target ≤ 300 s);
- ``autoschedule.rule_breaks``: labour-rule violations of both generated weeks
  (``schedule check``'s count; target 0);
- ``autoschedule.under_staffed_60_before`` / ``_after``: under-staffed
  agent-intervals of the demo week as seeded and as generated (coverage panel's count).

``autoschedule.under_staffed_ratio_vs_pyworkforce`` is not implemented yet.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from figures import Figure

from supervisor_app.domain.autoschedule import Keep
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database
from supervisor_app.services.planning import coverage_inputs
from supervisor_app.services.schedules import generate_draft

CACHE = Path(tempfile.gettempdir()) / "supervisor-bench-autoschedule"
UNTIL = datetime(2026, 12, 7, 6, tzinfo=UTC)
WEEK = date(2026, 12, 7)
# Agents, target (s). The search gets 80 % of the target; loading and the model take the rest.
CASES = ((60, 30.0), (500, 300.0))
SEARCH_SHARE = 0.8


def note(text: str) -> None:
    print(f"# autoschedule: {text}", file=sys.stderr, flush=True)


def _week(agents: int, limit: float) -> tuple[float, int, float, float]:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"week_{agents}_v1.db"
    db = open_database(f"sqlite:///{path}")
    try:
        if not path.with_suffix(".seeded").exists():
            note(f"seeding {agents} agents")
            seed_demo(db, days=1, agents=agents, queues=6, seed=1, until=UNTIL)
            path.with_suffix(".seeded").touch()
        demands = coverage_inputs(db, WEEK).demands
        t0 = time.perf_counter()
        got = generate_draft(db, WEEK, demands, keep=Keep.NONE, time_limit=limit * SEARCH_SHARE)
        seconds = time.perf_counter() - t0
    finally:
        db.close()
    s = got.summary
    note(
        f"{agents} agents: {seconds:.1f} s (search {s.seconds:.1f} s), "
        f"under {s.under_staffed_before} -> "
        f"{s.under_staffed_after}, over {s.over_staffed_after}, optimal {s.optimal}"
    )
    return seconds, s.rule_breaks, s.under_staffed_before, s.under_staffed_after


def run() -> list[Figure]:
    figures: list[Figure] = []
    breaks = 0
    for agents, limit in CASES:
        seconds, broken, before, after = _week(agents, limit)
        breaks += broken
        figures.append(Figure(f"autoschedule.week_{agents}_agents_s", seconds, "s"))
        if agents == 60:
            figures.append(
                Figure("autoschedule.under_staffed_60_before", before, "agent-intervals")
            )
            figures.append(Figure("autoschedule.under_staffed_60_after", after, "agent-intervals"))
    figures.append(Figure("autoschedule.rule_breaks", breaks, "violations"))
    return figures
