"""KPI rollups give the raw report's figures, on a seeded demo and on any history, both engines.

The reference is the same report read from the raw tables
(``use_rollups=False``). Counts and percentiles must match exactly (the same
values, ranked by the same formula); second-sums are added in another order
(per day, then over days), so they match to a nanosecond-sized tolerance.
Writes while rollups exist: ``test_kpi_rollup_writes``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text
from test_kpi_report import (
    PROPERTY,
    SPAN_FIRST,
    SPAN_LAST,
    contacts_st,
    org,  # noqa: F401  (the fixture of the random-history tests)
    shifts_st,
    spans_st,
    write_history,
)

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import KpiReport, kpi_report
from supervisor_app.store.models import KpiRollupDay, Queue, Team

UNTIL = datetime(2026, 3, 31, 12, tzinfo=UTC)  # four days, 29 March the clocks go forward
FIRST, LAST = date(2026, 3, 27), date(2026, 3, 30)
SETTLED = datetime(2026, 4, 10, tzinfo=UTC)
GROUPINGS = ("all", "queue", "team", "agent", "interval", "day", "week", "month")
PERCENTILES = ("asa_p50_seconds", "asa_p90_seconds", "aht_p50_seconds", "aht_p90_seconds")


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('rollups') / 'demo.db'}")
    seed_demo(db, days=4, agents=12, queues=3, seed=5, until=UNTIL)
    yield db
    db.close()


@pytest.fixture
def seeded(db_url: str, request: pytest.FixtureRequest) -> Iterator[Database]:
    db = open_database(db_url)
    seed_demo(db, days=4, agents=12, queues=3, seed=5, until=UNTIL)
    yield db
    db.close()


def both(db: Database, by: str, now: datetime = SETTLED, **kw: Any) -> tuple[KpiReport, KpiReport]:
    rolled = kpi_report(db, FIRST, LAST, by, now=now, **kw)
    raw = kpi_report(db, FIRST, LAST, by, now=now, use_rollups=False, **kw)
    return rolled, raw


def assert_same(rolled: KpiReport, raw: KpiReport, *, exact: bool) -> None:
    a, b = rolled.as_dicts(), raw.as_dicts()
    assert [r.key for r in rolled.rows] == [r.key for r in raw.rows]
    for x, y in zip(a, b, strict=True):
        figures = {k: v for k, v in x.items() if not isinstance(v, str) and v is not None}
        assert figures == pytest.approx({k: y[k] for k in figures}, rel=1e-9, abs=1e-6), (x, y)
        assert [k for k, v in x.items() if v is None] == [k for k, v in y.items() if v is None]
        counts = {k: v for k, v in x.items() if isinstance(v, int)}
        assert counts == {k: y[k] for k in counts}
        if exact:  # SQLite's raw path ranks with the same formula: bit for bit
            assert [x[p] for p in PERCENTILES] == [y[p] for p in PERCENTILES]


def rollup_days(db: Database) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(KpiRollupDay)) or 0)


def test_rollups_give_the_raw_report_for_every_grouping(seeded: Database) -> None:
    exact = seeded.dialect == "sqlite"
    for by in GROUPINGS:
        rolled, raw = both(seeded, by)
        assert rolled.rows, by
        assert_same(rolled, raw, exact=exact)
    assert rollup_days(seeded) == 4
    # Settled days mixed with days still built on the fly (the last two: within 72 h).
    for by in ("all", "agent", "interval"):
        assert_same(*both(seeded, by, now=datetime(2026, 4, 1, 12, tzinfo=UTC)), exact=exact)


def test_rollups_with_filters(seeded: Database) -> None:
    with seeded.sessions() as s:
        queue = s.scalar(select(Queue.id).order_by(Queue.id))
        team = s.scalar(select(Team.id).order_by(Team.id))
    exact = seeded.dialect == "sqlite"
    for by in GROUPINGS:
        assert_same(*both(seeded, by, queue_ids=[queue]), exact=exact)
        assert_same(*both(seeded, by, team_ids=[team]), exact=exact)
    assert_same(*both(seeded, "day", queue_ids=[queue], team_ids=[team]), exact=exact)


def test_seed_puts_the_triggers_back(seeded: Database) -> None:
    with seeded.engine.connect() as conn:
        if seeded.dialect == "postgresql":
            sql = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'kpi\\_v\\_%'"
        else:
            sql = (
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kpi_v_%'"
            )
        # insert, update, delete on six watched tables and on queue_targets; sites' update
        assert conn.execute(text(sql)).scalar() == (6 + 1) * 3 + 1


def test_day_boundaries() -> None:
    """The trigger's day numbers and the service's agree (days since 1970-01-01 UTC)."""
    from supervisor_app.services.kpi.rollup_store import utc_day

    assert utc_day(datetime(1970, 1, 2, tzinfo=UTC) - timedelta(microseconds=1)) == 0
    assert utc_day(datetime(2026, 3, 29, 0, 30, tzinfo=UTC)) == 20_541


# ---- Any history: random contacts, spans and shifts around a clock change (test_kpi_report's) ----


@PROPERTY
@given(
    contacts=contacts_st,
    spans=spans_st,
    shifts=shifts_st,
    now_day=st.integers(27, 36),  # some days settled and kept, the rest built on the fly
    filtered=st.booleans(),
)
def test_rollups_match_raw_on_any_history(org, contacts, spans, shifts, now_day, filtered) -> None:  # noqa: F811
    write_history(org, contacts, spans, shifts)
    db, queue_ids, _ = org
    now = datetime(2026, 10, 1, tzinfo=UTC) + timedelta(days=now_day - 1)
    with db.sessions() as s:
        team = s.scalar(select(Team.id))
    kw: dict[str, Any] = {"team_ids": [team]} if filtered else {"queue_ids": queue_ids[:1]}
    for by in GROUPINGS:
        for extra in ({}, kw):
            rolled = kpi_report(db, SPAN_FIRST, SPAN_LAST, by, now=now, **extra)
            raw = kpi_report(db, SPAN_FIRST, SPAN_LAST, by, now=now, use_rollups=False, **extra)
            assert_same(rolled, raw, exact=db.dialect == "sqlite")
