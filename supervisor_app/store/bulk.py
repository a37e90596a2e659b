"""Many rows into one table, fast: multi-row ``INSERT`` on SQLite, ``COPY`` on PostgreSQL.

The ORM costs tens of microseconds a row; a demo seed writes hundreds of
thousands of rows, so this path skips it. The caller hands over plain values
(ids pre-assigned, timestamps already turned into text by ``timestamp_texts``)
and keeps the whole load inside its own transaction, so it stays all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, text
from sqlalchemy.exc import DBAPIError

# SQLAlchemy's SQLite DATETIME storage format is "YYYY-MM-DD HH:MM:SS.ffffff"
# (naive UTC here); numpy writes the same digits with a "T" at this position.
_ISO_T_POSITION = 10
_ISO_LENGTH = 26
# Bound parameters per statement: the lowest limit any SQLite build has (999 before 3.32).
SQLITE_MAX_VARIABLES = 999
# PostgreSQL reads this suffix as UTC whatever the session's TimeZone is.
_PG_UTC_SUFFIX = "+00"


def timestamp_texts(dialect: str, epoch_seconds: Any) -> list[str | None]:
    """UTC epoch seconds (NaN for NULL) as the text each engine stores or parses.

    SQLite gets exactly what ``UTCDateTime`` writes there, so rows written in bulk
    compare and sort with rows written through the ORM; PostgreSQL gets the same
    digits marked as UTC, for ``COPY`` into ``timestamptz``. Vectorised: a fraction
    of a microsecond a value, several times less than a ``datetime`` each.
    """
    seconds = np.asarray(epoch_seconds, dtype=np.float64)
    missing = np.isnan(seconds)
    micros = np.round(np.where(missing, 0.0, seconds) * 1e6).astype(np.int64)
    texts = np.datetime_as_string(micros.astype("datetime64[us]"), unit="us").astype(
        f"<U{_ISO_LENGTH}"
    )
    if len(texts):
        codes = texts.view(np.uint32).reshape(len(texts), _ISO_LENGTH)
        codes[:, _ISO_T_POSITION] = ord(" ")
    values: list[str | None] = texts.tolist()
    if dialect == "postgresql":
        values = [v + _PG_UTC_SUFFIX for v in values]  # type: ignore[operator]
    if missing.any():
        for i in np.flatnonzero(missing).tolist():
            values[i] = None
    return values


def insert_rows(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table`` on ``conn``'s transaction.

    Values must already be what the driver takes as is: ints, floats, str, bool,
    None, and timestamps from ``timestamp_texts``.
    """
    unknown = [c for c in columns if c not in table.c]
    if unknown:
        raise ValueError(f"table {table.name} has no column(s) {', '.join(unknown)}")
    dialect = conn.dialect.name
    if dialect == "sqlite":
        _sqlite_insert(conn, table, columns, rows)
    elif dialect == "postgresql":
        _pg_copy(conn, table, columns, rows)
    else:
        raise ValueError(f"bulk insert is not supported on {dialect}")


