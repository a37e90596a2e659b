"""Contact sums computed in SQL, for the KPI functions in ``domain.kpi``.

Nothing here loads contacts into Python: grouped queries return a row of sums
per queue (or per queue and interval), and ``domain.kpi`` turns sums into
figures. ``RunningSums`` keeps today's sums for the live view without reading
the whole day again on every refresh.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ARRAY,
    CTE,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    case,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.enums import Outcome
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.targets import span_join, targets_table
from supervisor_app.store.models import Contact, Queue
from supervisor_app.store.sqlfunc import floor_int, instant, seconds_between


def interval_index(
    start: datetime, moment: ColumnElement[Any], seconds: float
) -> ColumnElement[int]:
    """Which ``seconds``-long interval from ``start`` holds ``moment`` (0, 1, …)."""
    return floor_int(seconds_between(instant(start), moment) / seconds)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0).cast(Integer)


def _sum_columns(targets: CTE) -> list[ColumnElement[Any]]:
    """The sums, with thresholds read from ``targets`` (``services.targets.targets_table``,
    joined with ``span_join``): each contact is judged by its own day's values."""
    threshold = targets.c.threshold_seconds
    short_abandon = targets.c.short_abandon_seconds
    answer_wait = seconds_between(Contact.arrived_at, Contact.answered_at)
    abandon_wait = seconds_between(Contact.arrived_at, Contact.ended_at)
    handle = seconds_between(
        Contact.answered_at, func.coalesce(Contact.wrap_ended_at, Contact.ended_at)
    )
    abandoned = Contact.outcome == Outcome.ABANDONED
    handled = and_(Contact.answered_at.is_not(None), Contact.ended_at.is_not(None))
    return [
        func.count().label("offered"),
        func.count(Contact.answered_at).label("answered"),
        _count_if(abandoned).label("abandoned"),
        _count_if(and_(abandoned, abandon_wait <= short_abandon)).label("short_abandoned"),
        _count_if(and_(abandoned, abandon_wait > threshold)).label("abandoned_after_threshold"),
        _count_if(and_(Contact.answered_at.is_not(None), answer_wait <= threshold)).label(
            "answered_within_threshold"
        ),
        _count_if(Contact.outcome == Outcome.TIMED_OUT).label("timed_out"),
        _count_if(Contact.outcome == Outcome.TRANSFERRED).label("transferred"),
        _count_if(Contact.escalated.is_(True)).label("escalated"),
        func.coalesce(func.sum(answer_wait), 0.0).label("answer_wait_seconds"),
        _count_if(handled).label("handled"),
        func.coalesce(func.sum(case((handled, handle), else_=None)), 0.0).label("handle_seconds"),
        func.max(
            seconds_between(
                Contact.arrived_at, func.coalesce(Contact.answered_at, Contact.ended_at)
            )
        ).label("longest_wait_seconds"),
    ]


def grouped_sums(
    session: Session,
    keys: Iterable[ColumnElement[Any]],
    *where: ColumnElement[bool],
    extra: Iterable[ColumnElement[Any]] = (),
    targets: CTE | None = None,
) -> list[tuple[tuple[Any, ...], ContactSums, tuple[Any, ...]]]:
    """Contact sums grouped by ``keys`` (expressions on contacts), for contacts matching ``where``.

    Each row is (key values, sums, values of the ``extra`` aggregates), which may
    read ``queues`` and ``targets`` (the targets in force, every queue's when None).
    Each key expression goes in the ``GROUP BY`` as the same object, so its bound
    parameters keep one name and PostgreSQL sees the same expression twice.
    """
    keys, extra = list(keys), list(extra)
    targets = targets if targets is not None else targets_table(session)
    columns = _sum_columns(targets)
    names = [c.key for c in columns]
    query: Select[Any] = (
        select(*keys, *columns, *extra)
        .join(Queue, Queue.id == Contact.queue_id)
        .join(targets, span_join(targets))
        .where(*where)
        .group_by(*keys)
    )
    out = []
    for row in session.connection().execute(query).all():
        values = dict(zip(names, row[len(keys) : len(keys) + len(names)], strict=True))
        values["answer_wait_seconds"] = float(values["answer_wait_seconds"])
        values["handle_seconds"] = float(values["handle_seconds"])
        if values["longest_wait_seconds"] is not None:
            values["longest_wait_seconds"] = float(values["longest_wait_seconds"])
        tail = tuple(row[len(keys) + len(names) :])
        out.append((tuple(row[: len(keys)]), ContactSums(**values), tail))
    return out


