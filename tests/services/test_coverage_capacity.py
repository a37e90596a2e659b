"""Coverage, capacity and labour cost of a hand-made week, on both engines.

London in November (local = UTC), 15-minute intervals, week of Monday 30 November.
Sales forecasts 50 calls × 180 s at Monday 09:00: 10 Erlangs, and 80 % in 20 s
needs 14 agents (callcentrehelper.com's worked example, at twice the rate).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from supervisor_app.domain.enums import ActivityKind, Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import (
    capacity_plan,
    coverage_week,
    period_of,
    set_interval,
    set_weekly_budget,
    week_labour_cost,
)
from supervisor_app.services.planning.settings import set_queue_planning, set_site_planning
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    Team,
)

WEEK = date(2026, 11, 30)


def t(hhmm: str, day: int = 30) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2026, 11, day, h, m, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def floor(db: Database) -> dict[str, int]:
    """Ann (Sales, 40 h, 20/h): 09:00–17:00, break 09:00–09:05, lunch 12:00–12:30.
    Bob (Sales and Billing, 20 h, 15/h): 09:00–13:00."""
    with db.sessions.begin() as s:
        site = Site(name="North", timezone="Europe/London")
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE)
        billing = Queue(site=site, name="Billing", channel=Channel.VOICE)
        team = Team(site=site, name="A")
        ann = Agent(
            employee_code="A1",
            name="Ann",
            team=team,
            hourly_cost=Decimal("20"),
            contracted_weekly_hours=Decimal("40"),
        )
        bob = Agent(
            employee_code="B2",
            name="Bob",
            team=team,
            hourly_cost=Decimal("15"),
            contracted_weekly_hours=Decimal("20"),
        )
        s.add_all([site, sales, billing, team, ann, bob])
        s.flush()
        s.add_all(
            [
                AgentSkill(agent_id=ann.id, queue_id=sales.id),
                AgentSkill(agent_id=bob.id, queue_id=sales.id),
                AgentSkill(agent_id=bob.id, queue_id=billing.id),
            ]
        )
        shift = Shift(agent_id=ann.id, starts_at=t("09:00"), ends_at=t("17:00"))
        shift.activities = [
            ShiftActivity(kind=ActivityKind.BREAK, starts_at=t("09:00"), ends_at=t("09:05")),
            ShiftActivity(kind=ActivityKind.LUNCH, starts_at=t("12:00"), ends_at=t("12:30")),
        ]
        s.add_all([shift, Shift(agent_id=bob.id, starts_at=t("09:00"), ends_at=t("13:00"))])
        ids = {"sales": sales.id, "billing": billing.id}
    set_interval(db, ids["sales"], t("09:00"), 50.0, 180.0)
    return ids


def test_coverage_week_by_hand(db: Database, floor: dict[str, int]) -> None:
    cov = coverage_week(db, WEEK)
    assert len(cov.starts) == 672
    by_name = {q.name: q for q in cov.queues}
    sales, billing = by_name["Sales"], by_name["Billing"]
    i = cov.starts.index(t("09:00"))
    assert sales.required[i] == 14 and sales.to_roster[i] == 20  # 14 ÷ (1 − 0.3 default)
    # Ann 10 of 15 minutes; Bob all his time to Sales, as Billing needs nobody.
    assert sales.scheduled[i] == pytest.approx(2 / 3 + 1)
    assert billing.scheduled[i] == pytest.approx(0.0)
    assert sales.gap[i] == pytest.approx(2 / 3 + 1 - 14)
    # 09:15: no forecast anywhere: Bob split equally, Ann whole on Sales.
    j = cov.starts.index(t("09:15"))
    assert (sales.scheduled[j], billing.scheduled[j]) == pytest.approx((1.5, 0.5))
    assert sales.expected_sl[j] is None
    # Lunch 12:00–12:30 takes Ann off the phones.
    assert sales.scheduled[cov.starts.index(t("12:00"))] == pytest.approx(0.5)
    only = coverage_week(db, WEEK, [floor["billing"]])
    assert [q.name for q in only.queues] == ["Billing"]
    assert only.queues[0].scheduled[j] == pytest.approx(0.5)


def test_capacity_plan_by_hand(db: Database, floor: dict[str, int]) -> None:
    set_site_planning(db, country_code=None, fte_weekly_hours=40)
    set_queue_planning(db, floor["sales"], shrinkage=0.3, max_occupancy=0.85)
    plan = capacity_plan(db, WEEK, date(2026, 12, 6))
    # 14 agents × 0.25 h ÷ 0.7 = 5 h over one week of 40 h: 0.125 FTE.
    assert plan.required_hours == pytest.approx(5.0)
    assert plan.required_fte == pytest.approx(0.125)
    assert (plan.roster_agents, plan.roster_fte) == (2, pytest.approx(1.5))  # 60 h / 40
    assert plan.hiring_fte == 0.0
    assert (plan.days, plan.days_with_forecast) == (7, 1)  # only Monday has a forecast row
    assert period_of("month", date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_of("quarter", date(2026, 11, 14)) == (date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(UserError, match="before it starts"):
        capacity_plan(db, WEEK, date(2026, 11, 1))


def test_labour_cost_against_budget(db: Database, floor: dict[str, int]) -> None:
    # Ann 8 h less a 30-minute lunch = 7.5 h × 20 = 150; Bob 4 h × 15 = 60.
    cost = week_labour_cost(db, WEEK)
    assert (cost.paid_hours, cost.cost, cost.budget) == (11.5, 210.0, None)
    set_weekly_budget(db, WEEK, 200, expected_version=None)
    cost = week_labour_cost(db, WEEK)
    assert cost.budget == 200.0 and cost.over_budget == pytest.approx(10.0)
    set_weekly_budget(db, WEEK, "250.50", expected_version=cost.budget_version)
    cost = week_labour_cost(db, WEEK)
    assert cost.budget == 250.5
    set_weekly_budget(db, WEEK, None, expected_version=cost.budget_version)
    assert week_labour_cost(db, WEEK).budget is None
    with pytest.raises(UserError, match="budget"):
        set_weekly_budget(db, WEEK, -1, expected_version=None)
