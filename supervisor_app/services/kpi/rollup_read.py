"""Reading KPI rollup cells: summed per final group in SQL, percentiles merged exactly.

``CellQuery`` says which rollup cells a report reads (grain, filters) and by
which of (day, bucket, queue, agent) they are summed in SQL; ``kpi_rollup``
maps each summed cell to its report group in Python (a few thousand at most).

Percentiles: each cell holds its contacts' answer waits and handle times,
sorted, as float64 bytes. A final group's values are the concatenation of its
cells' (one ``bytes.join`` and one ``numpy.frombuffer`` per group), sorted
once; the median and p90 are then taken with ``domain.kpi.percentile_position``
and ``interpolate``, the formula the raw path uses (SQLite) and PostgreSQL's
``percentile_cont`` follows. The values are the ones the raw path ranks, so the
figures are the same, not an estimate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.kpi import ContactSums, interpolate, percentile_position
from supervisor_app.services.kpi.percentiles import FRACTIONS, Percentiles
from supervisor_app.services.kpi.sums import QualitySums
from supervisor_app.store.models import Agent, KpiRollupAgentTime, KpiRollupContacts

C, T = KpiRollupContacts, KpiRollupAgentTime
PLACES = ("day", "bucket", "queue_id", "agent_id")
Place = tuple[Any, Any, Any, Any]  # (day, bucket, queue_id, agent_id); None where not grouped
_CONTACT_FIELDS = tuple(ContactSums.__dataclass_fields__)
_QUALITY_FIELDS = tuple(QualitySums.__dataclass_fields__)
_SECONDS = frozenset({"answer_wait_seconds", "handle_seconds", "longest_wait_seconds"})
TIME_FIELDS = ("handling_seconds", "available_seconds", "scheduled_seconds", "adherent_seconds")


@dataclass(frozen=True, slots=True)
class CellQuery:
    site_id: int  # whose kept days
    days: tuple[date, ...]  # the stored (valid) days read
    grain: int
    by: tuple[str, ...]  # of PLACES: what the cells are summed by
    queue_ids: tuple[int, ...] | None
    team_ids: tuple[int, ...] | None
    answered_only: bool

    def contact_where(self) -> list[ColumnElement[bool]]:
        where = [C.site_id == self.site_id, C.day.in_(self.days), C.grain == self.grain]
        if self.queue_ids is not None:
            where.append(C.queue_id.in_(self.queue_ids))
        if self.answered_only:
            where.append(C.agent_id.is_not(None))
        if self.team_ids is not None:
            where.append(C.agent_id.in_(select(Agent.id).where(Agent.team_id.in_(self.team_ids))))
        return where


def _place(by: tuple[str, ...], row: Any) -> Place:
    """The row's leading ``by`` columns as a (day, bucket, queue, agent) place (once per
    cell read: tens of thousands for a month by interval, so no dict per row)."""
    d, b, q, a = (by.index(n) if n in by else -1 for n in PLACES)
    return (
        row[d] if d >= 0 else None,
        row[b] if b >= 0 else None,
        row[q] if q >= 0 else None,
        row[a] if a >= 0 else None,
    )


def contact_cells(session: Session, q: CellQuery) -> list[tuple[Place, ContactSums, QualitySums]]:
    keys = [getattr(C, name) for name in q.by]
    sums = [
        func.max(C.longest_wait_seconds) if n == "longest_wait_seconds" else func.sum(getattr(C, n))
        for n in _CONTACT_FIELDS
    ]
    quality = [func.sum(getattr(C, n)) for n in _QUALITY_FIELDS]
    query: Select[Any] = select(*keys, *sums, *quality).where(*q.contact_where()).group_by(*keys)
    out = []
    width, n = len(keys), len(_CONTACT_FIELDS)
    for row in session.execute(query):
        if row[width] is None:  # no cells at all: the one row of an ungrouped aggregate
            continue
        values = dict(zip(_CONTACT_FIELDS, row[width : width + n], strict=True))
        for name, value in values.items():
            if value is not None:
                values[name] = float(value) if name in _SECONDS else int(value)
        contacts = ContactSums(**values)
        out.append((_place(q.by, row), contacts, QualitySums(*(int(v) for v in row[width + n :]))))
    return out


def value_cells(session: Session, q: CellQuery) -> Iterable[tuple[Place, bytes, bytes]]:
    keys = [getattr(C, name) for name in q.by]
    query = select(*keys, C.waits, C.handles).where(*q.contact_where())
    for row in session.execute(query):
        yield _place(q.by, row), row[-2], row[-1]


def time_cells(
    session: Session, q: CellQuery, per_agent: bool
) -> list[tuple[Place, dict[str, float]]]:
    keys = [getattr(T, name) for name in q.by]
    where = [T.site_id == q.site_id, T.day.in_(q.days)]
    if per_agent:
        where += [T.bucket.is_(None), T.agent_id.is_not(None)]
        if q.team_ids is not None:
            where.append(T.agent_id.in_(select(Agent.id).where(Agent.team_id.in_(q.team_ids))))
    else:
        where.append(T.agent_id.is_(None))
    columns = [func.sum(getattr(T, n)) for n in TIME_FIELDS]
    query = select(*keys, *columns).where(*where).group_by(*keys)
    width = len(keys)
    return [
        (_place(q.by, row), dict(zip(TIME_FIELDS, map(float, row[width:]), strict=True)))
        for row in session.execute(query)
        if row[width] is not None
    ]


class ValueMerger:
    """Sorted answer waits and handle times gathered per group, then their percentiles."""

    def __init__(self) -> None:
        self._parts: dict[Any, tuple[list[bytes], list[bytes]]] = defaultdict(lambda: ([], []))

    def add(self, key: Any, waits: bytes, handles: bytes) -> None:
        parts = self._parts[key]
        parts[0].append(waits)
        parts[1].append(handles)

    def percentiles(self) -> dict[Any, Percentiles]:
        out = {}
        for key, (waits, handles) in self._parts.items():
            figures: list[float | None] = []
            for blobs in (waits, handles):
                values = np.sort(np.frombuffer(b"".join(blobs), dtype="<f8"))
                figures += [_percentile(values, f) for f in FRACTIONS]
            out[key] = Percentiles(*figures)
        return out


def _percentile(values: np.ndarray, fraction: float) -> float | None:
    if not len(values):
        return None
    lower, upper, weight = percentile_position(len(values), fraction)
    return interpolate(float(values[lower]), float(values[upper]), weight)


KeyOf = Callable[[Place], tuple[Any, ...]]