def add_up(sums: dict[Any, ContactSums], key: Any, more: ContactSums) -> None:
    sums[key] = sums[key] + more if key in sums else more


def sums_by_queue(session: Session, start: datetime, end: datetime) -> dict[int, ContactSums]:
    """Sums of the contacts that arrived in [start, end), per queue id."""
    rows = grouped_sums(
        session, [Contact.queue_id], Contact.arrived_at >= start, Contact.arrived_at < end
    )
    return {queue_id: sums for (queue_id,), sums, _ in rows}


def interval_filters(
    start: datetime,
    end: datetime,
    queue_ids: Collection[int] | None = None,
    agent_ids: Select[Any] | None = None,
) -> list[ColumnElement[bool]]:
    """Contacts arrived in [start, end), of ``queue_ids``, handled by ``agent_ids`` (a query)."""
    where = [Contact.arrived_at >= start, Contact.arrived_at < end]
    if queue_ids is not None:
        where.append(Contact.queue_id.in_(sorted(queue_ids)))
    if agent_ids is not None:
        where.append(Contact.agent_id.in_(agent_ids))
    return where


def sums_by_interval(
    session: Session,
    start: datetime,
    end: datetime,
    interval_seconds: float,
    *,
    queue_ids: Collection[int] | None = None,
    agent_ids: Select[Any] | None = None,
) -> dict[int, ContactSums]:
    """Sums per interval (index from ``start``) of the contacts arrived in [start, end).

    ``queue_ids`` keeps those queues; ``agent_ids`` (a query of agent ids) keeps
    the contacts those agents handled. Intervals are counted in UTC seconds from
    ``start``, which is how ``domain.timeutil.interval_starts`` lays them out.
    """
    index = interval_index(start, Contact.arrived_at, interval_seconds)
    where = interval_filters(start, end, queue_ids, agent_ids)
    return {k: sums for (k,), sums, _ in grouped_sums(session, [index], *where)}


