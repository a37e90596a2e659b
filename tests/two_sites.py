"""Two sites in one database, three contacts each, for the site-scoping tests.

London: Europe/London (GMT in November), 15-minute intervals. New York:
America/New_York (UTC−5 in November), 30-minute intervals. Each has a queue
called "Sales" (answer within 20 s, short abandon 5 s), a team and one agent.
Every contact arrives on Wednesday 18 November 2026; handle time is talk
(answer to end), wrap-up ends with the call.

  London, agent Lena (team Thames)      local = UTC
    L1 09:00  answered after 10 s, talk 300 s
    L2 09:20  answered after 30 s, talk 200 s
    L3 09:40  abandoned after 60 s
  New York, agent Ned (team Hudson)     local = UTC − 5 h
    N1 09:00 (14:00 UTC)  answered after  5 s, talk 100 s
    N2 09:10 (14:10 UTC)  answered after 15 s, talk 400 s
    N3 09:40 (14:40 UTC)  answered after 70 s, talk 300 s

Figures by hand:
  London   offered 3, answered 2, within 20 s 1 (L1)      SL 1/3, ASA (10+30)/2 = 20,
           AHT (300+200)/2 = 250, abandon rate 1/3
  New York offered 3, answered 3, within 20 s 2 (N1, N2)  SL 2/3, ASA (5+15+70)/3 = 30,
           AHT (100+400+300)/3 = 266.67, abandon rate 0
  All      offered 6, answered 5, within 3                SL 3/6 = 0.5,
           ASA (10+30+5+15+70)/5 = 26 (the mean of the sites' ASAs would be 25),
           AHT (300+200+100+400+300)/5 = 260 (the mean of the sites' AHTs: 258.33)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.services.database import Database
from supervisor_app.store.models import Agent, AgentSkill, Contact, Queue, Site, Team

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 25, tzinfo=UTC)  # a week later: every figure settled


@dataclass(frozen=True)
class TwoSites:
    london: int
    new_york: int
    london_sales: int
    new_york_sales: int
    lena: int
    ned: int


def utc(hh: int, mm: int) -> datetime:
    return datetime(2026, 11, 18, hh, mm, tzinfo=UTC)


# (site, UTC arrival, wait seconds or None for an abandon, talk or abandon seconds)
CONTACTS = (
    ("L1", "london", utc(9, 0), 10, 300),
    ("L2", "london", utc(9, 20), 30, 200),
    ("L3", "london", utc(9, 40), None, 60),
    ("N1", "new_york", utc(14, 0), 5, 100),
    ("N2", "new_york", utc(14, 10), 15, 400),
    ("N3", "new_york", utc(14, 40), 70, 300),
)


def build_two_sites(db: Database) -> TwoSites:
    with db.sessions.begin() as s:
        london = Site(name="London", timezone="Europe/London", interval_minutes=15)
        new_york = Site(name="New York", timezone="America/New_York", interval_minutes=30)
        queues = {
            "london": Queue(site=london, name="Sales", channel=Channel.VOICE),
            "new_york": Queue(site=new_york, name="Sales", channel=Channel.VOICE),
        }
        for q in queues.values():
            q.answer_threshold_seconds, q.short_abandon_seconds = 20, 5
        agents = {
            "london": Agent(
                site=london, team=Team(site=london, name="Thames"), employee_code="L", name="Lena"
            ),
            "new_york": Agent(
                site=new_york,
                team=Team(site=new_york, name="Hudson"),
                employee_code="N",
                name="Ned",
            ),
        }
        s.add_all([london, new_york, *queues.values(), *agents.values()])
        s.flush()
        for where, agent in agents.items():
            s.add(AgentSkill(agent_id=agent.id, queue_id=queues[where].id, proficiency=5))
        for ref, where, arrived, wait, seconds in CONTACTS:
            answered = None if wait is None else arrived + timedelta(seconds=wait)
            ended = (answered or arrived) + timedelta(seconds=seconds)
            s.add(
                Contact(
                    queue_id=queues[where].id,
                    source="two-sites",
                    external_id=ref,
                    arrived_at=arrived,
                    answered_at=answered,
                    ended_at=ended,
                    wrap_ended_at=ended,
                    agent_id=None if wait is None else agents[where].id,
                    outcome=Outcome.ABANDONED if wait is None else Outcome.ANSWERED,
                )
            )
        s.flush()
        return TwoSites(
            london.id,
            new_york.id,
            queues["london"].id,
            queues["new_york"].id,
            agents["london"].id,
            agents["new_york"].id,
        )
