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
  agent-intervals of the demo week as seeded and as generated (coverage panel's count);
- ``autoschedule.under_staffed_ratio_vs_pyworkforce``: the demo week's ``_after`` over
  the under-staffed agent-intervals of pyworkforce's ``MinAbsDifference`` for the same
  requirement, shift lengths and agent-hours, with as long to search
  (``pyworkforce_baseline``: what it is given and why); target ≤ 1.0;
- ``autoschedule.pooled_under_staffed_ratio_vs_pyworkforce``: the same with ours counted
  as pyworkforce counts (all queues one pool). The coverage panel counts multi-skilled
  agents by blocks of queues (``coverage_pooled.balanced_agents``), so the two differ
  only where skills stop agents moving between queues. The requirement is the coverage
  panel's: Erlang A with the patience and handle-time spread of the history before the
  week (the model ``plan accuracy`` checks), lower than plain Erlang C's.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from figures import Figure
from pyworkforce_baseline import min_abs_difference_under

from supervisor_app.domain.autoschedule import Keep
from supervisor_app.domain.autoschedule.patterns import shift_lengths
from supervisor_app.domain.coverage import QueueDemand, requirements, scheduled_productive
from supervisor_app.domain.forecast import week_interval_starts
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database
from supervisor_app.services.planning import coverage_inputs
from supervisor_app.services.schedules import (
    GeneratedDraft,
    generate_draft,
    list_templates,
    load_rule_settings,
)

CACHE = Path(tempfile.gettempdir()) / "supervisor-bench-autoschedule"
UNTIL = datetime(2026, 12, 7, 6, tzinfo=UTC)
WEEK = date(2026, 12, 7)
# Agents, target (s). The search gets 80 % of the target; loading and the model take the rest.
CASES = ((60, 30.0), (500, 300.0))
SEARCH_SHARE = 0.8


def note(text: str) -> None:
    print(f"# autoschedule: {text}", file=sys.stderr, flush=True)


def _week(
    agents: int, limit: float
) -> tuple[float, GeneratedDraft, tuple[QueueDemand, ...], list[int]]:
    """Seconds, the generated week, its demands and the shift lengths (periods) its rules allow."""
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
        iv = got.draft.interval_minutes
        templates = tuple(t.duration_minutes for t in list_templates(db, got.draft.site_id))
        rules = load_rule_settings(db, got.draft.site_id)
        lengths = [m // iv for m in shift_lengths(rules, iv, templates)]
    finally:
        db.close()
    s = got.summary
    note(
        f"{agents} agents: {seconds:.1f} s (search {s.seconds:.1f} s), "
        f"under {s.under_staffed_before} -> "
        f"{s.under_staffed_after}, over {s.over_staffed_after}, optimal {s.optimal}"
    )
    return seconds, got, demands, lengths


def _ratio_vs_pyworkforce(
    got: GeneratedDraft, demands: tuple[QueueDemand, ...], lengths: list[int], seconds: float
) -> tuple[float, float]:
    """Our under-staffed agent-intervals over pyworkforce's for the same week's inputs: ours
    per queue as the coverage panel counts them, and ours pooled as pyworkforce counts."""
    week = got.draft
    iv = week.interval_minutes
    starts = week_interval_starts(week.week_start, ZoneInfo(week.timezone), iv)
    required, _ = requirements(demands, iv)
    per_day = 24 * 60 // iv
    if len(starts) != 7 * per_day:
        raise RuntimeError(
            "the benchmark week must have no clock change (pyworkforce's days are equal)"
        )
    ours = scheduled_productive(week, [d.name for d in demands], required, starts)
    budget = int(ours.sum())  # productive agent-intervals of our week
    theirs, used = min_abs_difference_under(
        required.sum(axis=0).reshape(7, per_day), lengths, budget, len(week.agents), seconds
    )
    note(
        f"pyworkforce MinAbsDifference: under {theirs:.0f} agent-intervals with "
        f"{used} of {budget} agent-intervals; ours {got.summary.under_staffed_after}"
    )
    pooled = float(np.maximum(required.sum(axis=0) - ours.sum(axis=0), 0).sum())
    note(f"ours counted as pyworkforce counts (one pool): under {pooled:.0f} agent-intervals")
    if not theirs:
        return float("inf"), float("inf")
    return got.summary.under_staffed_after / theirs, pooled / theirs


def run() -> list[Figure]:
    figures: list[Figure] = []
    breaks = 0
    for agents, limit in CASES:
        seconds, got, demands, lengths = _week(agents, limit)
        s = got.summary
        breaks += s.rule_breaks
        figures.append(Figure(f"autoschedule.week_{agents}_agents_s", seconds, "s"))
        if agents == 60:
            figures.append(
                Figure(
                    "autoschedule.under_staffed_60_before",
                    s.under_staffed_before,
                    "agent-intervals",
                )
            )
            figures.append(
                Figure(
                    "autoschedule.under_staffed_60_after", s.under_staffed_after, "agent-intervals"
                )
            )
            ratio, pooled = _ratio_vs_pyworkforce(got, demands, lengths, limit * SEARCH_SHARE)
            figures.append(
                Figure("autoschedule.under_staffed_ratio_vs_pyworkforce", ratio, "ratio")
            )
            figures.append(
                Figure("autoschedule.pooled_under_staffed_ratio_vs_pyworkforce", pooled, "ratio")
            )
    figures.append(Figure("autoschedule.rule_breaks", breaks, "violations"))
    return figures
