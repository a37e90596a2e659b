"""KPI rollups stay right while rows change: any writer, a lost trigger, a read-only user, races.

Writes are plain SQL (as a ``psql`` user would type them) to a past day whose
rollup was built; the next report must equal the raw report again. Helpers and
the seeded demo come from ``test_kpi_rollups``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from test_kpi_rollups import (
    FIRST,
    LAST,
    SETTLED,
    UNTIL,
    assert_same,
    both,
    rollup_days,
)

from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import KpiFilter, keep_summaries, kpi_report
from supervisor_app.services.kpi.rollup_build import build_days
from supervisor_app.services.kpi.rollup_store import (
    dependencies,
    ensure_versions,
    install_rollups,
    store_days,
    valid_days,
    version_sum,
)


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('writes') / 'demo.db'}")
    seed_demo(db, days=4, agents=12, queues=3, seed=5, until=UNTIL)
    yield db
    db.close()


@pytest.fixture
def seeded(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    seed_demo(db, days=4, agents=12, queues=3, seed=5, until=UNTIL)
    yield db
    db.close()


WRITES = {
    "insert a contact": "INSERT INTO contacts (queue_id, source, external_id, customer_ref, "
    "arrived_at, answered_at, ended_at, outcome, escalated) SELECT MIN(id), 'test', 'x1', 'K', "
    "{t1}, {t2}, {t3}, 'answered', {false} FROM queues",
    "answer a contact later": "UPDATE contacts SET answered_at = answered_at + {minute} "
    "WHERE id = (SELECT MIN(id) FROM contacts WHERE answered_at IS NOT NULL "
    "AND arrived_at >= {t1})",
    "delete a contact": "DELETE FROM contacts WHERE id = (SELECT MAX(id) FROM contacts "
    "WHERE arrived_at < {t3})",
    "add a survey": "INSERT INTO survey_responses (contact_id, csat, nps) SELECT MIN(c.id), 1, 0 "
    "FROM contacts c WHERE c.answered_at IS NOT NULL AND c.arrived_at >= {t1} AND NOT EXISTS "
    "(SELECT 1 FROM survey_responses s WHERE s.contact_id = c.id)",
    "end a span early": "UPDATE agent_state_spans SET ended_at = started_at + {minute} "
    "WHERE id = (SELECT MIN(id) FROM agent_state_spans WHERE started_at >= {t1} "
    "AND ended_at IS NOT NULL)",
    "move a shift": "UPDATE shifts SET starts_at = starts_at + {minute} WHERE id = "
    "(SELECT MIN(id) FROM shifts WHERE starts_at >= {t1} AND status = 'published')",
    "approve an exception": "INSERT INTO adherence_approvals (agent_id, starts_at, ends_at, "
    "reason, approved_by, approved_at) SELECT id, {d0}, {d1}, 'drill', 'sup', {t1} "
    "FROM agents",
    "tighten a queue's threshold": "UPDATE queue_targets SET threshold_seconds = 1",
}


def _sql(db: Database, template: str) -> str:
    if db.dialect == "postgresql":
        stamp = "TIMESTAMPTZ '{0}+00'"
        minute, false = "INTERVAL '1 minute'", "false"
    else:
        stamp = "'{0}'"
        minute, false = "0", "0"
    t1, t2, t3 = (f"2026-03-28 10:{m:02d}:00.000000" for m in (0, 0, 5))
    values = {"t1": stamp.format(t1), "t2": stamp.format(t2), "t3": stamp.format(t3)}
    values["d0"] = stamp.format("2026-03-28 00:00:00.000000")
    values["d1"] = stamp.format("2026-03-28 23:00:00.000000")
    sql = template.format(minute="{minute}", false=false, **values)
    if db.dialect == "sqlite":  # SQLite keeps timestamps as text: shift them with datetime()
        sql = sql.replace("answered_at + {minute}", "datetime(answered_at, '+1 minute')")
        sql = sql.replace("started_at + {minute}", "datetime(started_at, '+1 minute')")
        sql = sql.replace("starts_at + {minute}", "datetime(starts_at, '+1 minute')")
    return sql.replace("{minute}", minute)


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_to_a_past_day_shows_in_the_next_report(
    seeded_sqlite: Database, write: str
) -> None:
    """Any writer (here plain SQL, as from psql) invalidates the days it touched."""
    db = seeded_sqlite
    views = ("all", "agent", "interval")
    before = [kpi_report(db, FIRST, LAST, by, now=SETTLED).as_dicts() for by in views]
    assert rollup_days(db) == 4  # built and kept
    with db.engine.begin() as conn:
        assert conn.execute(text(_sql(db, WRITES[write]))).rowcount >= 1
    after = []
    for by in views:
        rolled, raw = both(db, by)
        assert_same(rolled, raw, exact=True)
        after.append(rolled.as_dicts())
    assert after != before


@pytest.mark.pg
def test_writes_invalidate_on_postgresql(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        seed_demo(db, days=4, agents=12, queues=3, seed=5, until=UNTIL)
        for write in WRITES.values():
            kpi_report(db, FIRST, LAST, "agent", now=SETTLED)
            with db.engine.begin() as conn:
                assert conn.execute(text(_sql(db, write))).rowcount >= 1
            for by in ("all", "agent", "interval"):
                assert_same(*both(db, by), exact=False)
    finally:
        db.close()


def test_a_lost_trigger_turns_rollups_off_until_repaired(db_url: str) -> None:
    """A migration that rebuilds a watched table drops its triggers: raw reads, then repair."""

    db = open_database(db_url)
    try:
        seed_demo(db, days=4, agents=12, queues=3, seed=5, until=UNTIL)
        with db.engine.begin() as conn:
            on = " ON contacts" if db.dialect == "postgresql" else ""
            conn.exec_driver_sql(f"DROP TRIGGER kpi_v_contacts_ins{on}")
        db.close()  # the console that opens the database next finds the trigger gone
        db = open_database(db_url)
        seeded = rollup_days(db)  # what the seed kept while the trigger was there
        kpi_report(db, FIRST, LAST, "agent", now=SETTLED)
        assert keep_summaries(db, now=SETTLED).days == 0
        assert rollup_days(db) == seeded  # nothing kept that a lost trigger could leave stale
        assert install_rollups(db) and not install_rollups(db)
        assert_same(*both(db, "agent"), exact=db.dialect == "sqlite")
        assert rollup_days(db) == 4
    finally:
        db.close()


@pytest.mark.pg
def test_a_user_who_may_only_read_gets_the_same_report(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        seed_demo(db, days=4, agents=12, queues=3, seed=5, until=UNTIL)
        kpi_report(db, FIRST, LAST, "queue", now=SETTLED)  # some days kept, by a writer
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM kpi_rollup_days WHERE day = '2026-03-28'")
        with read_only_login(pg_url, "kpi_reader_test") as url:
            reader = open_database(url, upgrade=False)
            try:
                rolled = kpi_report(reader, FIRST, LAST, "queue", now=SETTLED)
                raw = kpi_report(db, FIRST, LAST, "queue", now=SETTLED, use_rollups=False)
                assert_same(rolled, raw, exact=False)
            finally:
                reader.close()
    finally:
        db.close()


@contextmanager
def read_only_login(pg_url: str, role: str) -> Iterator[str]:
    """A login ``role`` that may read every table and write none; its URL, dropped after."""
    admin = open_database(pg_url)
    try:
        with admin.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
            conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
            conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
            conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        yield make_url(pg_url).set(username=role).render_as_string(hide_password=False)
    finally:
        with admin.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP OWNED BY {role}")
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
        admin.close()


def _insert_contact(db: Database, minute: int) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                _sql(db, WRITES["insert a contact"])
                .replace("10:00:00", f"10:{minute:02d}:00")
                .replace("'x1'", f"'race{minute}'")
            )
        )


def test_a_write_racing_a_build_is_not_lost(seeded: Database) -> None:
    """A write that commits after a day's build read its data leaves the rollup stale."""

    db, day = seeded, date(2026, 3, 28)
    report = kpi_report(db, FIRST, LAST, now=SETTLED)
    zone, site_id = ZoneInfo(report.timezone), report.site_id
    assert site_id is not None
    deps = dependencies(*local_day_bounds(day, zone))
    ensure_versions(db, *deps)
    with db.sessions() as s:
        built_from = version_sum(s, *deps)
        [rollup] = build_days(s, day, day, zone, SETTLED, KpiFilter())
    _insert_contact(db, 1)  # commits between the build's reads and its store
    assert store_days(db, site_id, [(rollup, deps, built_from)])
    with db.sessions() as s:
        assert day not in valid_days(s, site_id, day, day)
    assert_same(*both(db, "queue"), exact=db.dialect == "sqlite")


def test_reports_while_a_writer_inserts(seeded: Database) -> None:
    """A writer thread adds contacts to a past day while reports build and read rollups."""

    done = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            for minute in range(2, 40):
                _insert_contact(seeded, minute)
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    while not done.is_set():
        kpi_report(seeded, FIRST, LAST, "interval", now=SETTLED)
    thread.join()
    assert not failures
    rolled, raw = both(seeded, "all")
    assert_same(rolled, raw, exact=seeded.dialect == "sqlite")
    assert rolled.rows[0].figures.offered == raw.rows[0].figures.offered
