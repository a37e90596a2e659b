"""Properties of the KPI report that hold for any history (hypothesis), on SQLite.

Random contacts over four local days around the clock change of Sunday
25 October 2026 (Europe/London: a 25-hour day), two queues, three agents in two
teams. For every history:
- counts add up: the queue rows, the day rows and the interval rows each sum
  to the "all" row; the team and the agent rows sum to its answered contacts;
- service level, every variant, stays within [0, 1] on every row;
- splitting the range in two and adding the two reports' sums gives the whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervisor_app.domain import kpi
from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.kpi import ContactSums, ServiceLevelVariant
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import GroupSums, KpiReport, kpi_report
from supervisor_app.store.models import Agent, Contact, Queue, Site, Team

FIRST, LAST = date(2026, 10, 24), date(2026, 10, 27)
START = datetime(2026, 10, 23, 23, tzinfo=UTC)  # local midnight of 24 Oct (BST, UTC+1)
HOURS = 24 + 25 + 24 + 24  # 24, 25 (clocks back), 26 and 27 October
NOW = datetime(2026, 11, 1, tzinfo=UTC)
COUNTS = (
    "offered",
    "answered",
    "abandoned",
    "short_abandoned",
    "abandoned_after_threshold",
    "answered_within_threshold",
    "handled",
)

contact = st.tuples(
    st.integers(0, HOURS * 3600 - 1),  # arrival, seconds after START
    st.integers(0, 1),  # queue
    st.sampled_from([None, 0, 1, 2]),  # answering agent, None: abandoned
    st.integers(0, 90),  # wait (s)
    st.integers(1, 900),  # talk + wrap-up (s)
)


@pytest.fixture
def base(sqlite_url: str) -> Iterator[tuple[Database, list[int], list[int]]]:
    db = open_database(sqlite_url)
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London", interval_minutes=15)
        queues = [
            Queue(site=site, name="Sales", channel=Channel.VOICE, answer_threshold_seconds=20),
            Queue(site=site, name="Help", channel=Channel.CHAT, answer_threshold_seconds=30),
        ]
        red, blue = Team(site=site, name="Red"), Team(site=site, name="Blue")
        agents = [
            Agent(employee_code="A", name="Ann", team=red),
            Agent(employee_code="B", name="Bob", team=red),
            Agent(employee_code="C", name="Cat", team=blue),
        ]
        s.add_all([site, *queues, red, blue, *agents])
        s.commit()
        ids = [q.id for q in queues], [a.id for a in agents]
    yield db, *ids
    db.close()


def write(db: Database, queue_ids: list[int], agent_ids: list[int], rows: list[tuple]) -> None:
    with db.sessions() as s:
        s.query(Contact).delete()
        for n, (offset, queue, agent, wait, handle) in enumerate(rows):
            arrived = START + timedelta(seconds=offset)
            ended = arrived + timedelta(seconds=wait + (handle if agent is not None else 0))
            s.add(
                Contact(
                    queue_id=queue_ids[queue],
                    source="prop",
                    external_id=str(n),
                    arrived_at=arrived,
                    answered_at=arrived + timedelta(seconds=wait) if agent is not None else None,
                    ended_at=ended,
                    outcome=Outcome.ANSWERED if agent is not None else Outcome.ABANDONED,
                    agent_id=agent_ids[agent] if agent is not None else None,
                )
            )
        s.commit()


def report(db: Database, by: str, first: date = FIRST, last: date = LAST) -> KpiReport | None:
    try:
        return kpi_report(db, first, last, by, now=NOW)
    except UserError:  # no contacts in the range
        return None


def total(rep: KpiReport | None) -> ContactSums:
    out = ContactSums()
    for row in rep.rows if rep else ():
        out = out + row.sums.contacts
    return out


def counts(sums: ContactSums) -> tuple[int, ...]:
    return tuple(getattr(sums, name) for name in COUNTS)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(contact, min_size=1, max_size=40), split=st.integers(0, 2))
def test_kpi_properties(base: tuple[Database, list[int], list[int]], rows, split: int) -> None:
    db, queue_ids, agent_ids = base
    write(db, queue_ids, agent_ids, rows)
    whole = report(db, "all")
    assert whole is not None
    everything = whole.rows[0].sums.contacts
    assert everything.offered == len(rows)
    assert everything.answered == sum(1 for r in rows if r[2] is not None)

    for by in ("queue", "day", "interval", "week", "month"):
        grouped = report(db, by)
        assert counts(total(grouped)) == counts(everything), by
        assert total(grouped).answer_wait_seconds == pytest.approx(everything.answer_wait_seconds)
    for by in ("team", "agent"):
        assert total(report(db, by)).answered == everything.answered, by

    for by in ("all", "queue", "agent", "interval"):
        rep = report(db, by)
        for row in rep.rows if rep else ():
            for variant in ServiceLevelVariant:
                sl = kpi.service_level(row.sums.contacts, variant)
                assert sl is None or 0.0 <= sl <= 1.0, (by, row.key, variant)

    middle = FIRST + timedelta(days=split)
    halves = report(db, "all", FIRST, middle), report(db, "all", middle + timedelta(days=1), LAST)
    joined = GroupSums()
    for half in halves:
        if half is not None:
            joined = joined + half.rows[0].sums
    whole_sums = whole.rows[0].sums
    for group in ("contacts", "quality"):
        a, b = getattr(joined, group), getattr(whole_sums, group)
        for f in fields(a):
            assert getattr(a, f.name) == pytest.approx(getattr(b, f.name)), (group, f.name)
