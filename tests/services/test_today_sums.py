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
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

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


def _play(db: Database, queues: list[int], now: datetime, steps: list) -> None:
    """From no contacts at ``now``: each step moves the clock on, writes, takes a snapshot
    and checks its "today" against the raw sum of the day so far."""
    with db.sessions() as s:
        s.execute(delete(Contact))
        s.commit()
    n = 0
    for minutes, writes in steps:
        now += timedelta(minutes=minutes)
        n = _write(db, queues, now, writes, n)
        snap = take_snapshot(db, now=now)
        with db.sessions() as s:
            want = sums_by_queue(s, snap.day_start, now + timedelta(microseconds=1))
        _assert_same({q.queue_id: q.today for q in snap.queues if q.today.offered}, want)


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
    _play(db, queues, (day - timedelta(hours=3)).replace(tzinfo=LONDON).astimezone(UTC), steps)


def _arrive(db: Database, queue: int, **arrivals: datetime) -> None:
    """Contacts named as the keywords, arrived at their values, not yet answered."""
    with db.sessions() as s:
        s.add_all(
            Contact(queue_id=queue, source="t", external_id=name, arrived_at=at)
            for name, at in arrivals.items()
        )
        s.commit()


def _answer_a(s: Session, wait: timedelta) -> None:
    """Contact "a" answered ``wait`` after it arrived (by a writer the console knows nothing of)."""
    contact = s.scalars(select(Contact).where(Contact.external_id == "a")).one()
    contact.answered_at = contact.arrived_at + wait


def _today(db: Database, queue: int, now: datetime) -> ContactSums:
    return next(q.today for q in take_snapshot(db, now=now).queues if q.queue_id == queue)


def test_a_closed_quarter_hour_edited_by_another_writer_is_read_again(
    floor: tuple[Database, list[int]],
) -> None:
    """By hand: 09:05 and 09:20 arrivals; at 10:00 the 09:05 one (a closed quarter-hour,
    already summed) is answered after 30 s by a writer the console knows nothing of."""
    db, (sales, _) = floor
    nine = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # London is on GMT in November
    _arrive(db, sales, a=nine + timedelta(minutes=5), b=nine + timedelta(minutes=20))
    ten = nine + timedelta(hours=1)
    before = _today(db, sales, ten)
    assert (before.offered, before.answered) == (2, 0)
    with db.sessions() as s:
        _answer_a(s, timedelta(seconds=30))
        s.commit()
    after = _today(db, sales, ten + timedelta(seconds=5))
    assert (after.offered, after.answered, after.answer_wait_seconds) == (2, 1, 30.0)


# Seconds, not minutes: the recent quarter-hours go by ten-second slices, so the clock
# moves by seconds and contacts arrive on slice edges (a microsecond either side of a
# multiple of 10 s) and up to 40 minutes back (the quarter-hours kept whole, and slices
# 256 slots apart that share a version).
_edge = st.integers(0, 240).map(lambda k: k * 10.0) | st.integers(1, 240).flatmap(
    lambda k: st.sampled_from([k * 10.0 - 1e-6, k * 10.0 + 1e-6])
)
_arrive_s = st.tuples(
    st.just("arrive"),
    st.integers(0, 1),
    st.one_of(st.floats(0, 2_400, allow_nan=False), _edge, st.just(2_560.0)).map(
        lambda seconds: seconds / 60
    ),
    _fate,
)
_step_s = st.tuples(
    st.floats(0, 45, allow_nan=False).map(lambda seconds: seconds / 60),
    st.lists(st.one_of(_arrive_s, _arrive_s, _touch, _drop), max_size=6),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    start=st.integers(0, 89).map(lambda k: k * 10.0),
    steps=st.lists(_step_s, min_size=1, max_size=10),
)
def test_today_by_slices_equals_a_fresh_sum_of_the_day(
    floor: tuple[Database, list[int]], start: float, steps: list
) -> None:
    """The same as above at the slices' scale: a console refreshing every few seconds
    at 10:00 plus ``start`` seconds, contacts written in the slice in progress, in closed
    slices of this quarter-hour and the last, and in quarter-hours kept whole."""
    db, queues = floor
    _play(db, queues, datetime(2026, 11, 24, 10, 0, tzinfo=UTC) + timedelta(seconds=start), steps)


def test_a_closed_slice_edited_by_another_writer_is_read_again(
    floor: tuple[Database, list[int]],
) -> None:
    """By hand: arrivals at 10:00:05 and 10:00:25 (slices of the quarter-hour in progress);
    at 10:01:00 both are counted, unanswered. Then a writer answers the 10:00:05 one after
    12 s, and another stores one that arrived at 09:17:25, 2,560 s (256 slices) before the
    10:00:05 one: its slice shares that slot, in a quarter-hour kept whole. At 10:01:02
    three are offered, one answered after 12 s."""
    db, (sales, _) = floor
    ten = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # London is on GMT in November
    _arrive(db, sales, a=ten + timedelta(seconds=5), b=ten + timedelta(seconds=25))
    at = ten + timedelta(minutes=1)
    before = _today(db, sales, at)
    assert (before.offered, before.answered) == (2, 0)
    with db.sessions() as s:
        _answer_a(s, timedelta(seconds=12))
        s.add(
            Contact(queue_id=sales, source="t", external_id="old",
                    arrived_at=ten + timedelta(seconds=5 - 2_560))
        )  # fmt: skip
        s.commit()
    after = _today(db, sales, at + timedelta(seconds=2))
    assert (after.offered, after.answered, after.answer_wait_seconds) == (3, 1, 12.0)


def test_each_write_bumps_the_slot_of_its_ten_second_slice(db_url: str) -> None:
    """The triggers number slices as the live view does, on both engines, by hand:
    1970-01-01 00:00:09.9996 is in slice 0 (whole seconds, not rounded to 00:00:10.000);
    00:00:10 in slice 1; slice 257 shares slot 1. One statement writing slices 1 and 257
    bumps slot 1 once (PostgreSQL upserts each slot once per statement); moving a
    contact's arrival bumps the slots of the old and the new slice."""
    db = open_database(db_url)
    try:
        with db.sessions() as s:
            site = Site(name="North", timezone="UTC")
            queue = Queue(site=site, name="Sales", channel=Channel.VOICE)
            s.add_all([site, queue])
            s.commit()
            epoch = datetime(1970, 1, 1, tzinfo=UTC)

            def versions() -> dict[int, int]:
                return dict(s.execute(text("SELECT slot, version FROM live_slice_versions")).all())

            def at(seconds: float, name: str) -> Contact:
                return Contact(queue_id=queue.id, source="t", external_id=name,
                               arrived_at=epoch + timedelta(seconds=seconds))  # fmt: skip

            s.add(at(9.9996, "a"))
            s.commit()
            assert versions() == {0: 1}
            s.add_all([at(10, "b"), at(2_570, "c")])  # slices 1 and 257: one slot
            s.commit()
            assert versions()[1] in (1, 2)  # once per statement or once per row
            one = versions()[1]
            moved = s.scalars(select(Contact).where(Contact.external_id == "a")).one()
            moved.arrived_at = epoch + timedelta(seconds=35)  # slice 3
            s.commit()
            assert versions() == {0: 2, 1: one, 3: 1}
    finally:
        db.close()
