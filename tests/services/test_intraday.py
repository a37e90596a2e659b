"""The intraday series on a hand-made day, on both engines; the arithmetic is in the comments."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from supervisor_app.domain.enums import AgentState, Channel, Outcome
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import intraday
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    AgentStateSpan,
    Contact,
    Forecast,
    Queue,
    Site,
    Team,
)

# 25 November is GMT in London, so local time is UTC; 15-minute intervals.
DAY = datetime(2026, 11, 25, tzinfo=UTC)
NOW = DAY + timedelta(hours=10, minutes=20)


def t(hhmm: str, seconds: float = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return DAY + timedelta(hours=h, minutes=m, seconds=seconds)


def k(hhmm: str) -> int:
    """Index of the interval starting at ``hhmm``."""
    return int((t(hhmm) - DAY).total_seconds() // 900)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def floor(db: Database) -> dict[str, int]:
    """Sales (80 %, 20 s, short abandon 5 s), Billing (90 %, 30 s); teams A (Ann, Bob), B (Cat)."""
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London")
        sales = Queue(
            site=site,
            name="Sales",
            channel=Channel.VOICE,
            service_level_target_pct=80,
            answer_threshold_seconds=20,
            short_abandon_seconds=5,
        )
        billing = Queue(
            site=site,
            name="Billing",
            channel=Channel.VOICE,
            service_level_target_pct=90,
            answer_threshold_seconds=30,
        )
        team_a, team_b = Team(site=site, name="A"), Team(site=site, name="B")
        ann = Agent(employee_code="A1", name="Ann", team=team_a)
        bob = Agent(employee_code="B2", name="Bob", team=team_a)
        cat = Agent(employee_code="C3", name="Cat", team=team_b)
        s.add_all([site, sales, billing, team_a, team_b, ann, bob, cat])
        s.flush()
        s.add_all(
            [
                AgentSkill(agent_id=ann.id, queue_id=sales.id),
                AgentSkill(agent_id=bob.id, queue_id=sales.id),
                AgentSkill(agent_id=bob.id, queue_id=billing.id),
                AgentSkill(agent_id=cat.id, queue_id=billing.id),
            ]
        )

        def contact(
            name: str,
            queue: Queue,
            arrived: datetime,
            wait: float | None,
            agent: Agent | None = None,
            outcome: Outcome | None = Outcome.ANSWERED,
            talk: float = 120,
        ) -> None:
            answered = arrived + timedelta(seconds=wait) if agent and wait is not None else None
            ended = None
            if outcome is Outcome.ABANDONED:
                ended = arrived + timedelta(seconds=wait or 0)
            elif answered is not None and outcome is not None:
                ended = answered + timedelta(seconds=talk)
            s.add(
                Contact(
                    queue_id=queue.id,
                    source="t",
                    external_id=name,
                    arrived_at=arrived,
                    answered_at=answered,
                    ended_at=ended,
                    wrap_ended_at=ended + timedelta(seconds=30) if answered and ended else None,
                    outcome=outcome if ended else None,
                    agent_id=agent.id if agent else None,
                )
            )

        # 09:00 interval: SL = within (c1, c4) ÷ (offered 4 − short abandon c3) = 2/3.
        contact("c1", sales, t("09:01"), 10, ann)  # within 20 s
        contact("c2", sales, t("09:05"), 40, bob)  # late
        contact("c3", sales, t("09:07"), 3, outcome=Outcome.ABANDONED)  # short abandon
        contact("c4", billing, t("09:10"), 25, cat)  # within 30 s
        # 09:15 interval: one late Billing answer (Bob) → SL 0/1.
        contact("c5", billing, t("09:20"), 35, bob)
        # 10:15 interval: one caller waiting since 10:18.
        contact("c6", sales, t("10:18"), None, outcome=None)
        # Yesterday: not today.
        contact("old", sales, t("09:00") - timedelta(days=1), 5, ann)
        # An email open for two days: waiting at every minute of the last hour, not offered today.
        contact("mail", billing, NOW - timedelta(days=2), None, outcome=None)

        s.add_all(
            [
                Forecast(queue_id=sales.id, interval_start=t("09:00"), volume=4.0, aht_seconds=200),
                Forecast(
                    queue_id=billing.id, interval_start=t("09:00"), volume=2.0, aht_seconds=200
                ),
                Forecast(queue_id=sales.id, interval_start=t("09:30"), volume=3.0, aht_seconds=200),
                Forecast(
                    queue_id=billing.id, interval_start=t("09:30"), volume=1.0, aht_seconds=200
                ),
                Forecast(queue_id=sales.id, interval_start=t("12:00"), volume=9.0, aht_seconds=200),
                Forecast(
                    queue_id=sales.id,
                    interval_start=t("09:00") + timedelta(days=1),
                    volume=7.0,
                    aht_seconds=200,
                ),
            ]
        )

        def span(agent: Agent, state: AgentState, start: datetime, end: datetime | None) -> None:
            s.add(AgentStateSpan(agent_id=agent.id, state=state, started_at=start, ended_at=end))

        # Ann: available 09:05–09:25 (across the 09:15 boundary), break, available from 09:40.
        span(ann, AgentState.OFFLINE, t("00:00") - timedelta(hours=12), t("09:05"))
        span(ann, AgentState.AVAILABLE, t("09:05"), t("09:25"))
        span(ann, AgentState.BREAK, t("09:25"), t("09:40"))
        span(ann, AgentState.AVAILABLE, t("09:40"), None)
        # Bob: on a contact 08:00–09:10, then offline.
        span(bob, AgentState.ON_CONTACT, t("08:00"), t("09:10"))
        span(bob, AgentState.OFFLINE, t("09:10"), None)
        # Cat: available since 22:00 yesterday (across midnight), still.
        span(cat, AgentState.AVAILABLE, t("00:00") - timedelta(hours=2), None)
        s.commit()
        return {"sales": sales.id, "billing": billing.id, "a": team_a.id, "b": team_b.id}


def test_whole_site_by_hand(db: Database, floor: dict[str, int]) -> None:
    series = intraday(db, now=NOW)
    assert (series.day_start, series.interval_minutes, series.timezone) == (
        DAY,
        15,
        "Europe/London",
    )
    assert len(series.points) == k("10:15") + 1  # 00:00 … 10:15, the interval holding now
    assert series.points[k("10:15")].start == t("10:15")
    p = {
        name: series.points[k(name)]
        for name in ("00:00", "08:00", "09:00", "09:15", "09:30", "10:15")
    }

    assert (p["09:00"].offered, p["09:15"].offered, p["10:15"].offered) == (4, 1, 1)
    assert p["09:00"].service_level == pytest.approx(2 / 3)
    assert p["09:15"].service_level == 0.0
    assert p["10:15"].service_level == 0.0  # one offered, none answered yet
    assert p["08:00"].service_level is None and p["08:00"].offered == 0

    assert p["09:00"].forecast == 6.0  # 4 + 2
    assert p["09:30"].forecast == 4.0  # 3 + 1
    assert p["08:00"].forecast is None
    # Target weighted by offered: (3 Sales × 0.8 + 1 Billing × 0.9) ÷ 4.
    assert p["09:00"].service_level_target == pytest.approx(0.825)
    assert p["09:15"].service_level_target == pytest.approx(0.9)
    # No contacts at 09:30: weighted by forecast, (3 × 0.8 + 1 × 0.9) ÷ 4.
    assert p["09:30"].service_level_target == pytest.approx(0.825)
    assert p["08:00"].service_level_target is None

    # Agents available (average over the interval):
    assert p["00:00"].agents_available == pytest.approx(1.0)  # Cat, since yesterday
    assert p["08:00"].agents_available == pytest.approx(2.0)  # Bob on a contact + Cat
    # 09:00: Bob 09:00–09:10 (600 s) + Ann 09:05–09:15 (600 s) + Cat 900 s, over 900 s.
    assert p["09:00"].agents_available == pytest.approx(2100 / 900)
    # 09:15: Ann 09:15–09:25 (600 s) + Cat 900 s.
    assert p["09:15"].agents_available == pytest.approx(1500 / 900)
    # 09:30: Ann 09:40–09:45 (300 s) + Cat 900 s.
    assert p["09:30"].agents_available == pytest.approx(1200 / 900)
    # 10:15 so far (300 s elapsed): Ann 300 s + Cat 300 s.
    assert p["10:15"].agents_available == pytest.approx(2.0)


def test_waiting_last_hour_minute_by_minute(db: Database, floor: dict[str, int]) -> None:
    waiting = intraday(db, now=NOW).waiting_last_hour
    assert len(waiting) == 61
    assert waiting[0][0] == NOW - timedelta(hours=1) and waiting[-1][0] == NOW
    counts = [n for _, n in waiting]
    # The old email all along; c5 (09:20:00, answered 35 s later) at the first minute;
    # c6 from 10:18 (minutes 58, 59, 60).
    assert counts == [2] + [1] * 57 + [2, 2, 2]


def test_filter_by_queue(db: Database, floor: dict[str, int]) -> None:
    series = intraday(db, queue_ids=frozenset({floor["billing"]}), now=NOW)
    p9, p915 = series.points[k("09:00")], series.points[k("09:15")]
    assert (p9.offered, p9.service_level, p9.forecast) == (1, 1.0, 2.0)
    assert (p915.offered, p915.service_level) == (1, 0.0)
    assert p9.service_level_target == p915.service_level_target == pytest.approx(0.9)
    assert series.points[k("08:00")].service_level_target == pytest.approx(0.9)  # one queue
    # Agents skilled for Billing: Bob (600 s) and Cat (900 s) at 09:00.
    assert p9.agents_available == pytest.approx(1500 / 900)
    assert [n for _, n in series.waiting_last_hour][-1] == 1  # the email; c6 is Sales


def test_filter_by_team(db: Database, floor: dict[str, int]) -> None:
    series = intraday(db, team_ids=frozenset({floor["b"]}), now=NOW)
    p9, p915 = series.points[k("09:00")], series.points[k("09:15")]
    assert (p9.offered, p9.service_level) == (1, 1.0)  # only c4 was handled by Cat
    assert (p915.offered, p915.service_level) == (0, None)  # c5 was Bob's
    assert p9.agents_available == pytest.approx(1.0)  # Cat alone
    assert p9.forecast == 6.0  # forecasts follow queues, not teams
    # Waiting: the queues team B serves (Billing): the email only.
    assert [n for _, n in series.waiting_last_hour][-1] == 1


def test_dst_day_has_100_quarter_hours(db: Database) -> None:
    """Europe/London, 25 October 2026: 01:00–02:00 BST, then 01:00–02:00 GMT again."""
    midnight = datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # 00:00 BST
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London")
        queue = Queue(site=site, name="Sales", channel=Channel.VOICE)
        s.add_all([site, queue])
        s.flush()
        for name, arrived in (
            ("bst", midnight + timedelta(hours=1, minutes=30)),  # 01:30 BST
            ("gmt", midnight + timedelta(hours=2, minutes=30)),
        ):  # 01:30 GMT
            s.add(Contact(queue_id=queue.id, source="t", external_id=name, arrived_at=arrived))
        s.commit()
    now = datetime(2026, 10, 25, 23, 50, tzinfo=UTC)  # 23:50 GMT
    series = intraday(db, now=now)
    assert series.day_start == midnight
    assert len(series.points) == 100
    assert series.points[-1].start == datetime(2026, 10, 25, 23, 45, tzinfo=UTC)
    # Both 01:30s, an hour apart: quarter-hours 6 (first 01:30) and 10 (second 01:30).
    assert [i for i, p in enumerate(series.points) if p.offered] == [6, 10]
    assert series.points[10].start - series.points[6].start == timedelta(hours=1)


def test_the_rest_of_the_day_is_reforecast_at_todays_level(
    db: Database, floor: dict[str, int]
) -> None:
    assert all(r is None for _, _, r in intraday(db, now=NOW).rest)  # 10 forecast: too few
    with db.sessions.begin() as s:
        s.add_all(
            [
                Forecast(queue_id=floor["sales"], interval_start=t("08:00"), volume=15.0,
                         aht_seconds=200),
                Forecast(queue_id=floor["sales"], interval_start=t("11:00"), volume=10.0,
                         aht_seconds=200),
            ]
        )  # fmt: skip
    series = intraday(db, now=NOW)
    rest = {start: (f, r) for start, f, r in series.rest}
    assert min(rest) == t("10:30") and len(rest) == 96 - k("10:30")
    # Closed intervals (before 10:15): 5 contacts against 15 + 6 + 4 = 25 forecast;
    # level (5 + 80) / (25 + 80), times the 11:00 forecast of 10.
    assert rest[t("11:00")] == (10.0, pytest.approx(10.0 * 85 / 105))
    assert rest[t("10:30")] == (None, 0.0)  # no forecast: nothing expected
