"""A hand-made planning week for the coverage and capacity panels (London, November: UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from supervisor_app.domain.enums import ActivityKind, Channel
from supervisor_app.services.database import Database
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    Forecast,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    Team,
)

WEEK = date(2026, 11, 30)


def t(hhmm: str, day: int = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2026, 11, 30, h, m, tzinfo=UTC) + timedelta(days=day)


def build_week(db: Database, agents: int = 12) -> dict[str, int]:
    """Sales and Billing; a bell of Sales calls over Monday; ``agents`` on 08:00–16:00 with a
    lunch at staggered times, every third one also skilled for Billing."""
    with db.sessions.begin() as s:
        site = Site(name="North", timezone="Europe/London")
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE)
        billing = Queue(site=site, name="Billing", channel=Channel.VOICE)
        team = Team(site=site, name="A")
        s.add_all([site, sales, billing, team])
        s.flush()
        for k in range(32, 76):  # 08:00–19:00
            x, start = (k - 52) / 9.0, t("00:00") + timedelta(minutes=15 * k)
            volume = round(60 * 2.718 ** (-x * x), 1)
            s.add(Forecast(queue_id=sales.id, interval_start=start, volume=volume, aht_seconds=180))
            s.add(Forecast(queue_id=billing.id, interval_start=start, volume=8.0, aht_seconds=240))
        for a in range(agents):
            agent = Agent(employee_code=f"E{a}", name=f"Agent {a}", team=team)
            agent.hourly_cost, agent.contracted_weekly_hours = Decimal("18"), Decimal("37.5")
            s.add(agent)
            s.flush()
            s.add(AgentSkill(agent_id=agent.id, queue_id=sales.id))
            if a % 3 == 0:
                s.add(AgentSkill(agent_id=agent.id, queue_id=billing.id))
            shift = Shift(agent_id=agent.id, starts_at=t("08:00"), ends_at=t("16:00"))
            lunch = t("11:30") + timedelta(minutes=30 * (a % 4))
            end = lunch + timedelta(minutes=30)
            shift.activities = [
                ShiftActivity(kind=ActivityKind.LUNCH, starts_at=lunch, ends_at=end)
            ]
            s.add(shift)
        return {"sales": sales.id, "billing": billing.id}
