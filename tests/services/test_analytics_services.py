"""Analytics queries (drill-down, heat map, scorecards, comments) on a hand-made record, on
SQLite and PostgreSQL, every expected value worked out by hand below.

Site North, Europe/London: in November that is UTC, so the local times are the
UTC times written here. Quarter-hour intervals. Range Monday 2 – Tuesday 3 Nov 2026.
Queues: Sales (answer within 20 s, short abandon 5 s, target 80 %) and Support
(within 30 s, short 5 s, target 90 %). Teams: Red (Ann, Bob), Blue (Cat).

  c1 Sales   Mon 09:05  Ann  wait 10  talk 200 wrap 40  CSAT 5 NPS 10 "Quick and kind"
  c2 Sales   Mon 09:20  Bob  wait 30  talk 100 wrap 20  CSAT 2 NPS 3  "Waited far too long"
  c3 Sales   Mon 09:10  abandoned after 3 s (a short abandon)
  c4 Sales   Mon 09:12  abandoned after 45 s
  c5 Support Mon 10:00  Cat  wait 25  talk 300 wrap 0   CSAT 4 NPS 8  "Long wait but solved"
  c6 Sales   Tue 09:07  Ann  wait 5   talk 60  wrap 30  CSAT 1 NPS 0  "Rude 100% of the time"
  c7 Support Tue 14:30  Cat  wait 40  talk 120 wrap 60  CSAT 5 NPS 9  (no comment)
  c8 Sales   Tue 09:40  Bob  wait 20  talk 50  wrap 10
  c9 Sales   Wed 09:00  Ann  wait 1   talk 10  wrap 0   CSAT 1 NPS 0  "outside the range"
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.services.analytics import (
    CommentFilter,
    agent_scorecards,
    analytics_options,
    drilldown,
    export_csv,
    heatmap,
    survey_comments,
)
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import Agent, Contact, Queue, Site, SurveyResponse, Team

MON, TUE = date(2026, 11, 2), date(2026, 11, 3)
NOW = datetime(2026, 11, 10, tzinfo=UTC)


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    build(database)
    yield database
    database.close()


def build(db: Database) -> None:
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

        def contact(n, queue, arrived, agent=None, wait=0, talk=0, wrap=0, survey=None):
            answered = arrived + timedelta(seconds=wait) if agent else None
            ended = (
                answered + timedelta(seconds=talk) if agent else arrived + timedelta(seconds=wait)
            )
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
            if survey:
                csat, nps, comment = survey
                s.add(SurveyResponse(contact_id=row.id, csat=csat, nps=nps, comment=comment))

        contact(1, sales, at(2, 9, 5), ann, 10, 200, 40, (5, 10, "Quick and kind"))
        contact(2, sales, at(2, 9, 20), bob, 30, 100, 20, (2, 3, "Waited far too long"))
        contact(3, sales, at(2, 9, 10), wait=3)
        contact(4, sales, at(2, 9, 12), wait=45)
        contact(5, support, at(2, 10), cat, 25, 300, 0, (4, 8, "Long wait but solved"))
        contact(6, sales, at(3, 9, 7), ann, 5, 60, 30, (1, 0, "Rude 100% of the time"))
        contact(7, support, at(3, 14, 30), cat, 40, 120, 60, (5, 9, None))
        contact(8, sales, at(3, 9, 40), bob, 20, 50, 10)
        contact(9, sales, at(4, 9), ann, 1, 10, 0, (1, 0, "outside the range"))
        s.commit()


def ids(rows) -> list[str]:
    return [r.external_id for r in rows]


def test_options(db: Database) -> None:
    options = analytics_options(db, now=at(3, 23, 59))
    assert options.today == TUE
    assert [q.name for q in options.queues] == ["Sales", "Support"]
    assert [t.name for t in options.teams] == ["Blue", "Red"]
    assert options.service_level_target() == pytest.approx(0.9)  # the stricter of 80 and 90 %
    sales = options.queues[0].id
    assert options.service_level_target(frozenset({sales})) == pytest.approx(0.8)


def test_drilldown_abandoned_of_a_queue(db: Database) -> None:
    sales = analytics_options(db).queues[0].id
    got = drilldown(db, MON, TUE, "queue", (("queue_id", sales), ("queue", "Sales")), "abandoned")
    assert ids(got.rows) == ["c3", "c4"]  # in order of arrival, 09:10 then 09:12
    assert [r.wait_seconds for r in got.rows] == pytest.approx([3.0, 45.0])
    assert [r.short_abandon for r in got.rows] == [True, False]
    assert not got.truncated


def test_drilldown_of_an_interval(db: Database) -> None:
    key = (("interval_start", "2026-11-02T09:00:00+00:00"),)
    # 09:00–09:15 on Monday: c1 09:05, c3 09:10, c4 09:12 (c2 arrived 09:20).
    assert ids(drilldown(db, MON, TUE, "interval", key, "offered").rows) == ["c1", "c3", "c4"]
    assert ids(drilldown(db, MON, TUE, "interval", key, "abandoned").rows) == ["c3", "c4"]
    assert ids(drilldown(db, MON, TUE, "interval", key, "short_abandoned").rows) == ["c3"]
    assert ids(drilldown(db, MON, TUE, "interval", key, "answered_within_threshold").rows) == ["c1"]


def test_drilldown_of_team_and_agent(db: Database) -> None:
    options = analytics_options(db)
    red = next(t.id for t in options.teams if t.name == "Red")
    cat = next(a.id for a in options.agents if a.name == "Cat")
    team = drilldown(db, MON, TUE, "team", (("team_id", red), ("team", "Red")), "answered")
    assert ids(team.rows) == ["c1", "c2", "c6", "c8"]
    # AHT is talk + wrap-up: c1 240, c2 120, c6 90, c8 60.
    assert [r.handle_seconds for r in team.rows] == pytest.approx([240, 120, 90, 60])
    agent = drilldown(db, MON, TUE, "agent", (("agent_id", cat), ("agent", "Cat")), "csat")
    assert ids(agent.rows) == ["c5", "c7"]
    assert [r.csat for r in agent.rows] == [4, 5]


def test_drilldown_limit_and_csv(db: Database, tmp_path: Path) -> None:
    got = drilldown(db, MON, TUE, "all", (("from", "x"), ("to", "y")), "offered", limit=3)
    assert ids(got.rows) == ["c1", "c3", "c4"] and got.truncated
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "abandoned.csv"
    export_csv(got.rows, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Contact,Arrived,Queue,Agent,Outcome,Wait s")
    assert lines[1].startswith("c1,2026-11-02T09:05:00+00:00,Sales,Ann,answered,10.0,240.0,yes")
    assert len(lines) == 4
    assert [p.name for p in target.parent.iterdir()] == ["abandoned.csv"]  # no temporary left


def test_heatmap(db: Database) -> None:
    sales = analytics_options(db).queues[0].id
    got = heatmap(db, MON, TUE, [sales])
    assert len(got.slots) == 96
    # Monday 09:00: c1, c3, c4; 09:15: c2. Tuesday 09:00: c6; 09:30: c8.
    assert got.offered(0, time(9)) == 3
    assert got.offered(0, time(9, 15)) == 1
    assert got.offered(1, time(9)) == 1 and got.offered(1, time(9, 30)) == 1
    assert got.offered(0, time(10)) == 0  # c5 is Support
    # SL Monday 09:00: in time c1 ÷ (3 offered − 1 short abandon).
    assert got.service_level(0, time(9)) == pytest.approx(1 / 2)
    assert got.service_level(2, time(9)) is None
    assert heatmap(db, MON, TUE).offered(0, time(10)) == 1
    fortnight = heatmap(db, MON, date(2026, 11, 9), [sales])
    # Two Mondays (2 and 9 Nov) in the range: 3 contacts at 09:00 make 1.5 a Monday.
    assert fortnight.mean_offered(0, time(9)) == pytest.approx(1.5)
    assert fortnight.offered(2, time(9)) == 1  # c9, Wednesday


def test_scorecards(db: Database) -> None:
    cards = agent_scorecards(db, MON, TUE, now=NOW)
    assert [t.team for t in cards.teams] == ["Blue", "Red"]
    red = cards.teams[1]
    ann, bob = red.agents
    assert (ann.agent, bob.agent) == ("Ann", "Bob")
    # Ann: c1 240 s, c6 90 s → AHT 165; Bob: c2 120, c8 60 → 90. Median (165 + 90) / 2.
    assert ann.values["aht_seconds"] == pytest.approx(165.0)
    assert bob.values["aht_seconds"] == pytest.approx(90.0)
    assert red.medians["aht_seconds"] == pytest.approx(127.5)
    assert (ann.ranks["aht_seconds"], bob.ranks["aht_seconds"]) == (2, 1)  # lower is better
    assert (ann.ranks["answered"], bob.ranks["answered"]) == (1, 1)  # 2 each: a tie
    # CSAT 4–5: Ann 1 of 2 (c1 5, c6 1); Bob 0 of 1 (c2 2). Median 0.25.
    assert ann.values["csat"] == pytest.approx(0.5) and bob.values["csat"] == 0.0
    assert red.medians["csat"] == pytest.approx(0.25)
    assert (ann.ranks["csat"], bob.ranks["csat"]) == (1, 2)
    # No state spans: no occupancy, so no median and no rank.
    assert red.medians["occupancy"] is None and ann.ranks["occupancy"] is None
    blue_id = cards.teams[0].team_id
    only_blue = agent_scorecards(db, MON, TUE, team_ids=[blue_id], now=NOW)
    assert [a.agent for t in only_blue.teams for a in t.agents] == ["Cat"]


def test_comments(db: Database) -> None:
    options = analytics_options(db)

    def find(**kw) -> list[str]:
        return ids(survey_comments(db, MON, TUE, CommentFilter(**kw)).rows)

    assert find() == ["c6", "c5", "c2", "c1"]  # newest first; c7 has no comment, c9 is Wed
    assert find(min_csat=1, max_csat=2) == ["c6", "c2"]
    assert find(words="WAIT") == ["c5", "c2"]  # "Long wait…", "Waited…"
    assert find(words="wait solved") == ["c5"]
    assert find(words="100%") == ["c6"]
    assert find(words="_") == []  # a literal underscore, not "any character"
    support = options.queues[1].id
    ann = next(a.id for a in options.agents if a.name == "Ann")
    assert find(queue_id=support) == ["c5"]
    assert find(agent_id=ann) == ["c6", "c1"]
    page = survey_comments(db, MON, TUE, limit=2)
    assert ids(page.rows) == ["c6", "c5"] and page.truncated


def test_heatmap_folds_the_repeated_hour_of_a_clock_change(db: Database) -> None:
    """Sunday 25 October 2026, London: 01:00–02:00 happens twice (BST, then GMT)."""
    sales = analytics_options(db).queues[0].id
    with db.sessions() as s:
        for n, hour in ((1, 0), (2, 1)):  # 00:30 and 01:30 UTC
            arrived = datetime(2026, 10, 25, hour, 30, tzinfo=UTC)
            s.add(
                Contact(
                    queue_id=sales,
                    source="test",
                    external_id=f"dst{n}",
                    arrived_at=arrived,
                    ended_at=arrived + timedelta(seconds=60),
                    outcome=Outcome.ABANDONED,
                )
            )
        s.commit()
    got = heatmap(db, date(2026, 10, 25), date(2026, 10, 25))
    # 00:30 UTC is 01:30 BST and 01:30 UTC is 01:30 GMT: one local slot, two contacts.
    assert got.offered(6, time(1, 30)) == 2
    assert len(got.slots) == 96  # 100 quarter-hours, four of them repeated
    assert got.days == {6: 1}


def test_drilldown_keeps_the_reports_filters(db: Database) -> None:
    options = analytics_options(db)
    support = next(q.id for q in options.queues if q.name == "Support")
    blue = next(t.id for t in options.teams if t.name == "Blue")
    key = (("day", "2026-11-02"),)
    everything = drilldown(db, MON, TUE, "day", key, "offered")
    assert ids(everything.rows) == ["c1", "c3", "c4", "c2", "c5"]  # Monday, by arrival
    # Queue filter: only Support's contact that Monday (c5, 10:00).
    only_support = drilldown(db, MON, TUE, "day", key, "offered", queue_ids=[support])
    assert ids(only_support.rows) == ["c5"]
    # Team filter: what Blue (Cat) answered that Monday; abandons belong to no team.
    only_blue = drilldown(db, MON, TUE, "day", key, "offered", team_ids=[blue])
    assert ids(only_blue.rows) == ["c5"]
