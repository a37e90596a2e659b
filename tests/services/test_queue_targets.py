"""Effective-dated queue targets: every figure uses the targets in force on its own day.

Site East, America/New_York (EST, UTC−5, all of November 2026 after the 1st).
Queue Sales: target 80 %, answer within 20 s, short abandon 5 s, until day D;
from D = Tuesday 2026-11-10: target 90 %, within 30 s, short abandon 3 s.

Contacts (local time; UTC in brackets):
  c1 Mon 9 Nov  10:00 (15:00)            answered after 25 s
  c2 Mon 9 Nov  23:30 (Tue 10 Nov 04:30) answered after 25 s  — UTC day D, local day D−1
  c3 Mon 9 Nov  12:00 (17:00)            abandoned after 4 s
  c4 Tue 10 Nov 10:00 (15:00)            answered after 25 s
  c5 Tue 10 Nov 11:00 (16:00)            answered after 10 s
  c6 Tue 10 Nov 12:00 (17:00)            abandoned after 4 s

Worked by hand (service level, the site's "offered" variant = within ÷ (offered − short)):
  9 Nov:  within 20 s: none (25, 25 > 20) = 0; short (≤ 5 s): c3 = 1; SL = 0 ÷ (3 − 1) = 0 %
  10 Nov: within 30 s: c4 (25), c5 (10) = 2; short (≤ 3 s): none (4 > 3); SL = 2 ÷ 3 = 66.7 %
  both:   within 0 + 2 = 2; short 1 + 0 = 1; SL = 2 ÷ (6 − 1) = 40 %
Had today's values been used for both days (30 s, 3 s): within 4, short 0, SL 66.7 %;
had the old ones (20 s, 5 s): within 1 (c5), short 2, SL 25 %. Neither is what we expect.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.services.analytics import analytics_options, drilldown
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.live import take_snapshot
from supervisor_app.services.planning import coverage_inputs
from supervisor_app.services.report_data import service_table
from supervisor_app.services.targets import (
    set_queue_targets,
    target_spans,
    targets_in_force,
    targets_on,
)
from supervisor_app.store.models import (
    Agent,
    Contact,
    KpiRollupContacts,
    KpiRollupDay,
    Queue,
    QueueTarget,
    Site,
)

D = date(2026, 11, 10)
BEFORE = D - timedelta(days=1)
SETTLED = datetime(2026, 11, 20, 12, tzinfo=UTC)  # both days and their 72 h windows are over


def utc(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    with database.sessions() as s:
        site = Site(name="East", timezone="America/New_York", interval_minutes=15)
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE)  # 80 %, 20 s, 5 s
        ann = Agent(site=site, employee_code="A", name="Ann")
        s.add_all([site, sales, ann])
        s.flush()

        def contact(n: int, arrived: datetime, wait: int, answered: bool) -> None:
            end = arrived + timedelta(seconds=wait)
            s.add(
                Contact(
                    queue_id=sales.id,
                    source="test",
                    external_id=f"c{n}",
                    arrived_at=arrived,
                    answered_at=end if answered else None,
                    ended_at=end + timedelta(seconds=60) if answered else end,
                    wrap_ended_at=end + timedelta(seconds=90) if answered else None,
                    outcome=Outcome.ANSWERED if answered else Outcome.ABANDONED,
                    agent_id=ann.id if answered else None,
                    escalated=False,
                )
            )

        contact(1, utc(9, 15), 25, True)
        contact(2, utc(10, 4, 30), 25, True)
        contact(3, utc(9, 17), 4, False)
        contact(4, utc(10, 15), 25, True)
        contact(5, utc(10, 16), 10, True)
        contact(6, utc(10, 17), 4, False)
        s.commit()
    yield database
    database.close()


def queue_id(db: Database) -> int:
    with db.sessions() as s:
        return s.scalar(select(Queue.id).where(Queue.name == "Sales"))


def change_from(db: Database, day: date, now: datetime = SETTLED) -> None:
    with db.sessions() as s:
        set_queue_targets(
            s,
            queue_id(db),
            day,
            sl_target_percent=90,
            threshold_seconds=30,
            short_abandon_seconds=3,
            now=now,
        )
        s.commit()


def by_day(db: Database, **kw: object) -> dict[str, tuple[int, int, float | None]]:
    report = kpi_report(db, BEFORE, D, "day", now=SETTLED, **kw)  # type: ignore[arg-type]
    return {
        row.key[0][1]: (
            row.sums.contacts.answered_within_threshold,
            row.sums.contacts.short_abandoned,
            row.figures.service_level,
        )
        for row in report.rows
    }


EXPECTED = {
    "2026-11-09": (0, 1, 0.0),
    "2026-11-10": (2, 0, pytest.approx(2 / 3)),
}


def test_a_range_across_the_change_uses_each_days_values(db: Database) -> None:
    change_from(db, D)
    assert by_day(db, use_rollups=False) == EXPECTED
    whole = kpi_report(db, BEFORE, D, "all", now=SETTLED, use_rollups=False).rows[0]
    assert whole.sums.contacts.answered_within_threshold == 2  # 0 + 2
    assert whole.sums.contacts.short_abandoned == 1  # 1 + 0
    assert whole.figures.service_level == pytest.approx(0.4)  # 2 ÷ (6 − 1)


def test_the_rollups_are_rebuilt_by_a_change_from_a_past_date(db: Database) -> None:
    # Before the change: 20 s and 5 s on both days. 9 Nov: within 0, short 1, SL 0 ÷ 2;
    # 10 Nov: within 1 (c5), short 1 (c6, 4 ≤ 5), SL 1 ÷ (3 − 1) = 50 %.
    assert by_day(db) == {"2026-11-09": (0, 1, 0.0), "2026-11-10": (1, 1, 0.5)}
    with db.sessions() as s:
        assert set(s.scalars(select(KpiRollupDay.day))) == {BEFORE, D}  # kept
    change_from(db, D)  # made on 20 Nov, from 10 Nov
    with db.sessions() as s:
        within = s.scalar(
            select(func.sum(KpiRollupContacts.answered_within_threshold)).where(
                KpiRollupContacts.day == D, KpiRollupContacts.grain == 0
            )
        )
    assert within == 2  # rebuilt with the change, in its transaction: c4 and c5 within 30 s
    assert by_day(db) == EXPECTED  # read from the rollups
    assert by_day(db, use_rollups=False) == EXPECTED  # and the same from the raw tables


def test_a_report_for_last_month_keeps_last_months_values(db: Database) -> None:
    # A change made today (20 Nov) from today: the 9–10 Nov report keeps 20 s and 5 s.
    change_from(db, SETTLED.date())
    assert by_day(db) == {"2026-11-09": (0, 1, 0.0), "2026-11-10": (1, 1, 0.5)}
    with db.sessions() as s:
        queue = s.get(Queue, queue_id(db))
        assert queue is not None  # the queue's own columns show what is in force today
        assert (queue.answer_threshold_seconds, queue.short_abandon_seconds) == (30, 3)
        assert queue.service_level_target_pct == 90


def test_a_change_dated_tomorrow_leaves_todays_live_figures_alone(db: Database) -> None:
    now = utc(10, 17, 30)  # Tue 10 Nov 12:30 EST: c4, c5, c6 so far today
    change_from(db, D + timedelta(days=1), now=now)
    [row] = take_snapshot(db, now).queues
    assert row.answer_threshold_seconds == 20
    assert row.service_level_target == pytest.approx(0.8)
    assert row.today.answered_within_threshold == 1  # c5 (10 s); c4 waited 25 s > 20
    assert row.today.short_abandoned == 1  # c6, 4 s ≤ 5
    with db.sessions() as s:
        queue = s.get(Queue, queue_id(db))
        assert queue is not None and queue.answer_threshold_seconds == 20
    # The next day the new values are in force, whatever the queue's columns still say.
    [tomorrow] = take_snapshot(db, utc(11, 15)).queues
    assert (tomorrow.answer_threshold_seconds, tomorrow.service_level_target) == (30, 0.9)


def test_values_left_out_keep_what_was_in_force_that_day(db: Database) -> None:
    qid = queue_id(db)
    change_from(db, D)
    with db.sessions() as s:
        # From 12 Nov only the target changes; 30 s and 3 s (in force on 12 Nov) stay.
        set_queue_targets(s, qid, D + timedelta(days=2), sl_target_percent=95, now=SETTLED)
        # A change before D touches only 9 Nov: from then 25 s, the rest as it was then.
        set_queue_targets(s, qid, BEFORE, threshold_seconds=25, now=SETTLED)
        s.commit()
        days = targets_in_force(s, [qid], BEFORE - timedelta(days=1), D + timedelta(days=2))[qid]
    as_tuples = {
        d: (t.sl_target_percent, t.threshold_seconds, t.short_abandon_seconds)
        for d, t in days.items()
    }
    assert as_tuples == {
        date(2026, 11, 8): (80.0, 20, 5),
        date(2026, 11, 9): (80.0, 25, 5),
        date(2026, 11, 10): (90.0, 30, 3),
        date(2026, 11, 11): (90.0, 30, 3),
        date(2026, 11, 12): (95.0, 30, 3),
    }
    # 9 Nov with 25 s: c1 and c2 (25 s each) are now within; 10 Nov unchanged.
    assert by_day(db)["2026-11-09"] == (2, 1, 1.0)  # 2 ÷ (3 − 1)


def test_the_spans_start_at_local_midnight(db: Database) -> None:
    change_from(db, D)
    with db.sessions() as s:
        spans = target_spans(s, [queue_id(db)])
    assert [(sp.threshold_seconds, sp.ends_at) for sp in spans[:1]] == [(20, utc(10, 5))]
    assert spans[1].starts_at == utc(10, 5)  # 00:00 EST is 05:00 UTC


def test_every_new_queue_gets_a_first_row(db: Database) -> None:
    with db.sessions() as s:
        site_id = s.scalar(select(Site.id))
        s.add(Queue(site_id=site_id, name="Help", channel=Channel.CHAT, short_abandon_seconds=7))
        s.execute(  # a writer's plain INSERT (imports, the simulator) gets one too
            insert(Queue).values(
                site_id=site_id,
                name="Mail",
                channel=Channel.EMAIL,
                service_level_target_pct=70.0,
                answer_threshold_seconds=3600,
                short_abandon_seconds=0,
            )
        )
        s.commit()
        rows = s.execute(
            select(Queue.name, QueueTarget.effective_from, QueueTarget.threshold_seconds)
            .join(QueueTarget, QueueTarget.queue_id == Queue.id)
            .order_by(Queue.name)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("Help", date(1900, 1, 1), 20),
        ("Mail", date(1900, 1, 1), 3600),
        ("Sales", date(1900, 1, 1), 20),
    ]


def test_bad_values_are_refused_and_nothing_is_written(db: Database) -> None:
    qid = queue_id(db)
    with db.sessions() as s:
        for kw in ({"sl_target_percent": 150}, {"threshold_seconds": -5}, {"threshold_seconds": 0}):
            with pytest.raises(UserError):
                set_queue_targets(s, qid, D, **kw)  # type: ignore[arg-type]
        with pytest.raises(UserError, match="no queue"):
            set_queue_targets(s, 999, D, threshold_seconds=30)
        assert s.scalar(select(func.count()).select_from(QueueTarget)) == 1


def test_drilldown_judges_each_contact_by_its_day(db: Database) -> None:
    change_from(db, D)
    key = (("queue_id", queue_id(db)), ("queue", "Sales"))
    within = drilldown(db, BEFORE, D, "queue", key, "answered_within_threshold")
    assert [r.external_id for r in within.rows] == ["c4", "c5"]  # c1, c2: 25 s > 20 s
    answered = drilldown(db, BEFORE, D, "queue", key, "answered")
    assert {r.external_id: r.in_time for r in answered.rows} == {
        "c1": False,
        "c2": False,  # 23:30 on 9 Nov local, though 10 Nov in UTC
        "c4": True,
        "c5": True,
    }
    short = drilldown(db, BEFORE, D, "queue", key, "short_abandoned")
    assert [r.external_id for r in short.rows] == ["c3"]  # c6: 4 s > 3 s


def test_the_service_report_and_the_trend_targets_follow_the_days(db: Database) -> None:
    change_from(db, D)
    table = service_table(db, BEFORE, D, "day")
    cells = {c.label: (c.target, c.figures.service_level) for c in table.cells}
    assert cells == {"2026-11-09": (0.8, 0.0), "2026-11-10": (0.9, pytest.approx(2 / 3))}
    assert table.queues[0].target == 0.9  # in force on the range's last day
    options = analytics_options(db, now=SETTLED)
    assert options.service_level_target(None, BEFORE) == 0.8
    assert options.service_level_target(None, D) == 0.9


def test_planning_a_week_uses_each_days_targets(db: Database) -> None:
    change_from(db, D)  # a Tuesday: Monday 9 Nov keeps 80 % in 20 s
    [demand] = coverage_inputs(db, BEFORE).demands
    levels, answers = demand.service_level, demand.answer_seconds
    assert isinstance(levels, tuple) and isinstance(answers, tuple)
    per_day = 96  # quarter-hours in a November day in New York (no clock change that week)
    assert len(levels) == 7 * per_day
    assert set(levels[:per_day]) == {0.8} and set(levels[per_day:]) == {0.9}
    assert set(answers[:per_day]) == {20.0} and set(answers[per_day:]) == {30.0}
    with db.sessions() as s:
        assert targets_on(s, D + timedelta(days=30))[queue_id(db)].threshold_seconds == 30
