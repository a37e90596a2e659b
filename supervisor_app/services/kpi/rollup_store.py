"""Keeping KPI rollup days: which are still valid, and writing a freshly built one.

A site's rollup day of local date d depends on the UTC days from d's start to 72 h
(the FCR window) after its end, and on day ``EVERY_DAY``; it stores the sum of
their versions when it was built. Triggers bump a version for every UTC day a
written row touches (``store.models.rollups``), and versions only grow, so the
day is valid exactly while that sum is unchanged.

No lost invalidation when a write races a build: the versions are read before
the data, so a write that commits after the versions were read leaves a stale
sum behind (the day is rebuilt next time) and one that committed before is in
the data. Triggers bump existing version rows only, so the rows a day depends
on are created, in a transaction of their own, before its versions are read;
a write whose trigger ran while a row was missing must then be in the data.
SQLite has one writer at a time, so such a write committed before the rows
were created; on PostgreSQL creating them first takes a SHARE lock on the
versions table, which waits for every transaction that bumped versions to end.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from sqlalchemy import Engine, Table, delete, func, insert, inspect, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from supervisor_app.services.database import Database
from supervisor_app.services.kpi.fcr import FCR_WINDOW
from supervisor_app.services.kpi.rollup_build import DayRollup
from supervisor_app.store.models import (
    EVERY_DAY,
    Base,
    KpiDayVersion,
    KpiRollupAgentTime,
    KpiRollupContacts,
    KpiRollupDay,
    rollup_trigger_ddl,
    rollup_triggers_present,
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_HAS_TABLES: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()  # per open database


def has_rollups(db: Database) -> bool:
    """Whether this database has the rollup tables and every trigger that guards them (a
    schema from before them has not; reports then read the raw tables)."""
    if db.engine not in _HAS_TABLES:
        with db.engine.connect() as conn:
            _HAS_TABLES[db.engine] = inspect(conn).has_table(
                KpiRollupDay.__tablename__
            ) and rollup_triggers_present(conn)
    return _HAS_TABLES[db.engine]


def install_rollups(db: Database) -> bool:
    """Add the rollup tables and triggers where they are missing: a database migrated
    while revision 0006 was still empty, or a trigger lost to a later migration that
    rebuilt its table. True when anything was missing."""
    with db.engine.begin() as conn:
        tables = inspect(conn).has_table(KpiRollupDay.__tablename__)
        if tables and rollup_triggers_present(conn):
            return False
        models = (KpiDayVersion, KpiRollupDay, KpiRollupContacts, KpiRollupAgentTime)
        Base.metadata.create_all(conn, tables=[m.__table__ for m in models])
        for sql in rollup_trigger_ddl(conn.dialect.name):
            conn.exec_driver_sql(sql)
        conn.execute(delete(KpiRollupDay))  # built while a trigger was missing: not trusted
    _HAS_TABLES.pop(db.engine, None)
    return True


def utc_day(instant: datetime) -> int:
    """Days since 1970-01-01 UTC, as the triggers number them."""
    return int((instant - _EPOCH).total_seconds() // 86_400)


def dependencies(start: datetime, end: datetime) -> tuple[int, int]:
    """The UTC days a local day from ``start`` to ``end`` reads: itself and the FCR window."""
    return utc_day(start), utc_day(end + FCR_WINDOW)


def ensure_versions(db: Database, first: int, last: int) -> None:
    """Version rows for every UTC day in ``first..last`` (and every-day), created at 0."""
    wanted = last - first + 1
    with db.sessions() as session:
        have = session.scalar(
            select(func.count()).where(
                or_(KpiDayVersion.day.between(first, last), KpiDayVersion.day == EVERY_DAY)
            )
        )
        if have == wanted + 1:
            return
        rows = [{"day": d, "version": 0} for d in (EVERY_DAY, *range(first, last + 1))]
        if db.dialect == "postgresql":  # wait for writers whose trigger missed these rows
            session.execute(text("LOCK TABLE kpi_day_versions IN SHARE MODE"))
        maker = pg_insert if db.dialect == "postgresql" else sqlite_insert
        session.execute(maker(KpiDayVersion).values(rows).on_conflict_do_nothing())
        session.commit()


def version_sum(session: Session, first: int, last: int) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(KpiDayVersion.version), 0)).where(
            or_(KpiDayVersion.day.between(first, last), KpiDayVersion.day == EVERY_DAY)
        )
    )
    return int(total or 0)


def version_sums(session: Session, deps: list[tuple[int, int]]) -> list[int]:
    """``version_sum`` of each of ``deps`` from one read of the versions they span."""
    if not deps:
        return []
    lo, hi = min(d[0] for d in deps), max(d[1] for d in deps)
    rows = session.execute(
        select(KpiDayVersion.day, KpiDayVersion.version).where(
            or_(KpiDayVersion.day.between(lo, hi), KpiDayVersion.day == EVERY_DAY)
        )
    )
    versions = {int(day): int(version) for day, version in rows}
    every = versions.pop(EVERY_DAY, 0)
    return [every + sum(versions.get(d, 0) for d in range(a, b + 1)) for a, b in deps]


def valid_days(session: Session, site_id: int, first: date, last: date) -> set[date]:
    """The site's rollup days in ``first..last`` whose versions still match the ones they
    were built from."""
    v = KpiDayVersion
    current = (
        select(func.coalesce(func.sum(v.version), 0))
        .where(
            or_(v.day.between(KpiRollupDay.dep_first, KpiRollupDay.dep_last), v.day == EVERY_DAY)
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(KpiRollupDay.day, KpiRollupDay.version_sum, current).where(
            KpiRollupDay.site_id == site_id, KpiRollupDay.day.between(first, last)
        )
    )
    return {day for day, built, now in rows if int(built) == int(now)}


Built = tuple[DayRollup, tuple[int, int], int]  # a day's rollup, its deps, the version sum


def store_days(db: Database, site_id: int, built: list[Built]) -> bool:
    """Replace these days' rollups in one transaction; False when they couldn't be kept
    (another report storing the same days meanwhile, or a database user who may only
    read): the caller uses them unkept."""
    try:
        with db.sessions() as session:
            write_days(session, site_id, built)
            session.commit()
    except DBAPIError:
        return False
    return True


def write_days(session: Session, site_id: int, built: list[Built]) -> None:
    """Replace the days' rollup rows in ``session``'s transaction (a few statements for
    all of them)."""
    if not built:
        return
    day_list = [rollup.day for rollup, _, _ in built]
    session.execute(
        delete(KpiRollupDay).where(KpiRollupDay.site_id == site_id, KpiRollupDay.day.in_(day_list))
    )
    session.execute(
        insert(KpiRollupDay),
        [
            {
                "site_id": site_id,
                "day": rollup.day,
                "dep_first": deps[0],
                "dep_last": deps[1],
                "version_sum": built_from,
            }
            for rollup, deps, built_from in built
        ],
    )
    contacts = [
        _contact_row(site_id, rollup.day, c) for rollup, _, _ in built for c in rollup.contacts
    ]
    insert_rows(session, KpiRollupContacts.__table__, contacts)  # type: ignore[arg-type]
    times = [
        {
            "site_id": site_id,
            "day": rollup.day,
            "bucket": t.bucket,
            "agent_id": t.agent_id,
            **_time(t.seconds),
        }
        for rollup, _, _ in built
        for t in rollup.agent_time
    ]
    insert_rows(session, KpiRollupAgentTime.__table__, times)  # type: ignore[arg-type]


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) in ``session``'s transaction, fast.

    A month's rollup is some 20,000 rows holding 8 MB of sorted values; the
    ORM's bulk insert sent them one by one (seconds on PostgreSQL, most of a
    cold report), and an ``INSERT … SELECT FROM unnest(arrays)`` still spent a
    second adapting the arrays. PostgreSQL gets a binary ``COPY`` (a tenth of
    that) into a temporary table dropped at commit, then one ``INSERT … SELECT``:
    row-level security and the foreign keys still apply to the real table,
    where ``COPY`` itself would be refused to a login a policy binds. SQLite
    gets the driver's own ``executemany``.
    """
    if not rows:
        return
    names = list(rows[0])
    conn = session.connection()
    listed = ", ".join(names)
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, table.name, names, rows)
        return
    marks = ", ".join("?" for _ in names)
    binds = [(n, table.c[n].type.bind_processor(conn.dialect)) for n in names]
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({listed}) VALUES ({marks})",
        [tuple(row[n] if f is None else f(row[n]) for n, f in binds) for row in rows],
    )


