"""The what-if's forecast is read once per interval, and again whenever it may have changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from supervisor_app.services.planning import IntervalForecast
from supervisor_app.ui.live.refresh.forecast_memo import ForecastMemo

START = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)
STEP = timedelta(minutes=15)


class Reader:
    """Stands in for ``read_forecast_now``: counts its reads, answers for the 15 minutes
    holding ``now`` (or nothing, or None for a failed read)."""

    def __init__(self, answer: str = "forecast") -> None:
        self.answer = answer
        self.reads: list[tuple[Any, datetime, int | None]] = []

    def __call__(
        self, db: Any, now: datetime, site_id: int | None = None
    ) -> dict[int, IntervalForecast] | None:
        self.reads.append((db, now, site_id))
        if self.answer == "failed":
            return None
        if self.answer == "none":
            return {}
        start = START + (now - START) // STEP * STEP
        return {7: IntervalForecast(7, start, start + STEP, 40.0, 200.0, None)}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


DB, OTHER = object(), object()


def test_the_same_interval_is_read_once_and_the_next_one_afresh() -> None:
    read, clock = Reader(), Clock()
    memo = ForecastMemo(read, ttl_s=60.0, clock=clock)
    first = memo(DB, START + timedelta(minutes=1))
    clock.now += 20
    again = memo(DB, START + timedelta(minutes=14, seconds=59))
    assert again is first and len(read.reads) == 1
    later = memo(DB, START + STEP)  # the interval has turned
    assert len(read.reads) == 2
    assert later is not None and later[7].interval_start == START + STEP


def test_kept_at_most_the_time_to_live() -> None:
    read, clock = Reader(), Clock()
    memo = ForecastMemo(read, ttl_s=60.0, clock=clock)
    memo(DB, START)
    clock.now += 59.9
    memo(DB, START + timedelta(minutes=1))
    assert len(read.reads) == 1
    clock.now += 0.2  # 60.1 s after the read
    memo(DB, START + timedelta(minutes=2))
    assert len(read.reads) == 2


def test_no_forecast_is_kept_for_the_time_to_live_and_a_failure_not_at_all() -> None:
    none, clock = Reader("none"), Clock()
    memo = ForecastMemo(none, ttl_s=60.0, clock=clock)
    assert memo(DB, START) == {}
    memo(DB, START + timedelta(hours=3))
    assert len(none.reads) == 1
    failed = Reader("failed")
    memo = ForecastMemo(failed, ttl_s=60.0, clock=clock)
    assert memo(DB, START) is None
    memo(DB, START)
    assert len(failed.reads) == 2


def test_another_database_or_site_is_read_for_itself() -> None:
    read = Reader()
    memo = ForecastMemo(read, clock=Clock())
    memo(DB, START)
    memo(OTHER, START)
    memo(OTHER, START, 3)
    memo(OTHER, START, 3)
    assert [(db is OTHER, site) for db, _, site in read.reads] == [
        (False, None),
        (True, None),
        (True, 3),
    ]


def test_a_planners_change_or_f5_forgets_the_floors_own_changes_do_not() -> None:
    read = Reader()
    memo = ForecastMemo(read, clock=Clock())
    memo(DB, START)
    memo.on_changed(frozenset({"contacts", "agent_state_spans"}))
    memo(DB, START)
    assert len(read.reads) == 1
    memo.on_changed(frozenset({"forecasts"}))
    memo(DB, START)
    assert len(read.reads) == 2
    memo.on_changed(frozenset({"*"}))  # SQLite's feed: some table changed
    memo(DB, START)
    assert len(read.reads) == 3
    memo.forget()  # F5
    memo(DB, START)
    assert len(read.reads) == 4
