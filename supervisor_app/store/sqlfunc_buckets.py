"""Portable SQL for time buckets: seconds since an instant, local wall-clock seconds, clipping.

The KPI history groups rows by local day, week or month and clips agent
state spans to buckets, in SQL, on SQLite and PostgreSQL alike. SQLite has no
``GREATEST``/``LEAST`` (its two-argument ``MAX``/``MIN`` do the same) and no
interval type, so those are spelled per engine here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Float, case, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from supervisor_app.store.base import UTCDateTime
from supervisor_app.store.sqlfunc import instant, seconds_between


class greatest(FunctionElement[Any]):
    """The larger of two values (timestamps or numbers); ``MAX(a, b)`` on SQLite."""

    inherit_cache = True
    name = "greatest"

    def __init__(self, a: Any, b: Any) -> None:
        super().__init__(a, b)
        self.type = self.clauses.clauses[0].type


class least(FunctionElement[Any]):
    """The smaller of two values (timestamps or numbers); ``MIN(a, b)`` on SQLite."""

    inherit_cache = True
    name = "least"

    def __init__(self, a: Any, b: Any) -> None:
        super().__init__(a, b)
        self.type = self.clauses.clauses[0].type


@compiles(greatest, "sqlite")
def _sqlite_greatest(element: greatest, compiler: Any, **kw: Any) -> str:
    return f"MAX({compiler.process(element.clauses, **kw)})"


@compiles(least, "sqlite")
def _sqlite_least(element: least, compiler: Any, **kw: Any) -> str:
    return f"MIN({compiler.process(element.clauses, **kw)})"


@compiles(greatest, "postgresql")
def _pg_greatest(element: greatest, compiler: Any, **kw: Any) -> str:
    return f"GREATEST({compiler.process(element.clauses, **kw)})"


@compiles(least, "postgresql")
def _pg_least(element: least, compiler: Any, **kw: Any) -> str:
    return f"LEAST({compiler.process(element.clauses, **kw)})"


def seconds_since(start: datetime, value: ColumnElement[Any]) -> ColumnElement[float]:
    """Seconds from the fixed instant ``start`` to ``value`` (negative before it)."""
    return seconds_between(instant(start), value)


def wall_seconds_since(
    start: datetime, value: ColumnElement[Any], changes: Sequence[tuple[datetime, float]]
) -> ColumnElement[float]:
    """Seconds on the local wall clock from ``start`` to ``value``.

    ``changes`` lists the UTC offset changes after ``start`` as (instant, new
    offset − offset at ``start``, in seconds), earliest first. Between two
    changes the wall clock runs with UTC, so a CASE over the few changes a range
    holds (two a year) turns elapsed seconds into wall-clock seconds; from
    ``start`` at local midnight, ``floor(wall / 86400)`` is then the local day.
    """
    elapsed = seconds_since(start, value)
    if not changes:
        return elapsed
    shift = case(
        *((value >= instant(at), float(delta)) for at, delta in reversed(changes)),
        else_=0.0,
    )
    return elapsed + shift


class plus_seconds(FunctionElement[datetime]):
    """``value`` plus a whole number of seconds, still comparable with stored timestamps.

    SQLite keeps timestamps as ``YYYY-MM-DD HH:MM:SS.ffffff`` text: the date
    arithmetic keeps the whole seconds and the original fraction is put back,
    so the result compares (and uses an index) like any stored value.
    """

    inherit_cache = True
    name = "plus_seconds"
    type = UTCDateTime()

    def __init__(self, value: ColumnElement[Any], seconds: int) -> None:
        super().__init__(value, literal(int(seconds)))


@compiles(plus_seconds, "sqlite")
def _sqlite_plus(element: plus_seconds, compiler: Any, **kw: Any) -> str:
    value, seconds = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"(strftime('%Y-%m-%d %H:%M:%S', {value}, ({seconds}) || ' seconds') "
        f"|| substr({value}, 20))"
    )


@compiles(plus_seconds, "postgresql")
def _pg_plus(element: plus_seconds, compiler: Any, **kw: Any) -> str:
    value, seconds = (compiler.process(c, **kw) for c in element.clauses)
    return f"({value} + ({seconds}) * INTERVAL '1 second')"


def as_float(value: ColumnElement[Any]) -> ColumnElement[float]:
    """``value`` as a double on both engines (PostgreSQL sums of floats can come back Decimal)."""
    return value.cast(Float())
