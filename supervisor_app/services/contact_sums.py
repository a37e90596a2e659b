"""Contact sums per queue, computed in SQL, for the KPI functions in ``domain.kpi``.

Nothing here loads contacts into Python: one grouped query returns a row of
sums per queue, and ``domain.kpi`` turns sums into figures.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.enums import Outcome
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.store.models import Contact, Queue
from supervisor_app.store.sqlfunc import seconds_between


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0).cast(Integer)


def _sum_columns() -> list[ColumnElement[Any]]:
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
        _count_if(and_(abandoned, abandon_wait <= Queue.short_abandon_seconds)).label(
            "short_abandoned"
        ),
        _count_if(and_(abandoned, abandon_wait > Queue.answer_threshold_seconds)).label(
            "abandoned_after_threshold"
        ),
        _count_if(
            and_(Contact.answered_at.is_not(None), answer_wait <= Queue.answer_threshold_seconds)
        ).label("answered_within_threshold"),
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


def sums_by_queue(session: Session, start: datetime, end: datetime) -> dict[int, ContactSums]:
    """Sums of the contacts that arrived in [start, end), per queue id."""
    query = (
        select(Contact.queue_id, *_sum_columns())
        .join(Queue, Queue.id == Contact.queue_id)
        .where(Contact.arrived_at >= start, Contact.arrived_at < end)
        .group_by(Contact.queue_id)
    )
    result: dict[int, ContactSums] = {}
    for row in session.execute(query).mappings():
        values = dict(row)
        queue_id = values.pop("queue_id")
        values["answer_wait_seconds"] = float(values["answer_wait_seconds"])
        values["handle_seconds"] = float(values["handle_seconds"])
        result[queue_id] = ContactSums(**values)
    return result
