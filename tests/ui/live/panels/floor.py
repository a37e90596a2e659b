"""A small hand-made floor for the intraday and timeline tests: one site in London,
one agent with a published shift, a late return from break, a few contacts and a forecast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from supervisor_app.domain.enums import ActivityKind, AgentState, Channel, Outcome, ShiftStatus
from supervisor_app.services.database import Database
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    AgentStateSpan,
    Contact,
    Forecast,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    Team,
)

# 14:00 UTC on 25 November is 14:00 in London (GMT); the day starts at 00:00 UTC.
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
DAY = datetime(2026, 11, 25, tzinfo=UTC)
ZONE = "Europe/London"


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return DAY + timedelta(hours=hour, minutes=minute, seconds=second)


def build_floor(db: Database) -> int:
    """The floor; returns Maria's agent id."""
    with db.sessions() as s:
        site = Site(name="North", timezone=ZONE, interval_minutes=15)
        team = Team(site=site, name="Voice A")
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE)
        maria = Agent(employee_code="M1", name="Maria Lopez", team=team)
        s.add_all([site, team, sales, maria])
        s.flush()
        shift = Shift(
            agent_id=maria.id, starts_at=at(8), ends_at=at(16), status=ShiftStatus.PUBLISHED
        )
        shift.activities += [
            ShiftActivity(kind=ActivityKind.BREAK, starts_at=at(10, 15), ends_at=at(10, 30)),
            ShiftActivity(kind=ActivityKind.LUNCH, starts_at=at(12, 30), ends_at=at(13)),
        ]
        spans = [  # logs in 6 minutes late, back from break 12 minutes late
            (AgentState.AVAILABLE, at(8, 6), at(10, 15), None),
            (AgentState.BREAK, at(10, 15), at(10, 42), "Coffee"),
            (AgentState.AVAILABLE, at(10, 42), at(12, 30), None),
            (AgentState.LUNCH, at(12, 30), at(13), None),
            (AgentState.AVAILABLE, at(13), None, None),
        ]
        s.add_all([AgentSkill(agent_id=maria.id, queue_id=sales.id), shift])
        s.add_all(
            AgentStateSpan(agent_id=maria.id, state=st, started_at=a, ended_at=b, reason=r)
            for st, a, b, r in spans
        )
        for k, (h, m) in enumerate([(9, 0), (9, 20), (11, 5), (13, 40)]):
            s.add(
                Contact(
                    queue_id=sales.id,
                    source="t",
                    external_id=f"c{k}",
                    agent_id=maria.id,
                    arrived_at=at(h, m),
                    answered_at=at(h, m, 12),
                    ended_at=at(h, m + 4),
                    wrap_ended_at=at(h, m + 5),
                    outcome=Outcome.ANSWERED,
                )
            )
        s.add_all(
            Forecast(
                queue_id=sales.id, interval_start=at(h, m), volume=4.0 + h / 4, aht_seconds=300.0
            )
            for h in range(8, 17)
            for m in (0, 15, 30, 45)
        )
        s.commit()
        return maria.id


def add_contact(db: Database, external_id: str, arrived: datetime) -> None:
    with db.sessions() as s:
        queue = s.query(Queue).first()
        assert queue is not None
        s.add(
            Contact(
                queue_id=queue.id,
                source="t",
                external_id=external_id,
                arrived_at=arrived,
                answered_at=arrived + timedelta(seconds=5),
                ended_at=arrived + timedelta(minutes=3),
                outcome=Outcome.ANSWERED,
            )
        )
        s.commit()
