"""Contact sums computed in SQL, for the KPI functions in ``domain.kpi``.

Nothing here loads contacts into Python: grouped queries return a row of sums
per queue (or per queue and interval), and ``domain.kpi`` turns sums into
figures. The live view keeps today's sums per quarter-hour on top of these
(``services.live.today_sums``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    CTE,
    Integer,
    Select,
    and_,
    case,
    func,
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


@lru_cache(maxsize=16)
def _sum_columns(targets: CTE) -> tuple[ColumnElement[Any], ...]:
    """The sums, with thresholds read from ``targets`` (``services.targets.targets_table``,
    joined with ``span_join``): each contact is judged by its own day's values.

    Kept per ``targets`` table (by identity): the live view joins the same one all day
    and rebuilding thirteen expressions was a millisecond of every refresh."""
    threshold = targets.c.threshold_seconds
    short_abandon = targets.c.short_abandon_seconds
    answer_wait = seconds_between(Contact.arrived_at, Contact.answered_at)
    abandon_wait = seconds_between(Contact.arrived_at, Contact.ended_at)
    handle = seconds_between(
        Contact.answered_at, func.coalesce(Contact.wrap_ended_at, Contact.ended_at)
    )
    abandoned = Contact.outcome == Outcome.ABANDONED
    handled = and_(Contact.answered_at.is_not(None), Contact.ended_at.is_not(None))
    return (
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
    )


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
