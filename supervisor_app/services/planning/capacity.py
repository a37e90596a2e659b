"""Capacity for a month or a quarter, and a scheduled week's labour cost against its budget.

The rules are ``domain.capacity``'s; requirements are Erlang's
(``domain.erlang.required_agents_array``) on the stored forecast.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain import capacity
from supervisor_app.domain.erlang import required_agents_array
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.forecast import check_week_start
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.planning.settings import load_queue_plans, load_site
from supervisor_app.services.planning.write_lock import begin_write
from supervisor_app.services.schedules import load_week
from supervisor_app.services.targets import targets_in_force
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, AuditEntry, Forecast, Team, WeeklyBudget

MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class QueueCapacity:
    queue_id: int
    queue: str
    required_hours: float
    required_fte: float


@dataclass(frozen=True, slots=True)
class CapacityPlan:
    first: date
    last: date
    days: int
    days_with_forecast: int  # fewer than ``days``: the figures miss the unforecast days
    fte_weekly_hours: float
    queues: tuple[QueueCapacity, ...]
    required_hours: float
    required_fte: float
    roster_agents: int
    roster_fte: float
    hiring_fte: float


@dataclass(frozen=True, slots=True)
class LabourCost:
    week_start: date
    paid_hours: float
    cost: float
    budget: float | None  # None: the planner has set no budget for the week
    agents: int
    budget_version: int | None = None  # what a budget save names as the version it replaces

    @property
    def over_budget(self) -> float | None:
        return None if self.budget is None else self.cost - self.budget


def capacity_plan(
    db: Database, first: date, last: date, *, site_id: int | None = None
) -> CapacityPlan:
    """FTE required for the local days ``first`` to ``last`` against the active roster."""
    if last < first:
        raise UserError(f"the period ends ({last}) before it starts ({first})")
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise UserError(f"capacity covers at most {MAX_DAYS} days at a time, got {days}")
    with db.sessions() as session:
        site = load_site(session, site_id)
        zone = ZoneInfo(site.timezone)
        start, _ = local_day_bounds(first, zone)
        _, end = local_day_bounds(last, zone)
        plans = load_queue_plans(session, site.site_id)
        in_force = targets_in_force(session, [p.queue_id for p in plans], first, last)
        rows = session.execute(
            select(
                Forecast.queue_id, Forecast.interval_start, Forecast.volume, Forecast.aht_seconds
            )
            .where(Forecast.interval_start >= start, Forecast.interval_start < end)
            .order_by(Forecast.queue_id, Forecast.interval_start)
        ).all()
        roster = session.execute(
            select(func.count(Agent.id), func.coalesce(func.sum(Agent.contracted_weekly_hours), 0))
            .join(Team, Team.id == Agent.team_id)
            .where(Team.site_id == site.site_id, Agent.active.is_(True))
        ).one()
    by_queue: dict[int, list[tuple[float, float, float, float]]] = defaultdict(list)
    forecast_days = set()
    for queue_id, interval_start, volume, aht in rows:
        day = interval_start.astimezone(zone).date()
        if queue_id in in_force:  # each interval against the targets in force on its day
            t = in_force[queue_id][min(max(day, first), last)]
            by_queue[queue_id].append(
                (volume, aht, t.service_level_target, float(t.threshold_seconds))
            )
        forecast_days.add(day)
    queues = []
    for p in plans:
        loads = np.array(by_queue.get(p.queue_id, []), dtype=np.float64).reshape(-1, 4)
        agents = required_agents_array(
            loads[:, 0],
            loads[:, 1],
            site.interval_minutes,
            loads[:, 2],
            loads[:, 3],
            p.max_occupancy,
            p.shrinkage,
            p.patience_seconds,
        )["agents"]
        hours = capacity.required_hours(agents, site.interval_minutes, p.shrinkage)
        queues.append(
            QueueCapacity(
                p.queue_id, p.name, hours, capacity.fte(hours, days, site.fte_weekly_hours)
            )
        )
    total = sum(q.required_hours for q in queues)
    required_fte = capacity.fte(total, days, site.fte_weekly_hours)
    roster_fte = float(roster[1]) / site.fte_weekly_hours
    return CapacityPlan(
        first=first,
        last=last,
        days=days,
        days_with_forecast=len(forecast_days),
        fte_weekly_hours=site.fte_weekly_hours,
        queues=tuple(queues),
        required_hours=total,
        required_fte=required_fte,
        roster_agents=int(roster[0]),
        roster_fte=roster_fte,
        hiring_fte=capacity.hiring_need(required_fte, roster_fte),
    )


def week_labour_cost(db: Database, week_start: date, *, site_id: int | None = None) -> LabourCost:
    """Paid hours × hourly cost of the shifts starting in the week, and the week's budget."""
    check_week_start(week_start)
    week = load_week(db, week_start, site_id=site_id)
    rates = {a.agent_id: a.hourly_cost for a in week.agents}
    lines = capacity.cost_lines(week.shifts, rates)
    with db.sessions() as session:
        site = load_site(session, site_id)
        stored = session.execute(
            select(WeeklyBudget.amount, WeeklyBudget.version).where(
                WeeklyBudget.site_id == site.site_id, WeeklyBudget.week_start == week_start
            )
        ).first()
    budget = None if stored is None else stored.amount
    return LabourCost(
        week_start=week_start,
        paid_hours=sum(x.hours for x in lines),
        cost=sum(x.cost for x in lines),
        budget=None if budget is None else float(budget),
        agents=len(lines),
        budget_version=None if stored is None else stored.version,
    )


