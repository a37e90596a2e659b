"""The KPI history on a hand-made two-day record, every figure worked out by hand, on both engines.

Site North, Europe/London, quarter-hour intervals. The range is Sunday
2026-10-25 (clocks go back at 01:00 UTC: 25 hours, 100 quarter-hours) and
Monday 2026-10-26 (GMT): from 2026-10-24 23:00 UTC to 2026-10-27 00:00 UTC.

Queues: Sales (voice, answer within 20 s, short abandon 5 s) and Support
(chat, within 30 s, short abandon 5 s). Teams: Red (Ann, Bob), Blue (Cat).

Contacts (UTC; wait, talk, wrap-up in seconds; customer):
  c1 Sales   25 Oct 00:30 (01:30 BST)  Ann  wait 10  talk 200 wrap 40  K1  survey 5 / 10
  c2 Sales   25 Oct 01:30 (01:30 GMT)  Bob  wait 30  talk 100 wrap 20  K2  survey 3 / 6
  c3 Sales   25 Oct 09:10              abandoned after 3 s (short)      K3
  c4 Support 25 Oct 10:00              Cat  wait 25  talk 300 wrap 0   K1  survey 4 / 8
  c5 Sales   26 Oct 08:00              Ann  wait 5   talk 60  wrap 30  K2  survey 1 / 0
  c6 Sales   26 Oct 09:00              abandoned after 40 s             K4
  c7 Support 26 Oct 12:00              Cat  wait 40  talk 120 wrap 60  —   survey 5 / 9
  c8 Sales   26 Oct 23:30              Bob  wait 20  talk 50  wrap 10  K6
Outside the range: c9 Sales 24 Oct 22:59:59 UTC (23:59:59 BST, the day before;
survey 1 / 0) and c10 Support 28 Oct 10:00:01, K1, 72 h + 1 s after c4.

FCR: c2 is repeated by c5 (K2, Sales, 30.5 h later): not resolved. c1 is
resolved (K1 came back, but to Support), c4 too (c10 is 1 s past 72 h); c7
has no customer and is left out. Resolved 4 of 5 (c1, c4, c5, c8).

Agent time on Monday 26 Oct (Ann's published shift 08:00–12:00 with a break
10:00–10:15; Bob's 08:00–10:00; Cat's shift is a draft, so Cat has none):
  Ann: available 07:55–08:00, on contact 08:00–09:00, wrap-up 09:00–09:30,
       available 09:30–10:01, break 10:01–10:20, available 10:20–11:00,
       offline 11:00–12:30; an approval covers 11:00–11:30.
  Bob: offline from 25 Oct 18:00 to 08:01:30, available –08:30, on contact –09:00,
       wrap-up –09:10, available –10:00, offline from 10:00 (still open).
  Cat (Sunday): available 24 Oct 22:30–23:30 UTC (half of it before the range),
       available 00:45–01:15 (across the clock change), on contact –01:45, wrap-up –02:00.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import astuple
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_app.domain.enums import ActivityKind, AgentState, Channel, Outcome, ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import KpiReport, kpi_report
from supervisor_app.store.models import (
    AdherenceApproval,
    Agent,
    AgentStateSpan,
    Contact,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    SurveyResponse,
    Team,
)

FIRST, LAST = date(2026, 10, 25), date(2026, 10, 26)
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def at(day: int, hh: int, mm: int = 0, ss: int = 0, month: int = 10) -> datetime:
    return datetime(2026, month, day, hh, mm, ss, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    build_history(database)
    yield database
    database.close()


def build_history(db: Database) -> None:
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London", interval_minutes=15)
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE, answer_threshold_seconds=20)
        support = Queue(
            site=site, name="Support", channel=Channel.CHAT, answer_threshold_seconds=30
        )
        red, blue = Team(site=site, name="Red"), Team(site=site, name="Blue")
        ann = Agent(employee_code="A", name="Ann", team=red)
        bob = Agent(employee_code="B", name="Bob", team=red)
        cat = Agent(employee_code="C", name="Cat", team=blue)
        s.add_all([site, sales, support, red, blue, ann, bob, cat])
        s.flush()

        def contact(n, queue, arrived, agent=None, wait=0, talk=0, wrap=0, ref=None, survey=None):
            answered = arrived + timedelta(seconds=wait) if agent else None
            ended = (
                (answered + timedelta(seconds=talk)) if agent else arrived + timedelta(seconds=wait)
            )
            row = Contact(
                queue_id=queue.id,
                source="test",
                external_id=f"c{n}",
                customer_ref=ref,
                arrived_at=arrived,
                answered_at=answered,
                ended_at=ended if wait or agent else None,
                wrap_ended_at=ended + timedelta(seconds=wrap) if agent else None,
                outcome=(Outcome.ANSWERED if agent else Outcome.ABANDONED)
                if wait or agent
                else None,
                agent_id=agent.id if agent else None,
            )
            s.add(row)
            s.flush()
            if survey:
                s.add(SurveyResponse(contact_id=row.id, csat=survey[0], nps=survey[1]))

        contact(1, sales, at(25, 0, 30), ann, 10, 200, 40, "K1", (5, 10))
        contact(2, sales, at(25, 1, 30), bob, 30, 100, 20, "K2", (3, 6))
        contact(3, sales, at(25, 9, 10), wait=3, ref="K3")
        contact(4, support, at(25, 10), cat, 25, 300, 0, "K1", (4, 8))
        contact(5, sales, at(26, 8), ann, 5, 60, 30, "K2", (1, 0))
        contact(6, sales, at(26, 9), wait=40, ref="K4")
        contact(7, support, at(26, 12), cat, 40, 120, 60, None, (5, 9))
        contact(8, sales, at(26, 23, 30), bob, 20, 50, 10, "K6")
        contact(9, sales, at(24, 22, 59, 59), ann, 1, 10, 0, "K7", (1, 0))
        contact(10, support, at(28, 10, 0, 1), ref="K1")

        def spans(agent, *rows):
            for state, a, b in rows:
                s.add(AgentStateSpan(agent_id=agent.id, state=state, started_at=a, ended_at=b))

        avail, talk, wrap = AgentState.AVAILABLE, AgentState.ON_CONTACT, AgentState.WRAP_UP
        off, brk = AgentState.OFFLINE, AgentState.BREAK
        spans(
            ann,
            (avail, at(26, 7, 55), at(26, 8)),
            (talk, at(26, 8), at(26, 9)),
            (wrap, at(26, 9), at(26, 9, 30)),
            (avail, at(26, 9, 30), at(26, 10, 1)),
            (brk, at(26, 10, 1), at(26, 10, 20)),
            (avail, at(26, 10, 20), at(26, 11)),
            (off, at(26, 11), at(26, 12, 30)),
        )
        spans(
            bob,
            (off, at(25, 18), at(26, 8, 1, 30)),
            (avail, at(26, 8, 1, 30), at(26, 8, 30)),
            (talk, at(26, 8, 30), at(26, 9)),
            (wrap, at(26, 9), at(26, 9, 10)),
            (avail, at(26, 9, 10), at(26, 10)),
            (off, at(26, 10), None),
        )
        spans(
            cat,
            (avail, at(24, 22, 30), at(24, 23, 30)),
            (avail, at(25, 0, 45), at(25, 1, 15)),
            (talk, at(25, 1, 15), at(25, 1, 45)),
            (wrap, at(25, 1, 45), at(25, 2)),
        )
        published = {"status": ShiftStatus.PUBLISHED, "published_by": "planner"}
        shift = Shift(agent_id=ann.id, starts_at=at(26, 8), ends_at=at(26, 12), **published)
        shift.activities.append(
            ShiftActivity(kind=ActivityKind.BREAK, starts_at=at(26, 10), ends_at=at(26, 10, 15))
        )
        s.add(shift)
        s.add(Shift(agent_id=bob.id, starts_at=at(26, 8), ends_at=at(26, 10), **published))
        s.add(Shift(agent_id=cat.id, starts_at=at(25, 0), ends_at=at(25, 4)))  # a draft
        s.add(
            AdherenceApproval(
                agent_id=ann.id,
                starts_at=at(26, 11),
                ends_at=at(26, 11, 30),
                reason="fire drill",
                approved_by="sup",
            )
        )
        s.commit()


def report(db: Database, by: str, first: date = FIRST, last: date = LAST) -> KpiReport:
    return kpi_report(db, first, last, by, now=NOW)


def rows(db: Database, by: str, name: str) -> dict[object, dict[str, object]]:
    return {row[name]: row for row in report(db, by).as_dicts()}


def test_all(db: Database) -> None:
    [row] = report(db, "all").as_dicts()
    assert (row["from"], row["to"]) == ("2026-10-25", "2026-10-26")
    # c1–c8: 8 offered; answered c1 c2 c4 c5 c7 c8; abandoned c3 (short) and c6 (after 40 s).
    assert (row["offered"], row["answered"], row["abandoned"], row["short_abandoned"]) == (
        8,
        6,
        2,
        1,
    )
    # Within threshold: c1 (10 ≤ 20), c4 (25 ≤ 30), c5 (5), c8 (20 ≤ 20); not c2 (30), c7 (40 > 30).
    assert row["answered_within_threshold"] == 4
    assert row["service_level"] == pytest.approx(4 / (8 - 1))
    assert row["abandon_rate"] == pytest.approx((2 - 1) / (8 - 1))
    assert row["asa_seconds"] == pytest.approx((10 + 30 + 25 + 5 + 40 + 20) / 6)
    # Handle = talk + wrap-up: 240, 120, 300, 90, 180, 60.
    assert row["aht_seconds"] == pytest.approx(990 / 6)
    # Waits sorted 5 10 20 25 30 40: p50 at position 2.5 → 22.5; p90 at 4.5 → 35.
    assert row["asa_p50_seconds"] == pytest.approx(22.5)
    assert row["asa_p90_seconds"] == pytest.approx(35.0)
    # Handles sorted 60 90 120 180 240 300: p50 at 2.5 → 150; p90 at 4.5 → 270.
    assert row["aht_p50_seconds"] == pytest.approx(150.0)
    assert row["aht_p90_seconds"] == pytest.approx(270.0)
    # CSAT 4–5: c1 c4 c7 of 5 answers (c9 is outside); NPS: promoters c1 c7, detractors c2 c5.
    assert row["csat"] == pytest.approx(3 / 5)
    assert row["nps"] == pytest.approx(0.0)
    assert row["fcr"] == pytest.approx(4 / 5)
    # Handling: Ann 3600 + 1800, Bob 1800 + 600, Cat 1800 + 900 = 10,500 s.
    # Available: Ann 300 + 1860 + 2400, Bob 1710 + 3000, Cat 1800 (clipped) + 1800 = 12,870 s.
    assert row["occupancy"] == pytest.approx(10_500 / (10_500 + 12_870))
    # Scheduled: Ann 4 h + Bob 2 h = 21,600 s. Adherent, Ann: 08:00–10:00 productive 7,200;
    # break 60 s available (within grace) + 840 s on break; 10:15–10:20 on break (out, 300 s);
    # 10:20–11:00 available 2,400; offline 11:00–12:00, of which the approved 1,800 s count.
    # Bob: 90 s offline at the start (within grace) + 7,110 s in productive states = 7,200.
    assert row["adherence"] == pytest.approx((7200 + 900 + 2400 + 1800 + 7200) / 21_600)


def test_by_queue(db: Database) -> None:
    got = rows(db, "queue", "queue")
    assert list(got) == ["Sales", "Support"]
    sales, support = got["Sales"], got["Support"]
    # Sales: c1 c2 c3 c5 c6 c8; within c1 c5 c8; short abandon c3.
    assert (sales["offered"], sales["answered"], sales["answered_within_threshold"]) == (6, 4, 3)
    assert sales["service_level"] == pytest.approx(3 / 5)
    assert sales["abandon_rate"] == pytest.approx(1 / 5)
    assert sales["asa_seconds"] == pytest.approx((10 + 30 + 5 + 20) / 4)
    assert sales["aht_seconds"] == pytest.approx((240 + 120 + 90 + 60) / 4)
    # Waits 5 10 20 30: p50 at 1.5 → 15, p90 at 2.7 → 20 + 0.7 × 10 = 27.
    assert (sales["asa_p50_seconds"], sales["asa_p90_seconds"]) == pytest.approx((15.0, 27.0))
    # Handles 60 90 120 240: p50 → 105, p90 → 120 + 0.7 × 120 = 204.
    assert (sales["aht_p50_seconds"], sales["aht_p90_seconds"]) == pytest.approx((105.0, 204.0))
    # Surveys c1 (5, 10), c2 (3, 6), c5 (1, 0); FCR c1 c5 c8 resolved, c2 not.
    assert sales["csat"] == pytest.approx(1 / 3)
    assert sales["nps"] == pytest.approx(100 * (1 - 2) / 3)
    assert sales["fcr"] == pytest.approx(3 / 4)
    # Support: c4 (25 s, within 30) and c7 (40 s, late).
    assert support["service_level"] == pytest.approx(1 / 2)
    assert support["abandon_rate"] == pytest.approx(0.0)
    assert (support["asa_p50_seconds"], support["asa_p90_seconds"]) == pytest.approx((32.5, 38.5))
    assert (support["aht_p50_seconds"], support["aht_p90_seconds"]) == pytest.approx((240, 288))
    assert (support["csat"], support["nps"], support["fcr"]) == pytest.approx((1.0, 50.0, 1.0))
    # Agents aren't split by queue: no occupancy or adherence per queue.
    assert sales["occupancy"] is sales["adherence"] is support["occupancy"] is None


def test_by_team_and_agent(db: Database) -> None:
    teams = rows(db, "team", "team")
    assert list(teams) == ["Blue", "Red"]
    red, blue = teams["Red"], teams["Blue"]
    # Contacts go to the agent who answered them: abandons c3 and c6 belong to no team.
    assert (red["offered"], red["answered"], red["abandoned"]) == (4, 4, 0)
    assert red["service_level"] == pytest.approx(3 / 4)  # c1 c5 c8 within, c2 late
    assert (blue["offered"], blue["service_level"]) == (2, pytest.approx(1 / 2))
    assert red["occupancy"] == pytest.approx((5400 + 2400) / (5400 + 2400 + 4560 + 4710))
    assert red["adherence"] == pytest.approx((12_300 + 7_200) / 21_600)
    assert blue["occupancy"] == pytest.approx(2700 / (2700 + 3600))
    assert blue["adherence"] is None  # Cat's only shift is a draft
    assert (red["csat"], red["fcr"]) == pytest.approx((1 / 3, 3 / 4))
    agents = rows(db, "agent", "agent")
    assert list(agents) == ["Ann", "Bob", "Cat"]
    ann, bob = agents["Ann"], agents["Bob"]
    assert (ann["team"], ann["offered"], ann["asa_seconds"]) == ("Red", 2, pytest.approx(7.5))
    assert ann["occupancy"] == pytest.approx(5400 / (5400 + 4560))
    assert ann["adherence"] == pytest.approx(12_300 / 14_400)
    assert bob["occupancy"] == pytest.approx(2400 / (2400 + 4710))
    assert bob["adherence"] == pytest.approx(1.0)


def test_by_day_week_month(db: Database) -> None:
    days = rows(db, "day", "day")
    assert list(days) == ["2026-10-25", "2026-10-26"]
    sunday, monday = days["2026-10-25"], days["2026-10-26"]
    # Sunday: c1 c2 (both at 01:30 local, either side of the clock change) c3 c4.
    assert (sunday["offered"], sunday["answered_within_threshold"]) == (4, 2)
    assert sunday["service_level"] == pytest.approx(2 / 3)
    # Monday: c5 c6 c7 c8 (c8 at 23:30 is still Monday).
    assert (monday["offered"], monday["service_level"]) == (4, pytest.approx(2 / 4))
    assert sunday["occupancy"] == pytest.approx(2700 / 6300)
    assert sunday["adherence"] is None
    assert monday["occupancy"] == pytest.approx(7800 / (7800 + 9270))
    assert monday["adherence"] == pytest.approx(19_500 / 21_600)
    weeks = rows(db, "week", "week")
    assert list(weeks) == ["2026-W43", "2026-W44"]
    assert weeks["2026-W43"]["offered"] == 4 and weeks["2026-W44"]["offered"] == 4
    [month] = report(db, "month").as_dicts()
    [whole] = report(db, "all").as_dicts()
    assert month["month"] == "2026-10"
    assert {k: v for k, v in month.items() if k != "month"} == pytest.approx(
        {k: v for k, v in whole.items() if k not in ("from", "to")}
    )


def test_by_interval_across_the_clock_change(db: Database) -> None:
    got = rows(db, "interval", "interval_start")
    assert len(got) == 100 + 96  # Sunday has 25 hours
    assert got["2026-10-25T01:30:00+01:00"]["offered"] == 1  # c1, BST
    assert got["2026-10-25T01:30:00+00:00"]["offered"] == 1  # c2, an hour later, GMT
    assert got["2026-10-26T23:30:00+00:00"]["offered"] == 1  # c8
    # Cat: available 00:45–01:15 UTC, on contact 01:15–01:45.
    assert got["2026-10-25T01:45:00+01:00"]["occupancy"] == pytest.approx(0.0)
    assert got["2026-10-25T01:15:00+00:00"]["occupancy"] == pytest.approx(1.0)
    # 08:00–08:15: Ann on contact 900 s; Bob offline 90 s (forgiven), then available 810 s.
    eight = got["2026-10-26T08:00:00+00:00"]
    assert eight["occupancy"] == pytest.approx(900 / (900 + 810))
    assert eight["adherence"] == pytest.approx(1.0)
    # 10:15–10:30: Ann on break until 10:20 (out), then available: 600 of 900 s.
    assert got["2026-10-26T10:15:00+00:00"]["adherence"] == pytest.approx(600 / 900)
    # 11:00–11:15 offline but approved; 11:30–11:45 offline.
    assert got["2026-10-26T11:00:00+00:00"]["adherence"] == pytest.approx(1.0)
    assert got["2026-10-26T11:30:00+00:00"]["adherence"] == pytest.approx(0.0)
    empty = got["2026-10-26T03:00:00+00:00"]
    assert empty["offered"] == 0 and empty["service_level"] is None and empty["occupancy"] is None


def test_bad_input_is_a_user_error(db: Database) -> None:
    with pytest.raises(UserError, match="ends before it starts"):
        report(db, "all", LAST, FIRST)
    with pytest.raises(UserError, match="no contacts between 2026-11-01 and 2026-11-30"):
        report(db, "all", date(2026, 11, 1), date(2026, 11, 30))
    with pytest.raises(UserError, match="cannot group KPIs by 'shift'"):
        report(db, "shift")


def test_no_site_is_a_user_error(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        with pytest.raises(UserError, match="no site"):
            kpi_report(database, FIRST, LAST)
    finally:
        database.close()


# ---- Properties on random histories (a few examples each: every one writes a fresh history) ----

SPAN_FIRST, SPAN_LAST = date(2026, 10, 24), date(2026, 11, 2)  # a DST day and a month edge
START = at(23, 23)  # local midnight of 24 October (BST)
SECONDS = int((at(3, 0, month=11) - START).total_seconds())  # to local midnight after 2 November
STATES = [AgentState.AVAILABLE, AgentState.ON_CONTACT, AgentState.WRAP_UP, AgentState.BREAK]

contacts_st = st.lists(
    st.tuples(
        st.integers(0, 1),  # queue
        st.integers(0, SECONDS - 1),  # arrival, seconds from the range start
        st.sampled_from(["answered", "abandoned", "waiting"]),
        st.integers(0, 90),  # wait
        st.integers(1, 900),  # talk
        st.integers(0, 3),  # answering agent (3 has no team)
    ),
    max_size=40,
)
spans_st = st.lists(  # per agent: a start, then back-to-back states (one state at a time)
    st.tuples(
        st.integers(0, 3),
        st.integers(-7200, SECONDS // 2),
        st.lists(st.tuples(st.sampled_from(STATES), st.integers(0, 20_000)), max_size=12),
    ),
    max_size=4,
    unique_by=lambda agent_spans: agent_spans[0],
)
shifts_st = st.lists(
    st.tuples(st.integers(0, 3), st.integers(-7200, SECONDS), st.integers(3600, 36_000)),
    max_size=6,
)


@pytest.fixture
def org(db_url: str) -> Iterator[tuple[Database, list[int], list[int]]]:
    database = open_database(db_url)
    with database.sessions() as s:
        site = Site(name="North", timezone="Europe/London")
        queues = [Queue(site=site, name=n, channel=Channel.VOICE) for n in ("Sales", "Support")]
        red = Team(site=site, name="Red")
        agents = [
            Agent(employee_code=f"E{i}", name=f"Agent {i}", site=site, team=red if i < 3 else None)
            for i in range(4)
        ]
        s.add_all([site, *queues, red, *agents])
        s.commit()
        ids = [q.id for q in queues], [a.id for a in agents]
    yield database, *ids
    database.close()


def write_history(org, contacts, spans, shifts) -> None:
    db, queue_ids, agent_ids = org
    with db.sessions() as s:
        for table in (SurveyResponse, Contact, AgentStateSpan, ShiftActivity, Shift):
            s.query(table).delete()
        # One contact at each end of the range, so either half of a split has contacts.
        fixed = [(0, 0, "waiting", 0, 1, 0), (1, SECONDS - 1, "waiting", 0, 1, 0)]
        for n, (q, offset, kind, wait, talk, agent) in enumerate(fixed + contacts):
            arrived = START + timedelta(seconds=offset)
            answered = arrived + timedelta(seconds=wait) if kind == "answered" else None
            ended = {"answered": (answered or arrived) + timedelta(seconds=talk),
                     "abandoned": arrived + timedelta(seconds=wait)}.get(kind)  # fmt: skip
            s.add(
                Contact(
                    queue_id=queue_ids[q],
                    source="prop",
                    external_id=str(n),
                    customer_ref=f"K{n % 5}",
                    arrived_at=arrived,
                    answered_at=answered,
                    ended_at=ended,
                    outcome=None if kind == "waiting" else Outcome(kind),
                    agent_id=agent_ids[agent] if answered else None,
                )
            )
        for agent, offset, states in spans:
            t = START + timedelta(seconds=offset)
            for state, seconds in states:
                end = t + timedelta(seconds=seconds)
                s.add(
                    AgentStateSpan(
                        agent_id=agent_ids[agent], state=state, started_at=t, ended_at=end
                    )
                )
                t = end
        for agent, offset, seconds in shifts:
            a = START + timedelta(seconds=offset)
            shift = Shift(
                agent_id=agent_ids[agent],
                starts_at=a,
                ends_at=a + timedelta(seconds=seconds),
                status=ShiftStatus.PUBLISHED,
            )
            a += timedelta(hours=1)
            shift.activities.append(
                ShiftActivity(
                    kind=ActivityKind.BREAK, starts_at=a, ends_at=a + timedelta(minutes=15)
                )
            )
            s.add(shift)
        s.commit()


def close(a: object, b: object) -> bool:
    """Dataclasses of sums equal, floats to a micro-second."""
    pairs = zip(astuple(a), astuple(b), strict=True)
    return all(x == pytest.approx(y, abs=1e-3) if x is not None else y is None for x, y in pairs)


PROPERTY = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(contacts=contacts_st, spans=spans_st, shifts=shifts_st)
def test_counts_add_up_across_groupings(org, contacts, spans, shifts) -> None:
    write_history(org, contacts, spans, shifts)
    db = org[0]
    reports = {by: kpi_report(db, SPAN_FIRST, SPAN_LAST, by, now=NOW) for by in
               ("all", "queue", "team", "agent", "interval", "day", "week", "month")}  # fmt: skip
    [whole] = reports["all"].rows
    for by in ("queue", "interval", "day", "week", "month"):
        assert sum(r.figures.offered for r in reports[by].rows) == whole.figures.offered
    answered = whole.figures.answered
    assert sum(r.figures.offered for r in reports["agent"].rows) == answered
    assert sum(r.figures.answered for r in reports["team"].rows) == answered
    for by in ("interval", "day", "week", "month"):  # agent time too, clipped per group
        total = reports[by].rows[0].sums
        for row in reports[by].rows[1:]:
            total = total + row.sums
        assert close(total.agent_time, whole.sums.agent_time)
        assert close(total.contacts, whole.sums.contacts)
    for report in reports.values():
        for row in report.rows:
            for name in ("service_level", "abandon_rate", "occupancy", "adherence", "fcr"):
                value = getattr(row.figures, name)
                assert value is None or -1e-9 <= value <= 1 + 1e-9, (report.by, name, value)


@PROPERTY
@given(
    contacts=contacts_st,
    spans=spans_st,
    shifts=shifts_st,
    cut=st.integers(0, (SPAN_LAST - SPAN_FIRST).days - 1),
)
def test_two_halves_add_up_to_the_whole(org, contacts, spans, shifts, cut) -> None:
    write_history(org, contacts, spans, shifts)
    db = org[0]
    middle = SPAN_FIRST + timedelta(days=cut)
    [whole] = kpi_report(db, SPAN_FIRST, SPAN_LAST, now=NOW).rows
    [left] = kpi_report(db, SPAN_FIRST, middle, now=NOW).rows
    [right] = kpi_report(db, middle + timedelta(days=1), SPAN_LAST, now=NOW).rows
    both = left.sums + right.sums
    assert close(both.contacts, whole.sums.contacts)
    assert close(both.agent_time, whole.sums.agent_time)
    # FCR looks past the range's end, so the left half's repeats are the whole's too.
    assert both.quality == whole.sums.quality