def _copy_rows(conn: Any, name: str, names: list[str], rows: list[dict[str, Any]]) -> None:
    listed = ", ".join(names)
    staging = f"{name}_in"
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0",
            (name,),
        )
        types = dict(cursor.fetchall())
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
            f"SELECT {listed} FROM {name} WITH NO DATA"
        )
        with cursor.copy(f"COPY {staging} ({listed}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types([types[n] for n in names])
            for row in rows:
                copy.write_row(tuple(row[n] for n in names))
        cursor.execute(f"INSERT INTO {name} ({listed}) SELECT {listed} FROM {staging}")
        cursor.execute(f"DROP TABLE {staging}")
    finally:
        cursor.close()


def _time(seconds: dict[str, float]) -> dict[str, float]:
    names = ("handling_seconds", "available_seconds", "scheduled_seconds", "adherent_seconds")
    return {n: float(seconds.get(n, 0.0)) for n in names}


def _contact_row(site_id: int, day: date, cell: Any) -> dict[str, Any]:
    return {
        "site_id": site_id,
        "day": day,
        "grain": cell.grain,
        "bucket": cell.bucket,
        "queue_id": cell.queue_id,
        "agent_id": cell.agent_id,
        **_fields(cell.contacts),
        **_fields(cell.quality),
        "waits": _blob(cell.waits),
        "handles": _blob(cell.handles),
    }


def _fields(sums: Any) -> dict[str, Any]:
    return {name: getattr(sums, name) for name in sums.__dataclass_fields__}


def _blob(values: np.ndarray) -> bytes:
    return np.asarray(values, dtype="<f8").tobytes()
