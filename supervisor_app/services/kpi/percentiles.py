"""Median and 90th percentile of speed of answer and handle time, per group, in SQL.

PostgreSQL has ``percentile_cont``. SQLite has no percentile function, so
each group's values are ranked with window functions in SQL and only the (up
to) two rows around each percentile come back; ``domain.kpi.percentile_position``
interpolates between them exactly as ``percentile_cont`` does. Either way no
group's durations are loaded into Python.

Percentiles don't add up across groups, so they are computed per final group,
never folded from smaller ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.kpi import interpolate, percentile_position
from supervisor_app.services.kpi.scope import ContactScope, range_filter, scoped
from supervisor_app.store.models import Contact
from supervisor_app.store.sqlfunc import floor_int, seconds_between

FRACTIONS = (0.5, 0.9)
METRICS = ("asa", "aht")


@dataclass(frozen=True, slots=True)
class Percentiles:
    asa_p50_seconds: float | None = None
    asa_p90_seconds: float | None = None
    aht_p50_seconds: float | None = None
    aht_p90_seconds: float | None = None


def _answered() -> ColumnElement[bool]:
    return Contact.answered_at.is_not(None)


def _handled() -> ColumnElement[bool]:
    return and_(Contact.answered_at.is_not(None), Contact.ended_at.is_not(None))


def _wait() -> ColumnElement[float]:
    """Arrival to answer, as ``contact_sums`` sums it for the ASA."""
    return seconds_between(Contact.arrived_at, Contact.answered_at)


def _handle() -> ColumnElement[float]:
    """Answer to the end of wrap-up (or of the contact), as ``contact_sums`` sums it for AHT."""
    return seconds_between(
        Contact.answered_at, func.coalesce(Contact.wrap_ended_at, Contact.ended_at)
    )


def percentiles(
    session: Session, scope: ContactScope, start: datetime, end: datetime
) -> dict[tuple[Any, ...], Percentiles]:
    """p50 and p90 of answer wait and handle time of contacts arrived in [start, end), per key."""
    if session.get_bind().dialect.name == "postgresql":
        return _server_side(session, scope, start, end)
    return _ranked(session, scope, start, end)


def _server_side(
    session: Session, scope: ContactScope, start: datetime, end: datetime
) -> dict[tuple[Any, ...], Percentiles]:
    keys = list(scope.keys)
    wait = case((_answered(), _wait()), else_=None)
    handle = case((_handled(), _handle()), else_=None)
    columns = [func.percentile_cont(f).within_group(v) for v in (wait, handle) for f in FRACTIONS]
    query = scoped(select(*keys, *columns).select_from(Contact), scope)
    query = query.where(*range_filter(scope, start, end)).group_by(*keys)
    width = len(keys)
    return {
        tuple(row[:width]): Percentiles(*(None if v is None else float(v) for v in row[width:]))
        for row in session.execute(query)
    }


def _ranked(
    session: Session, scope: ContactScope, start: datetime, end: datetime
) -> dict[tuple[Any, ...], Percentiles]:
    width = len(scope.keys)

    def values(metric: int, value: ColumnElement[float], when: ColumnElement[bool]) -> Select[Any]:
        keys = [k.label(f"g{i}") for i, k in enumerate(scope.keys)]
        query = select(*keys, literal(metric).label("m"), value.label("v")).select_from(Contact)
        return scoped(query, scope).where(*range_filter(scope, start, end), when)

    rows = union_all(values(0, _wait(), _answered()), values(1, _handle(), _handled())).subquery()
    groups = [rows.c[f"g{i}"] for i in range(width)] + [rows.c.m]
    ranked = select(
        *groups,
        rows.c.v,
        func.row_number().over(partition_by=groups, order_by=rows.c.v).label("rank"),
        func.count().over(partition_by=groups).label("n"),
    ).subquery()
    around = []
    for f in FRACTIONS:
        lower = floor_int((ranked.c.n - 1) * f) + 1
        around += [ranked.c["rank"] == lower, ranked.c["rank"] == lower + 1]
    query = select(*(ranked.c[c.key] for c in groups), ranked.c.n, ranked.c["rank"], ranked.c.v)
    found: dict[tuple[Any, ...], dict[int, dict[int, float]]] = defaultdict(dict)
    sizes: dict[tuple[tuple[Any, ...], int], int] = {}
    for row in session.execute(query.where(or_(*around))):
        key, metric, n, rank, value = tuple(row[:width]), row[width], *row[width + 1 :]
        found[key].setdefault(metric, {})[int(rank) - 1] = float(value)
        sizes[key, metric] = int(n)
    out = {}
    for key, by_metric in found.items():
        figures: list[float | None] = []
        for metric in range(len(METRICS)):
            ranks = by_metric.get(metric)
            for f in FRACTIONS:
                if ranks is None:
                    figures.append(None)
                    continue
                lower, upper, weight = percentile_position(sizes[key, metric], f)
                figures.append(interpolate(ranks[lower], ranks[upper], weight))
        out[key] = Percentiles(*figures)
    return out
