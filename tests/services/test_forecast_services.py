"""Forecast generation, edits, holidays and accuracy on a hand-made history, on both engines.

London in November is on GMT (local = UTC). 15-minute intervals. Each expected
value is worked out in the comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import (
    forecast_accuracy,
    generate_forecast,
    scale_day,
    set_interval,
)
from supervisor_app.services.planning.forecast_read import forecast_now, forecast_week
from supervisor_app.services.planning.settings import (
    country_of_zone,
    set_queue_planning,
    set_site_planning,
)
from supervisor_app.store.models import AuditEntry, Contact, Queue, Site


def t(day: date, hhmm: str, seconds: float = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(day.year, day.month, day.day, h, m, tzinfo=UTC) + timedelta(seconds=seconds)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def add_contacts(db: Database, queue_id: int, start: datetime, count: int, handle: float) -> None:
    """``count`` contacts arriving a second apart from ``start``, each answered at once."""
    with db.sessions.begin() as s:
        n = s.scalar(select(Contact.id).order_by(Contact.id.desc()).limit(1)) or 0
        for i in range(count):
            arrived = start + timedelta(seconds=i)
            s.add(
                Contact(
                    queue_id=queue_id,
                    source="test",
                    external_id=f"c{n + i + 1}",
                    arrived_at=arrived,
                    answered_at=arrived,
                    ended_at=arrived + timedelta(seconds=handle),
                    wrap_ended_at=arrived + timedelta(seconds=handle),
                    outcome=Outcome.ANSWERED,
                )
            )


@pytest.fixture
def sales(db: Database) -> int:
    with db.sessions.begin() as s:
        site = Site(name="North", timezone="Europe/London")
        queue = Queue(site=site, name="Sales", channel=Channel.VOICE)
        s.add_all([site, queue])
        s.flush()
        queue_id = queue.id
    # Mondays: 23 Nov 6 contacts × 200 s at 09:00; 16 Nov 3 × 300 s.
    add_contacts(db, queue_id, t(date(2026, 11, 23), "09:00"), 6, 200)
    add_contacts(db, queue_id, t(date(2026, 11, 16), "09:00"), 3, 300)
    # Thursdays: 26 Nov (Thanksgiving in the US) 10 × 100 s at 10:00; 19 Nov 4 × 100 s.
    add_contacts(db, queue_id, t(date(2026, 11, 26), "10:00"), 10, 100)
    add_contacts(db, queue_id, t(date(2026, 11, 19), "10:00"), 4, 100)
    return queue_id


def test_generate_by_hand(db: Database, sales: int) -> None:
    set_site_planning(db, country_code="US")
    week = date(2026, 11, 30)
    result = generate_forecast(db, week, weeks=2, actor="tester")
    assert result.intervals == 7 * 96
    fw = forecast_week(db, week)
    q = fw.queues[0]
    i = fw.starts.index(t(week, "09:00"))
    # Weights 2 (23 Nov), 1 (16 Nov): (2·6 + 3) / 3 = 5; AHT (2·1200 + 900) / 15 = 220.
    assert q.volume[i] == pytest.approx(5.0)
    assert q.aht_seconds[i] == pytest.approx(220.0)
    # Thursday 3 Dec: 26 Nov is a holiday, left out, so 19 Nov's 4 alone.
    j = fw.starts.index(t(date(2026, 12, 3), "10:00"))
    assert q.volume[j] == pytest.approx(4.0)
    assert [d for d, _ in result.holidays_left_out] == [date(2026, 11, 26)]
    assert result.holidays_flagged == ()
    with db.sessions() as session:
        audit = session.execute(select(AuditEntry.action, AuditEntry.actor)).all()
    assert ("forecast.generate", "tester") in audit
    # Regenerating with growth replaces the week: 5 × 1.2 = 6, same row count.
    generate_forecast(db, week, weeks=2, growth=1.2)
    assert forecast_week(db, week).queues[0].volume[i] == pytest.approx(6.0)


def test_holiday_in_the_forecast_week_is_flagged(db: Database, sales: int) -> None:
    set_site_planning(db, country_code="US")
    result = generate_forecast(db, date(2026, 11, 23), weeks=2)
    assert [(d, "Thanksgiving" in name) for d, name in result.holidays_flagged] == [
        (date(2026, 11, 26), True)
    ]
    assert [d for d, _ in forecast_week(db, date(2026, 11, 23)).holidays] == [date(2026, 11, 26)]


def test_country_from_the_time_zone() -> None:
    assert country_of_zone("Europe/London") == "GB"
    assert country_of_zone("America/Chicago") == "US"
    assert country_of_zone("UTC") is None


def test_edit_an_interval_and_scale_a_day(db: Database, sales: int) -> None:
    week = date(2026, 11, 30)
    generate_forecast(db, week, weeks=2)
    nine = t(week, "09:00")
    set_interval(db, sales, nine, 12.0, 240.0, actor="planner")
    fw = forecast_week(db, week)
    i = fw.starts.index(nine)
    assert (fw.queues[0].volume[i], fw.queues[0].aht_seconds[i]) == (12.0, 240.0)
    changed = scale_day(db, week, 10.0)
    assert changed == 96
    assert forecast_week(db, week).queues[0].volume[i] == pytest.approx(13.2)
    with pytest.raises(UserError, match="not the start"):
        set_interval(db, sales, nine + timedelta(minutes=5), 1.0, 100.0)
    with pytest.raises(UserError, match="no forecast on"):
        scale_day(db, date(2027, 1, 4), 10.0)
    now = forecast_now(db, nine + timedelta(minutes=7))
    assert now[sales].volume == pytest.approx(13.2) and now[sales].interval_start == nine


def test_accuracy_by_hand(db: Database, sales: int) -> None:
    week = date(2026, 11, 23)
    set_interval(db, sales, t(week, "09:00"), 8.0, 250.0)
    (row, total) = forecast_accuracy(db, week, week)
    # Forecast 8 vs 6 at Monday 09:00, 0 vs 10 at Thursday 10:00: (2 + 10) / 16.
    assert row.volume_wape == pytest.approx(12 / 16)
    # AHT: |6·250 − 1200| + |10·0 − 1000| over 1200 + 1000.
    assert row.aht_wape == pytest.approx(1300 / 2200)
    assert (row.forecast_volume, row.actual_offered) == (8.0, 16)
    assert total.queue_id is None and total.volume_wape == pytest.approx(12 / 16)


def test_bad_input_is_refused_in_words(db: Database, sales: int) -> None:
    with pytest.raises(UserError, match="Monday"):
        generate_forecast(db, date(2026, 12, 1))
    with pytest.raises(UserError, match="growth"):
        generate_forecast(db, date(2026, 11, 30), growth=0)
    with pytest.raises(UserError, match="unknown holiday country"):
        set_site_planning(db, country_code="XX")
    with pytest.raises(UserError, match="shrinkage"):
        set_queue_planning(db, sales, shrinkage=1.0)


def test_forecast_now_carries_todays_level_so_far(db: Database, sales: int) -> None:
    week = date(2026, 11, 30)
    generate_forecast(db, week, weeks=2)  # Monday 09:00: 5 contacts; nothing before it
    for hhmm in ("08:00", "08:15", "08:30", "08:45"):
        set_interval(db, sales, t(week, hhmm), 10.0, 200.0)
    add_contacts(db, sales, t(week, "08:00"), 60, 100)  # 60 came where 40 were forecast
    now = forecast_now(db, t(week, "09:07"))[sales]
    # (60 + 80) / (40 + 80): the prior of 80 forecast contacts shrinks the ratio 1.5
    assert now.level == pytest.approx(140 / 120)
    assert now.reforecast == pytest.approx(5.0 * 140 / 120)
    early = forecast_now(db, t(week, "08:20"))[sales]  # 10 forecast so far: too few
    assert early.level is None and early.reforecast == early.volume
