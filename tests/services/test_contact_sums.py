"""Sums computed in SQL match a hand count over a small history, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from supervisor_app.domain import kpi
from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.services.contact_sums import sums_by_queue
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import Contact, Queue, Site

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def s(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def add_history(db: Database) -> tuple[int, int]:
    """Queue Sales (threshold 20 s, short abandon 5 s) and an empty queue Support."""
    with db.sessions() as session:
        site = Site(name="North", timezone="Europe/London")
        sales = Queue(
            site=site,
            name="Sales",
            channel=Channel.VOICE,
            answer_threshold_seconds=20,
            short_abandon_seconds=5,
        )
        support = Queue(site=site, name="Support", channel=Channel.VOICE)
        session.add_all([site, sales, support])
        session.flush()

        def contact(n: int, wait: float, outcome: Outcome | None, talk: float = 0, wrap: float = 0):
            arrived = T0 + timedelta(minutes=n)
            answered = (
                arrived + s(wait) if outcome in (Outcome.ANSWERED, Outcome.TRANSFERRED) else None
            )
            ended = None
            if outcome is not None:
                ended = (answered + s(talk)) if answered else arrived + s(wait)
            wrap_end = ended + s(wrap) if answered and ended else None
            session.add(
                Contact(
                    queue_id=sales.id,
                    source="t",
                    external_id=str(n),
                    arrived_at=arrived,
                    answered_at=answered,
                    ended_at=ended,
                    wrap_ended_at=wrap_end,
                    outcome=outcome,
                    escalated=(n == 2),
                )
            )

        contact(0, 10, Outcome.ANSWERED, talk=200, wrap=40)  # within 20 s
        contact(1, 20, Outcome.ANSWERED, talk=100, wrap=20)  # exactly 20 s: within
        contact(2, 45, Outcome.TRANSFERRED, talk=300, wrap=0)  # late, transferred, escalated
        contact(3, 3, Outcome.ABANDONED)  # short abandon
        contact(4, 60, Outcome.ABANDONED)  # abandoned after threshold
        contact(5, 12, Outcome.ABANDONED)  # abandoned before threshold, not short
        contact(6, 0, None)  # still waiting: offered, nothing else
        # Outside the range: arrived the day before.
        session.add(
            Contact(queue_id=sales.id, source="t", external_id="old", arrived_at=T0 - s(86400))
        )
        session.commit()
        return sales.id, support.id


def test_sums_by_hand(db: Database) -> None:
    sales, support = add_history(db)
    with db.sessions() as session:
        sums = sums_by_queue(session, T0, T0 + timedelta(hours=1))
    assert support not in sums
    got = sums[sales]
    assert (got.offered, got.answered, got.abandoned) == (7, 3, 3)
    assert (got.short_abandoned, got.abandoned_after_threshold) == (1, 1)
    assert got.answered_within_threshold == 2
    assert (got.transferred, got.escalated, got.timed_out) == (1, 1, 0)
    assert got.answer_wait_seconds == pytest.approx(10 + 20 + 45)
    assert got.handled == 3
    assert got.handle_seconds == pytest.approx(240 + 120 + 300)
    assert got.longest_wait_seconds == pytest.approx(60)
    # Service level, default variant: 2 ÷ (7 − 1); abandon rate (3 − 1) ÷ (7 − 1).
    assert kpi.service_level(got) == pytest.approx(2 / 6)
    assert kpi.abandon_rate(got) == pytest.approx(2 / 6)
    assert kpi.average_handle_time(got) == pytest.approx(220)
