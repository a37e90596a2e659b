"""Plan accuracy: the service level the plan expected, day by day, against the floor's.

For each queue and local day of the range: the expected service level of the
schedule and forecast *as they were saved* (``domain.coverage``, the figures
the coverage panel shows, with the chosen method) and the achieved one (the
KPI's own ``service_level``). Where the two part, a planner can't trust the
plan, and the method whose mean gap is smallest is the one to plan with.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.coverage import QueueDemand, coverage
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.plan_accuracy import (
    PlanMethod,
    day_service_level,
)
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.planning.coverage import coverage_inputs
from supervisor_app.services.planning.patience import estimated_handle_cv2, estimated_patience
from supervisor_app.services.planning.replay import queue_facts, simulated_levels
from supervisor_app.services.planning.settings import load_site
from supervisor_app.services.schedules import load_week

MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class DayAccuracy:
    """One queue on one local day: what the plan expected and what the floor achieved."""

    queue_id: int
    queue: str
    day: date
    forecast_volume: float
    offered: int
    expected_service_level: float | None  # None: nothing forecast that day
    achieved_service_level: float | None  # None: no contact that day
    patience_seconds: float | None  # what the method assumed (None: nobody abandons)


def plan_accuracy(
    db: Database,
    first: date,
    last: date,
    *,
    site_id: int | None = None,
    method: PlanMethod = PlanMethod.ERLANG_A,
) -> list[DayAccuracy]:
    """Per queue and local day from ``first`` to ``last``, ordered by queue then day."""
    if last < first:
        raise UserError(f"the range {first} to {last} ends before it starts")
    if (last - first).days >= MAX_DAYS:
        raise UserError(f"plan accuracy covers at most {MAX_DAYS} days at a time")
    with db.sessions() as session:
        site = load_site(session, site_id)
    zone = ZoneInfo(site.timezone)
    erlang_c = method is PlanMethod.ERLANG_C
    patience = {} if erlang_c else estimated_patience(db, first, last, zone)
    spread = {} if erlang_c else estimated_handle_cv2(db, first, last, zone)
    expected = _expected(db, first, last, site.site_id, zone, (patience, spread), method)
    achieved = _achieved(db, first, last, site.site_id, sorted({q for q, _ in expected}))
    rows = []
    for (queue_id, day), (name, volume, level) in sorted(expected.items()):
        offered, achieved_level = achieved.get((queue_id, day), (0, None))
        rows.append(
            DayAccuracy(
                queue_id=queue_id,
                queue=name,
                day=day,
                forecast_volume=volume,
                offered=offered,
                expected_service_level=level,
                achieved_service_level=achieved_level,
                patience_seconds=patience.get(queue_id),
            )
        )
    return rows


def _expected(
    db: Database,
    first: date,
    last: date,
    site_id: int,
    zone: ZoneInfo,
    history: tuple[dict[int, float], dict[int, float]],
    method: PlanMethod,
) -> dict[tuple[int, date], tuple[str, float, float | None]]:
    """(queue id, day) → (queue name, forecast contacts, expected service level)."""
    out: dict[tuple[int, date], tuple[str, float, float | None]] = {}
    facts = queue_facts(db, site_id)
    week = first - timedelta(days=first.weekday())
    while week <= last:
        inputs = coverage_inputs(db, week, site_id=site_id)
        demands = tuple(_as_seen(d, *history) for d in inputs.demands)
        schedule = load_week(db, week, site_id=site_id)
        result = coverage(schedule, demands, inputs.holidays)
        days = [s.astimezone(zone).date() for s in result.starts]
        simulated = (
            simulated_levels(schedule, demands, result.starts, facts, days)
            if method is PlanMethod.SIMULATION
            else {}
        )
        for q in result.queues:
            for day in sorted(set(days)):
                if not first <= day <= last:
                    continue
                idx = [i for i, d in enumerate(days) if d == day]
                volume = [q.forecast[i] for i in idx]
                level = (
                    simulated.get((q.queue_id, day))
                    if method is PlanMethod.SIMULATION
                    else day_service_level(volume, [q.expected_sl[i] for i in idx])
                )
                out[(q.queue_id, day)] = (q.name, float(sum(volume)), level)
        week += timedelta(days=7)
    return out


def _as_seen(
    demand: QueueDemand, patience: dict[int, float], spread: dict[int, float]
) -> QueueDemand:
    """The demand as the method sees it: Erlang A with the history's patience and handle
    times' spread; plain Erlang C (no abandons, exponential handle times) without."""
    return dataclasses.replace(
        demand,
        patience_seconds=patience.get(demand.queue_id),
        handle_cv2=spread.get(demand.queue_id, 1.0),
    )


def _achieved(
    db: Database, first: date, last: date, site_id: int, queue_ids: list[int]
) -> dict[tuple[int, date], tuple[int, float | None]]:
    """(queue id, day) → (offered, achieved service level), from the KPI report."""
    out = {}
    for queue_id in queue_ids:
        report = kpi_report(db, first, last, "day", site_id=site_id, queue_ids=[queue_id])
        for row in report.rows:
            day = date.fromisoformat(str(dict(row.key)["day"]))
            out[(queue_id, day)] = (row.figures.offered, row.figures.service_level)
    return out
