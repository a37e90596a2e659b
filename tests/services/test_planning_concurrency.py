"""Forecast and budget saves by planners at the same moment, on both engines.

Each planner is a thread with a database connection of its own (its own
engine), released together by a barrier, as two workstations would be.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from supervisor_app.domain.enums import Channel
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import (
    BudgetConflict,
    ForecastConflict,
    ForecastSeen,
    scale_day,
    set_interval,
    set_weekly_budget,
    week_labour_cost,
)
from supervisor_app.store.models import AuditEntry, Forecast, Queue, Site

DAY = date(2026, 12, 1)  # a Tuesday; the site is in UTC, so local = UTC
WEEK = date(2026, 11, 30)
NINE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
VOLUMES = (100.0, 50.0, 20.0, 0.0)  # 09:00, 09:15, 09:30, 09:45


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    with database.sessions.begin() as s:
        queue = Queue(site=Site(name="North", timezone="UTC"), name="Sales", channel=Channel.VOICE)
        s.add(queue)
        s.flush()
        for k, volume in enumerate(VOLUMES):
            start = NINE + timedelta(minutes=15 * k)
            s.add(Forecast(queue_id=queue.id, interval_start=start, volume=volume, aht_seconds=240))
    yield database
    database.close()


def queue_id(db: Database) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(Queue.id)))  # type: ignore[arg-type]


def together(db_url: str, jobs: list[Callable[[Database], object]]) -> list[object]:
    """Run each job on its own connection, all released at once; results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(k: int) -> None:
        database = open_database(db_url, upgrade=False)
        try:
            barrier.wait()
            results[k] = jobs[k](database)
        except Exception as exc:  # the test looks at what each planner got
            results[k] = exc
        finally:
            database.close()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def volumes(db: Database) -> list[float]:
    with db.sessions() as s:
        return list(s.scalars(select(Forecast.volume).order_by(Forecast.interval_start)))


def test_two_planners_scaling_the_same_day_compound(db: Database, db_url: str) -> None:
    results = together(
        db_url, [lambda d, p=p: scale_day(d, DAY, 10.0, actor=p) for p in ("a", "b")]
    )
    assert results == [4, 4]
    # +10 % then +10 %: × 1.1 × 1.1 = × 1.21 → 121, 60.5, 24.2, 0 (never × 1.1 = a lost update).
    assert volumes(db) == pytest.approx([121.0, 60.5, 24.2, 0.0])
    with db.sessions() as s:
        actions = s.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "forecast.scale_day")
        )
        assert sorted(actions) == ["a", "b"]


def test_eight_planners_scaling_at_once_lose_nothing(db: Database, db_url: str) -> None:
    results = together(db_url, [lambda d: scale_day(d, DAY, 10.0) for _ in range(8)])
    assert results == [4] * 8
    # 1.1 ** 8 = 2.14358881, worked by hand: 1.21² = 1.4641, 1.4641² = 2.14358881.
    assert volumes(db) == pytest.approx([214.358881, 107.1794405, 42.8717762, 0.0])


def test_a_stale_interval_edit_is_refused_and_names_the_change(db: Database) -> None:
    sales = queue_id(db)
    seen = ForecastSeen(100.0, 240.0)
    set_interval(db, sales, NINE, 130.0, 240.0, seen=seen, actor="ana@ws-2")
    with pytest.raises(ForecastConflict, match=r"ana@ws-2.*130 contacts"):
        set_interval(db, sales, NINE, 90.0, 240.0, seen=seen, actor="ben@ws-7")
    assert volumes(db)[0] == 130.0


def test_a_scale_after_an_edit_is_applied_to_the_edit(db: Database) -> None:
    sales = queue_id(db)
    set_interval(db, sales, NINE, 130.0, 240.0, seen=ForecastSeen(100.0, 240.0))
    scale_day(db, DAY, -50.0)
    assert volumes(db) == pytest.approx([65.0, 25.0, 10.0, 0.0])
    # and an edit made against the figures before the scale is now stale
    with pytest.raises(ForecastConflict):
        set_interval(db, sales, NINE, 1.0, 240.0, seen=ForecastSeen(130.0, 240.0))


@pytest.mark.parametrize("checked", [True, False])
def test_concurrent_first_inserts_are_one_save_and_one_conflict(
    db: Database, db_url: str, checked: bool
) -> None:
    sales = queue_id(db)
    ten = NINE + timedelta(hours=1)  # no forecast row there yet
    seen = ForecastSeen(0.0, 0.0) if checked else None
    results = together(
        db_url,
        [lambda d, v=v: set_interval(d, sales, ten, v, 200.0, seen=seen) for v in (7.0, 9.0)],
    )
    if checked:
        # Both planners saw an empty interval: one save, one refusal; never a crash.
        assert sorted(type(r).__name__ for r in results) == ["ForecastConflict", "NoneType"]
    else:
        # Unchecked, the later save overwrites or is told the row appeared; never a crash.
        assert all(r is None or isinstance(r, ForecastConflict) for r in results)
    with db.sessions() as s:
        stored = s.scalars(select(Forecast.volume).where(Forecast.interval_start == ten)).all()
    assert len(stored) == 1 and stored[0] in (7.0, 9.0)
    if checked:
        winner = 7.0 if results[0] is None else 9.0
        assert stored[0] == winner


def test_budget_first_saves_at_once_are_one_save_and_one_conflict(
    db: Database, db_url: str
) -> None:
    results = together(
        db_url,
        [
            lambda d, a=a: set_weekly_budget(d, WEEK, a, expected_version=None, actor=f"p{a}")
            for a in (1500, 1800)
        ],
    )
    assert sorted(type(r).__name__ for r in results) == ["BudgetConflict", "int"]
    kept = 1500.0 if results[0] == 1 else 1800.0
    assert week_labour_cost(db, WEEK).budget == kept


def test_a_budget_overwrite_with_a_stale_version_is_refused(db: Database) -> None:
    first = set_weekly_budget(db, WEEK, 1000, expected_version=None, actor="ana@ws-2")
    assert first == 1 and week_labour_cost(db, WEEK).budget_version == 1
    # Ana and Ben both loaded version 1; Ana saves first.
    assert set_weekly_budget(db, WEEK, 1500, expected_version=1, actor="ana@ws-2") == 2
    with pytest.raises(BudgetConflict, match=r"ana@ws-2.*1,500\.00"):
        set_weekly_budget(db, WEEK, 1800, expected_version=1, actor="ben@ws-7")
    cost = week_labour_cost(db, WEEK)
    assert (cost.budget, cost.budget_version) == (1500.0, 2)
    with pytest.raises(BudgetConflict):  # clearing it on a stale version is refused too
        set_weekly_budget(db, WEEK, None, expected_version=1)
    set_weekly_budget(db, WEEK, None, expected_version=2)
    assert week_labour_cost(db, WEEK).budget is None
