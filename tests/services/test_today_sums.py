"""The live view's today sums, kept per quarter-hour, equal a fresh sum of the whole day.

Each example plays a console refreshing while writers work: the clock moves on
(across local midnight, on the days clocks change), contacts arrive, are answered,
end, are edited or deleted, in the open quarter-hour and in closed ones, some stored
late. After every step the snapshot's "today" must equal ``sums_by_queue`` over
[local midnight, now], the raw path that reads every contact of the day. Both
engines; the per-engine cache lives on between examples, as in a console that
stays open while the data changes under it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.contact_sums import sums_by_queue
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import take_snapshot
from supervisor_app.store.models import Contact, Queue, Site

LONDON = ZoneInfo("Europe/London")
# A plain day, the 23-hour day clocks go forward and the 25-hour day they go back;
# each example starts at 21:00 local the evening before, so it crosses a midnight.
DAYS = [datetime(2026, 11, 24), datetime(2026, 3, 29), datetime(2026, 10, 25)]


@pytest.fixture
def floor(db_url: str) -> Iterator[tuple[Database, list[int]]]:
    db = open_database(db_url)
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London")
        queues = [Queue(site=site, name=n, channel=Channel.VOICE) for n in ("Sales", "Billing")]
        s.add_all([site, *queues])
        s.commit()
        ids = [q.id for q in queues]
    yield db, ids
    db.close()


# One step: minutes the clock moves on, then writes. A write is
# ("arrive", queue, minutes before now it arrived, how it went) or
# ("touch", which contact, what changes) or ("drop", which contact).
_fate = st.sampled_from(["waiting", "talking", "wrapping", "done", "abandoned", "transferred"])
_arrive = st.tuples(
    st.just("arrive"),
    st.integers(0, 1),
    # Now, on a quarter-hour boundary or a microsecond either side, or hours back.
    st.one_of(
        st.floats(0, 300, allow_nan=False),
        st.sampled_from([0.0, 15.0, 30.0, 15.0 - 1e-8, 15.0 + 1e-8]),
    ),
    _fate,
)
_touch = st.tuples(st.just("touch"), st.integers(0, 10_000), _fate)
_drop = st.tuples(st.just("drop"), st.integers(0, 10_000))
_step = st.tuples(
    st.floats(0, 120, allow_nan=False),
    st.lists(st.one_of(_arrive, _arrive, _touch, _drop), max_size=6),
)


def _apply_fate(contact: Contact, fate: str, now: datetime) -> None:
    """Set the contact's progress as of ``now`` (never before it arrived)."""
    arrived = contact.arrived_at
    if arrived.tzinfo is None:
        arrived = arrived.replace(tzinfo=UTC)
    span = max((now - arrived).total_seconds(), 0.0)

    def at(share: float) -> datetime:
        return arrived + timedelta(seconds=span * share)

    contact.answered_at = contact.ended_at = contact.wrap_ended_at = None
    contact.outcome = None
    contact.escalated = False
    if fate in ("talking", "wrapping", "done", "transferred"):
        contact.answered_at = at(0.3)
    if fate in ("wrapping", "done", "transferred"):
        contact.ended_at = at(0.7)
        contact.outcome = Outcome.TRANSFERRED if fate == "transferred" else Outcome.ANSWERED
    if fate in ("done", "transferred"):
        contact.wrap_ended_at = at(0.9)
        contact.escalated = fate == "transferred"
    if fate == "abandoned":
        contact.ended_at = at(0.5)
        contact.outcome = Outcome.ABANDONED


def _write(db: Database, queues: list[int], now: datetime, writes: list[tuple], n: int) -> int:
    with db.sessions() as s:
        ids = list(s.scalars(select(Contact.id).order_by(Contact.id)))
        for write in writes:
            if write[0] == "arrive":
                _, q, minutes, fate = write
                n += 1
                contact = Contact(
                    queue_id=queues[q],
                    source="t",
                    external_id=f"c{n}",
                    arrived_at=now - timedelta(minutes=minutes),
                )
                _apply_fate(contact, fate, now)
                s.add(contact)
            elif ids and write[0] == "touch":
                contact = s.get(Contact, ids[write[1] % len(ids)])
                assert contact is not None
                _apply_fate(contact, write[2], now)
            elif ids and write[0] == "drop":
                s.execute(delete(Contact).where(Contact.id == ids.pop(write[1] % len(ids))))
        s.commit()
    return n


def _assert_same(got: dict[int, ContactSums], want: dict[int, ContactSums]) -> None:
    """Counts exactly; second-sums to rounding (the two paths add in different orders)."""
    assert got.keys() == want.keys()
    for queue_id, sums in want.items():
        for f in fields(ContactSums):
            a, b = getattr(got[queue_id], f.name), getattr(sums, f.name)
            if isinstance(b, float):
                assert a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6), f.name
            else:
                assert a == b, f.name


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(day=st.sampled_from(DAYS), steps=st.lists(_step, min_size=1, max_size=8))
def test_today_equals_a_fresh_sum_of_the_day(
    floor: tuple[Database, list[int]], day: datetime, steps: list
) -> None:
    db, queues = floor
    with db.sessions() as s:
        s.execute(delete(Contact))
        s.commit()
    now = (day - timedelta(hours=3)).replace(tzinfo=LONDON).astimezone(UTC)
    n = 0
    for minutes, writes in steps:
        now += timedelta(minutes=minutes)
        n = _write(db, queues, now, writes, n)
        snap = take_snapshot(db, now=now)
        with db.sessions() as s:
            want = sums_by_queue(s, snap.day_start, now + timedelta(microseconds=1))
        _assert_same({q.queue_id: q.today for q in snap.queues if q.today.offered}, want)


def test_a_closed_quarter_hour_edited_by_another_writer_is_read_again(
    floor: tuple[Database, list[int]],
) -> None:
    """By hand: 09:05 and 09:20 arrivals; at 10:00 the 09:05 one (a closed quarter-hour,
    already summed) is answered after 30 s by a writer the console knows nothing of."""
    db, (sales, _) = floor
    nine = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # London is on GMT in November
    with db.sessions() as s:
        s.add_all(
            [
                Contact(queue_id=sales, source="t", external_id="a",
                        arrived_at=nine + timedelta(minutes=5)),
                Contact(queue_id=sales, source="t", external_id="b",
                        arrived_at=nine + timedelta(minutes=20)),
            ]
        )  # fmt: skip
        s.commit()
    ten = nine + timedelta(hours=1)
    before = next(q.today for q in take_snapshot(db, now=ten).queues if q.queue_id == sales)
    assert (before.offered, before.answered) == (2, 0)
    with db.sessions() as s:
        contact = s.scalars(select(Contact).where(Contact.external_id == "a")).one()
        contact.answered_at = contact.arrived_at + timedelta(seconds=30)
        s.commit()
    later = ten + timedelta(seconds=5)
    after = next(q.today for q in take_snapshot(db, now=later).queues if q.queue_id == sales)
    assert (after.offered, after.answered, after.answer_wait_seconds) == (2, 1, 30.0)