class BudgetConflict(UserError):
    """The week's budget is not the one the planner's save was made against."""


def set_weekly_budget(
    db: Database,
    week_start: date,
    amount: float | Decimal | None,
    *,
    expected_version: int | None,
    actor: str | None = None,
    site_id: int | None = None,
) -> int | None:
    """Set (or with None, clear) the labour budget of the week from Monday ``week_start``.

    ``expected_version``: the version of the budget the planner saw (None: they
    saw no budget). A budget saved meanwhile by someone else is never
    overwritten: ``BudgetConflict`` says who set what, and nothing is written.
    Returns the new version (None once cleared).
    """
    check_week_start(week_start)
    if amount is not None:
        try:
            amount = Decimal(str(amount)).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise UserError(f"a budget must be an amount, got {amount!r}") from None
        if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
            raise UserError(f"a budget must be 0 or more (below 10 billion), got {amount}")
    try:
        with db.sessions.begin() as session:
            begin_write(session)  # SQLite: read and write under the one write lock
            site = load_site(session, site_id)
            row = _budget_row(session, site.site_id, week_start)
            if (None if row is None else row.version) != expected_version:
                raise _budget_conflict(session, week_start, row)
            before = None if row is None else {"amount": row.amount, "version": row.version}
            if amount is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                row = WeeklyBudget(site_id=site.site_id, week_start=week_start, amount=amount)
                session.add(row)
            else:
                row.amount = amount
            session.flush()  # INSERT (unique week) or UPDATE/DELETE … WHERE version = seen
            version = None if amount is None or row is None else row.version
            audit.record(
                session,
                actor=actor or audit.current_actor(),
                action="budget.set",
                entity=BUDGET_ENTITY,
                entity_id=week_start.isoformat(),
                before=before,
                after=None if amount is None else {"amount": amount, "version": version},
            )
            announce(session.connection(), ["weekly_budgets"])
            return version
    except (IntegrityError, StaleDataError):
        # Another planner saved this week's budget between our read and our write.
        with db.sessions() as session:
            site = load_site(session, site_id)
            raise _budget_conflict(
                session, week_start, _budget_row(session, site.site_id, week_start)
            ) from None


BUDGET_ENTITY = "weekly_budgets"


def _budget_row(session: Session, site_id: int, week_start: date) -> WeeklyBudget | None:
    return session.scalar(
        select(WeeklyBudget).where(
            WeeklyBudget.site_id == site_id, WeeklyBudget.week_start == week_start
        )
    )


def _budget_conflict(
    session: Session, week_start: date, row: WeeklyBudget | None
) -> BudgetConflict:
    last = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.entity == BUDGET_ENTITY, AuditEntry.entity_id == week_start.isoformat())
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    by = "" if last is None else f" by {last.actor} ({last.at:%Y-%m-%d %H:%M} UTC)"
    now = "it is cleared now" if row is None else f"it is {row.amount:,.2f} now"
    return BudgetConflict(
        f"The budget of the week of {week_start:%d %b %Y} was changed{by}; {now}. "
        "Your budget was not saved: reload and enter it again"
    )
