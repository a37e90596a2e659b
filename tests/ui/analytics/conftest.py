"""A small hand-made record for the Analytics tab tests (SQLite file, real queries).

Site North, Europe/London (UTC in November). Queues Sales (answer within 20 s,
short abandon 5 s, target 80 %) and Support (30 s, 5 s, target 90 %).
Teams Red (Ann, Bob) and Blue (Cat). Monday 2 – Tuesday 3 November 2026:

  c1 Sales   Mon 09:05  Ann  wait 10  talk 200 wrap 40  CSAT 5 "Quick and kind"
  c2 Sales   Mon 09:20  Bob  wait 30  talk 100 wrap 20  CSAT 2 "Waited far too long"
  c3 Sales   Mon 09:10  abandoned after 3 s (short)
  c4 Sales   Mon 09:12  abandoned after 45 s
  c5 Support Mon 10:00  Cat  wait 25  talk 300 wrap 0
  c6 Sales   Tue 09:07  Ann  wait 5   talk 60  wrap 30
  c7 Support Tue 14:30  Cat  wait 40  talk 120 wrap 60
  c8 Sales   Tue 09:40  Bob  wait 20  talk 50  wrap 10
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import Agent, Contact, Queue, Site, SurveyResponse, Team

MON, TUE = date(2026, 11, 2), date(2026, 11, 3)
COMMENTS = {1: (5, "Quick and kind"), 2: (2, "Waited far too long")}


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm, tzinfo=UTC)


def build_record(db: Database) -> None:
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London", interval_minutes=15)
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE, answer_threshold_seconds=20)
        support = Queue(
            site=site,
            name="Support",
            channel=Channel.CHAT,
            answer_threshold_seconds=30,
            service_level_target_pct=90.0,
        )
        red, blue = Team(site=site, name="Red"), Team(site=site, name="Blue")
        ann = Agent(employee_code="A", name="Ann", team=red)
        bob = Agent(employee_code="B", name="Bob", team=red)
        cat = Agent(employee_code="C", name="Cat", team=blue)
        s.add_all([site, sales, support, red, blue, ann, bob, cat])
        s.flush()
        for n, queue, arrived, agent, wait, talk, wrap in (
            (1, sales, at(2, 9, 5), ann, 10, 200, 40),
            (2, sales, at(2, 9, 20), bob, 30, 100, 20),
            (3, sales, at(2, 9, 10), None, 3, 0, 0),
            (4, sales, at(2, 9, 12), None, 45, 0, 0),
            (5, support, at(2, 10), cat, 25, 300, 0),
            (6, sales, at(3, 9, 7), ann, 5, 60, 30),
            (7, support, at(3, 14, 30), cat, 40, 120, 60),
            (8, sales, at(3, 9, 40), bob, 20, 50, 10),
        ):
            answered = arrived + timedelta(seconds=wait) if agent else None
            ended = (answered or arrived) + timedelta(seconds=talk if agent else wait)
            row = Contact(
                queue_id=queue.id,
                source="test",
                external_id=f"c{n}",
                arrived_at=arrived,
                answered_at=answered,
                ended_at=ended,
                wrap_ended_at=ended + timedelta(seconds=wrap) if agent else None,
                outcome=Outcome.ANSWERED if agent else Outcome.ABANDONED,
                agent_id=agent.id if agent else None,
            )
            s.add(row)
            s.flush()
            if n in COMMENTS:
                csat, comment = COMMENTS[n]
                s.add(SurveyResponse(contact_id=row.id, csat=csat, nps=None, comment=comment))
        s.commit()


@pytest.fixture
def record_db(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    build_record(db)
    yield db
    db.close()