def _quoted(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _sqlite_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """``INSERT … VALUES (…), (…), …`` with as many rows per statement as SQLite takes.

    One statement per row would pay the statement's setup every time, and
    SQLite rebuilds the lookup table of an enum ``CHECK (x IN (…))`` on every
    execution: many rows per execution cost less than half as much.
    """
    width = len(columns)
    per_statement = max(1, SQLITE_MAX_VARIABLES // width)
    names = ", ".join(_quoted(conn, c) for c in columns)
    one = "(" + ", ".join("?" for _ in columns) + ")"
    head = f"INSERT INTO {_quoted(conn, table.name)} ({names}) VALUES "
    full = len(rows) // per_statement * per_statement
    flat = list(chain.from_iterable(rows))
    step = per_statement * width
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        if full:
            sql = head + ", ".join(one for _ in range(per_statement))
            cursor.executemany(sql, (flat[i : i + step] for i in range(0, full * width, step)))
        if full < len(rows):
            sql = head + ", ".join(one for _ in range(len(rows) - full))
            cursor.execute(sql, flat[full * width :])
    finally:
        cursor.close()


def _pg_copy(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    names = ", ".join(_quoted(conn, c) for c in columns)
    sql = f"COPY {_quoted(conn, table.name)} ({names}) FROM STDIN"
    raw = conn.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(row)


def drop_checks(conn: Connection, tables: Sequence[Table]) -> list[str]:
    """Drop the tables' secondary indexes (and on PostgreSQL their foreign keys) for a bulk load.

    Returns the DDL that puts them back, for ``restore_checks`` before the commit.
    Building an index once from the loaded rows is cheaper than updating it row
    by row, and one validating query per foreign key is far cheaper than
    PostgreSQL's per-row referential triggers (half the cost of a COPY). It all
    happens inside the caller's transaction: other connections never see the
    schema change, unique indexes and foreign keys are checked when they come
    back, and a failure rolls the drop back with everything else. PostgreSQL
    keeps the tables locked until the commit; a user who may not alter them
    gets nothing dropped, and a slower load.
    """
    names = [t.name for t in tables]
    if conn.dialect.name != "postgresql":
        drop, restore = _sqlite_drop_and_restore(conn, names)
        for sql in drop:
            conn.exec_driver_sql(sql)
        return restore
    drop, restore = _pg_drop_and_restore(conn, names)
    savepoint = conn.begin_nested()
    try:
        for sql in drop:
            conn.exec_driver_sql(sql)
    except DBAPIError:
        savepoint.rollback()  # not the tables' owner: load with everything in place
        return []
    savepoint.commit()
    return restore


def restore_checks(conn: Connection, ddl: Iterable[str]) -> None:
    """Rebuild what ``drop_checks`` dropped (this is when they are checked)."""
    for sql in ddl:
        conn.exec_driver_sql(sql)


def _sqlite_drop_and_restore(conn: Connection, names: list[str]) -> tuple[list[str], list[str]]:
    marks = ", ".join("?" for _ in names)
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks}) ORDER BY name",
        tuple(names),
    ).all()
    # The KPI rollup version triggers fire per row; the loader bumps versions itself.
    triggers = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kpi_v_%' "
        f"AND tbl_name IN ({marks}) ORDER BY name",
        tuple(names),
    ).all()
    drop = [f"DROP INDEX {_quoted(conn, n)}" for n, _ in indexes]
    drop += [f"DROP TRIGGER {_quoted(conn, n)}" for n, _ in triggers]
    return drop, [sql for _, sql in indexes] + [sql for _, sql in triggers]


def _pg_drop_and_restore(conn: Connection, names: list[str]) -> tuple[list[str], list[str]]:
    """DDL dropping the tables' foreign keys and plain indexes, and DDL putting them back."""
    keys = conn.execute(
        text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c WHERE c.contype = 'f' "
            "AND c.conrelid::regclass::text = ANY(:names) ORDER BY 1, 2"
        ),
        {"names": names},
    ).all()
    indexes = conn.execute(
        text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(:names) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) "
            "ORDER BY 1"
        ),
        {"names": names},
    ).all()
    drop = [
        f"ALTER TABLE {_quoted(conn, t)} DROP CONSTRAINT {_quoted(conn, n)}" for t, n, _ in keys
    ]
    drop += [f"DROP INDEX {_quoted(conn, n)}" for n, _ in indexes]
    # The KPI rollup version triggers (statement level): the loader bumps versions itself.
    triggers = conn.execute(
        text(
            "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
            "AND t.tgname LIKE 'kpi\\_v\\_%' AND c.relname = ANY(:names) ORDER BY 2"
        ),
        {"names": names},
    ).all()
    drop += [f"DROP TRIGGER {_quoted(conn, n)} ON {_quoted(conn, t)}" for t, n, _ in triggers]
    restore = [d for _, d in indexes] + [d for _, _, d in triggers]
    restore += [
        f"ALTER TABLE {_quoted(conn, t)} ADD CONSTRAINT {_quoted(conn, n)} {d}" for t, n, d in keys
    ]
    return drop, restore


def reset_id_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """After inserting explicit ids on PostgreSQL, move each ``id`` sequence past the largest.

    Without this the next ORM insert would take id 1 again and collide. SQLite
    picks ``max(rowid) + 1`` by itself, so there is nothing to do there.
    """
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        name = _quoted(conn, table.name)
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            ),
            {"table": table.name},
        )
