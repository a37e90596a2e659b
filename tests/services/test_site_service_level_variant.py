"""The site's headline service level: every view shows the variant the site chose.

One queue (answer threshold 20 s, short abandons up to 5 s) and five contacts
between 09:00 and 09:05 UTC on Wednesday 18 November 2026 (London is on UTC):
  A answered after 10 s (in time)   B answered after 30 s (late)
  C abandoned after 3 s (short)     D abandoned after 40 s (after the threshold)
  E abandoned after 10 s (before the threshold, not short)
By hand: offered 5, short 1, answered 2, in time 1, abandoned after threshold 1:
  offered variant   1 / (5 - 1)  = 0.25
  answered variant  1 / 2        = 0.5
  answered + late   1 / (2 + 1)  = 1/3
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.live import intraday, take_snapshot
from supervisor_app.services.report_data import service_table
from supervisor_app.services.sites import set_service_level_variant, site_settings
from supervisor_app.store.models import Agent, AuditEntry, Contact, Queue, Site

DAY = date(2026, 11, 18)
NINE = datetime(2026, 11, 18, 9, tzinfo=UTC)
NOW = NINE + timedelta(hours=2)
BY_HAND = {"offered": 0.25, "answered": 0.5, "answered_and_late_abandons": 1 / 3}


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    with database.sessions() as s:
        site = Site(name="North", timezone="Europe/London", interval_minutes=15)
        queue = Queue(
            site=site,
            name="Sales",
            channel=Channel.VOICE,
            answer_threshold_seconds=20,
            short_abandon_seconds=5,
        )
        ann = Agent(employee_code="A", name="Ann", site=site)
        s.add_all([site, queue, ann])
        s.flush()
        for n, (wait, answered) in enumerate(
            [(10, True), (30, True), (3, False), (40, False), (10, False)]
        ):
            arrived = NINE + timedelta(minutes=n)
            end = arrived + timedelta(seconds=wait)
            s.add(
                Contact(
                    queue_id=queue.id,
                    source="test",
                    external_id=f"c{n}",
                    arrived_at=arrived,
                    answered_at=end if answered else None,
                    ended_at=end + timedelta(seconds=60) if answered else end,
                    wrap_ended_at=end + timedelta(seconds=90) if answered else None,
                    outcome=Outcome.ANSWERED if answered else Outcome.ABANDONED,
                    agent_id=ann.id if answered else None,
                )
            )
        s.commit()
    yield database
    database.close()


@pytest.mark.parametrize("variant", list(BY_HAND))
def test_every_view_shows_the_sites_variant(db: Database, variant: str) -> None:
    set_service_level_variant(db, variant, "planner@ws-1")
    expected = BY_HAND[variant]
    assert site_settings(db).service_level_variant.value == variant

    (row,) = kpi_report(db, DAY, DAY, "all", now=NOW).rows
    assert row.figures.service_level == pytest.approx(expected)

    (queue,) = take_snapshot(db, now=NOW).queues
    assert queue.service_level == pytest.approx(expected)

    points = intraday(db, now=NOW).points
    nine = next(p for p in points if p.start == NINE)
    assert nine.service_level == pytest.approx(expected)

    table = service_table(db, DAY, DAY, "day")
    assert table.total.figures.service_level == pytest.approx(expected)


def test_a_new_site_reads_the_offered_variant_and_a_change_is_audited(db: Database) -> None:
    assert site_settings(db).service_level_variant.value == "offered"
    set_service_level_variant(db, "answered", "planner@ws-1")
    with db.sessions() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "site.service_level_variant")
        ).one()
    assert (entry.actor, entry.before, entry.after) == (
        "planner@ws-1",
        {"service_level_variant": "offered"},
        {"service_level_variant": "answered"},
    )


def test_an_unknown_variant_is_refused_by_name(db: Database) -> None:
    with pytest.raises(UserError, match="no service-level variant 'handled'"):
        set_service_level_variant(db, "handled", "planner@ws-1")
