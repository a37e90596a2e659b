"""A query's rows kept for the rest of a transaction, for several groupings of the same rows.

A rollup stretch needs agent time twice: per quarter-hour and per (agent, day).
Both read the same state spans and adherence pieces (the pieces of a week of a
2,000-agent center cost seconds to cut), so when more than one grouping is
wanted each part is cut once into a temporary table, grouped from there, and
dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import count
from typing import Any

from sqlalchemy import Select, Subquery, column, select, table, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ClauseElement, Executable

_names = count()


class _StageAs(Executable, ClauseElement):
    """``CREATE TEMPORARY TABLE name AS <select>`` with the select's parameters bound as
    in any query (SQLAlchemy's ``CreateTableAs`` renders them inline, which SQLite's
    ``LIMIT -1`` of an ``OFFSET 0`` does not survive)."""

    inherit_cache = False

    def __init__(self, name: str, query: Select[Any]) -> None:
        self.name, self.query = name, query


@compiles(_StageAs)
def _stage_as(element: _StageAs, compiler: Any, **kw: Any) -> str:
    return f"CREATE TEMPORARY TABLE {element.name} AS {compiler.process(element.query, **kw)}"


@contextmanager
def staged(session: Session, parts: Sequence[Subquery], wanted: int) -> Iterator[list[Subquery]]:
    """``parts`` as they are when read once (``wanted`` ≤ 1), else each copied into a
    temporary table and read from there, dropped when the block ends."""
    if wanted <= 1:
        yield list(parts)
        return
    conn = session.connection()
    tables: list[str] = []
    try:
        out = []
        for part in parts:
            name = f"kpi_staged_{next(_names)}"
            conn.execute(_StageAs(name, part.element))  # type: ignore[arg-type]
            tables.append(name)
            kept = table(name, *(column(c.name, c.type) for c in part.c))
            out.append(select(kept).subquery(part.name))
        yield out
    except BaseException:
        # A failed statement or a lost connection: the transaction that created the
        # tables is rolled back with them (DDL is transactional on both engines), and a
        # DROP now would only hide the error with another.
        tables.clear()
        raise
    finally:
        for name in tables:
            conn.execute(text(f"DROP TABLE {name}"))
