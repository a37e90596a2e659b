"""Callers' patience and the spread of handle times per queue, from the contacts of a range
of days: what the expected service level (``domain.coverage_pooled``) needs from history."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select

from supervisor_app.domain.enums import Outcome
from supervisor_app.domain.plan_accuracy import handle_cv2_from_history, patience_from_history
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.database import Database
from supervisor_app.store.models import Contact
from supervisor_app.store.sqlfunc import seconds_between


def estimated_patience(db: Database, first: date, last: date, zone: ZoneInfo) -> dict[int, float]:
    """Each queue's mean patience over local days ``first`` to ``last``: abandonments ÷ the
    seconds callers waited (``domain.plan_accuracy.patience_from_history``); queues where
    nobody abandoned are left out (Erlang C applies to them)."""
    start, _ = local_day_bounds(first, zone)
    _, end = local_day_bounds(last, zone)
    waited = seconds_between(
        Contact.arrived_at, func.coalesce(Contact.answered_at, Contact.ended_at)
    )
    abandoned = func.coalesce(func.sum(case((Contact.outcome == Outcome.ABANDONED, 1), else_=0)), 0)
    query = (
        select(Contact.queue_id, abandoned, func.coalesce(func.sum(waited), 0.0))
        .where(and_(Contact.arrived_at >= start, Contact.arrived_at < end))
        .group_by(Contact.queue_id)
    )
    with db.sessions() as session:
        out = {}
        for queue_id, count, seconds in session.execute(query):
            value = patience_from_history(int(count), float(seconds))
            if value is not None:
                out[int(queue_id)] = value
        return out


def estimated_handle_cv2(db: Database, first: date, last: date, zone: ZoneInfo) -> dict[int, float]:
    """Each queue's squared coefficient of variation of handle time (answer to end of
    wrap-up) over local days ``first`` to ``last``
    (``domain.plan_accuracy.handle_cv2_from_history``); queues without answered
    contacts are left out (Erlang's exponential CV² = 1 applies to them)."""
    start, _ = local_day_bounds(first, zone)
    _, end = local_day_bounds(last, zone)
    ended = func.coalesce(Contact.wrap_ended_at, Contact.ended_at)  # as the KPI's handle time
    handle = seconds_between(Contact.answered_at, ended)
    query = (
        select(Contact.queue_id, func.count(), func.sum(handle), func.sum(handle * handle))
        .where(
            and_(
                Contact.arrived_at >= start,
                Contact.arrived_at < end,
                Contact.answered_at.is_not(None),
                ended.is_not(None),
            )
        )
        .group_by(Contact.queue_id)
    )
    with db.sessions() as session:
        out = {}
        for queue_id, count, total, squares in session.execute(query):
            value = handle_cv2_from_history(int(count), float(total or 0), float(squares or 0))
            if value is not None:
                out[int(queue_id)] = value
        return out
