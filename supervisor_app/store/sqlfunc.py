"""Portable SQL expressions the queries need and SQLAlchemy doesn't spell the same everywhere."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, Integer, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from supervisor_app.store.base import UTCDateTime


class seconds_between(FunctionElement[float]):
    """``end - start`` in seconds (a float), on SQLite and PostgreSQL."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"

    def __init__(self, start: ColumnElement[Any], end: ColumnElement[Any]) -> None:
        super().__init__(start, end)


@compiles(seconds_between, "sqlite")
def _sqlite_seconds(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    # julianday() is a double of days: good to ~10 µs, so round to the millisecond
    # or an exact 20.000 s wait reads as 20.0000004 and misses a 20 s threshold.
    return (
        f"ROUND((julianday({compiler.process(end, **kw)}) - "
        f"julianday({compiler.process(start, **kw)})) * 86400.0, 3)"
    )


@compiles(seconds_between, "postgresql")
def _pg_seconds(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    # date_part() returns double precision; EXTRACT returns numeric, about twice as slow
    # to aggregate over a day of contacts.
    return f"date_part('epoch', {compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


class floor_int(FunctionElement[int]):
    """``floor(x)`` as an integer on both engines (for ``x`` above −2²⁰).

    SQLite's ``CAST(x AS INTEGER)`` truncates toward zero and PostgreSQL's
    rounds; shifting by 2²⁰ first makes truncation a floor without computing
    ``x`` twice.
    """

    type = Integer()
    inherit_cache = True
    name = "floor_int"


_SHIFT = 1 << 20


@compiles(floor_int, "sqlite")
def _sqlite_floor(element: floor_int, compiler: Any, **kw: Any) -> str:
    return f"(CAST(({compiler.process(element.clauses, **kw)}) + {_SHIFT} AS INTEGER) - {_SHIFT})"


@compiles(floor_int, "postgresql")
def _pg_floor(element: floor_int, compiler: Any, **kw: Any) -> str:
    return f"CAST(floor({compiler.process(element.clauses, **kw)}) AS INTEGER)"


def instant(value: datetime) -> ColumnElement[datetime]:
    """A timestamp parameter stored the way the tables store theirs (naive UTC text on
    SQLite), so SQL arithmetic with columns compares like with like."""
    return literal(value, UTCDateTime())


class epoch_bucket(FunctionElement[int]):
    """Which ``seconds``-long slice of time since 1970-01-01 UTC holds a timestamp column:
    ``floor(epoch / seconds)``, exactly, as the ``live_bucket_versions`` triggers number it.

    On SQLite the stored text is cut to whole seconds first: ``strftime`` alone rounds
    to the millisecond and would put 00:14:59.9996 in the next quarter-hour.
    """

    type = Integer()
    inherit_cache = True
    name = "epoch_bucket"

    def __init__(self, moment: ColumnElement[Any], seconds: int) -> None:
        super().__init__(moment, literal(seconds, Integer()))


@compiles(epoch_bucket, "sqlite")
def _sqlite_epoch_bucket(element: epoch_bucket, compiler: Any, **kw: Any) -> str:
    moment, seconds = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST(strftime('%s', substr({moment}, 1, 19)) AS INTEGER) / {seconds})"


@compiles(epoch_bucket, "postgresql")
def _pg_epoch_bucket(element: epoch_bucket, compiler: Any, **kw: Any) -> str:
    moment, seconds = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(floor(extract(epoch FROM {moment}) / {seconds}) AS BIGINT)"