class RunningSums:
    """Today's sums per queue, as ``sums_by_queue(day_start, now + 1 µs)`` gives them, kept
    up to date between calls instead of re-read in full.

    A busy day holds tens of thousands of contacts, and summing them all costs
    far more than the live view's refresh budget. Most of them are *settled*:
    ended and wrapped up (or ended without an answer, or ended over
    ``SETTLE_SECONDS`` ago), which no writer touches again. So each call sums
    only what can still change: arrivals after a watermark, and the contacts
    that arrived before it but were still open last time (by id). Settled ones
    are folded into a stored total and the watermark moves up to ``LAG_SECONDS``
    before now, leaving room for a writer that stores arrivals a little late.

    Each step reads in an order that never loses a contact to a concurrent
    writer: the arrivals just before the watermark are counted first, then the
    still-open ids are listed, then sums are taken folding only contacts that
    were not listed and are settled. An arrival stored later than that, behind
    the watermark, changes the count next time and the state is re-read in
    full. So is it on a new day, when the clock goes back, and every
    ``REBUILD_SECONDS`` in any case, which bounds how long an edit to a settled
    contact, or an arrival stored over ``CHECK_SECONDS`` late, can go unseen.
    Each state is an immutable value swapped in whole, for concurrent callers.
    """

    LAG_SECONDS = 120.0
    CHECK_SECONDS = 3600.0
    SETTLE_SECONDS = 1800.0
    REBUILD_SECONDS = 300.0
    MAX_PENDING = 5000  # more open contacts than this: keep no state, sum in full

    def __init__(self) -> None:
        self._state: _Settled | None = None

    def sums(self, session: Session, day_start: datetime, now: datetime) -> dict[int, ContactSums]:
        state = self._state
        if state is None or not state.valid(session, day_start, now, self.REBUILD_SECONDS):
            state = _Settled.empty(day_start)
        watermark = max(state.watermark, now - timedelta(seconds=self.LAG_SECONDS))
        recent = _arrivals(session, day_start, watermark, self.CHECK_SECONDS)
        dialect = session.get_bind().dialect.name
        fresh = or_(
            and_(Contact.arrived_at >= state.watermark, Contact.arrived_at < now + _TICK),
            _among("pending", state.pending, dialect),
        )
        final = and_(
            Contact.ended_at.is_not(None),
            or_(
                Contact.answered_at.is_(None),
                Contact.wrap_ended_at.is_not(None),
                Contact.ended_at < now - timedelta(seconds=self.SETTLE_SECONDS),
            ),
        )
        before = Contact.arrived_at < watermark
        pending = tuple(session.scalars(select(Contact.id).where(fresh, before, ~final)))
        fold = case((and_(before, final, ~_among("open", pending, dialect)), 1), else_=0)
        settled = dict(state.sums)
        live: dict[int, ContactSums] = {}
        for (queue_id, folded), part, _ in grouped_sums(session, [Contact.queue_id, fold], fresh):
            add_up(settled if folded else live, queue_id, part)
        if len(pending) <= self.MAX_PENDING:
            self._state = _Settled(day_start, watermark, recent, settled, pending, state.built)
        else:
            self._state = None
        today = dict(settled)
        for queue_id, part in live.items():
            add_up(today, queue_id, part)
        return today


_TICK = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class _Settled:
    day_start: datetime
    watermark: datetime  # arrivals before this are in ``sums`` or listed in ``pending``
    recent: int  # arrivals in the CHECK_SECONDS before the watermark, counted first
    sums: Mapping[int, ContactSums]
    pending: tuple[int, ...]  # ids of contacts before the watermark that may still change
    built: float  # time.monotonic() of the last full read

    @classmethod
    def empty(cls, day_start: datetime) -> _Settled:
        return cls(day_start, day_start, 0, {}, (), time.monotonic())

    def valid(self, session: Session, day_start: datetime, now: datetime, max_age: float) -> bool:
        if self.day_start != day_start or now < self.watermark:
            return False
        if time.monotonic() - self.built > max_age:
            return False
        return _arrivals(session, day_start, self.watermark, RunningSums.CHECK_SECONDS) == (
            self.recent
        )


def _arrivals(session: Session, day_start: datetime, watermark: datetime, seconds: float) -> int:
    """Contacts that arrived in the ``seconds`` before ``watermark`` (not before ``day_start``)."""
    since = max(day_start, watermark - timedelta(seconds=seconds))
    query = select(func.count()).where(Contact.arrived_at >= since, Contact.arrived_at < watermark)
    return session.scalar(query) or 0


def _among(name: str, ids: tuple[int, ...], dialect: str) -> ColumnElement[bool]:
    """``contacts.id`` is one of ``ids``, sent as one parameter however many there are.

    An ``IN`` list of a thousand parameters costs more to render and bind than
    the query costs to run; PostgreSQL takes an array, SQLite a JSON list.
    """
    if not ids:
        return false()
    if dialect == "postgresql":
        return Contact.id == any_(bindparam(name, list(ids), type_=ARRAY(Integer)))
    each = func.json_each(bindparam(name, json.dumps(ids))).table_valued("value")
    return Contact.id.in_(select(each.c.value))
