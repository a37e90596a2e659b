"""Schedule adherence over a range, in SQL: published shift time and the part of it in an
allowed state.

``domain.adherence`` holds the rule: each scheduled activity (or the shift's
productive time) allows some states; a mismatch within the grace period, or
one a supervisor approved, counts as adherent. A range of months holds
millions of state spans, so instead of replaying the rule per agent-day in
Python this cuts the same pieces in SQL:

- shifts are flattened into segments the way ``published_plan.flatten`` does it
  (each activity, clipped to the shift and to the activities before it, and
  the productive stretches between them), with window functions;
- a piece is one state span inside one segment; it is adherent when the
  segment allows the span's state (``domain.adherence.expected_states``), or
  when it is no longer than the grace period;
- shift time with no state span at all is out of adherence, never forgiven;
- approved time (``adherence_approvals``, few rows) is added in Python: the
  out-of-adherence pieces inside an approval count as adherent.

The live day view merges back-to-back mismatches with the same state before
applying the grace period; here each piece is judged alone, which differs only
when an agent's state repeats across a span boundary inside one segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Select, Subquery, and_, exists, func, null, or_, select, union_all
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.adherence import DEFAULT_GRACE, ScheduledSpan, expected_states
from supervisor_app.domain.enums import ActivityKind, AgentState, ShiftStatus
from supervisor_app.services.kpi.approvals import approved_seconds
from supervisor_app.services.kpi.people import Totals, Window, clipped_each, merge
from supervisor_app.services.kpi.scope import KpiFilter
from supervisor_app.services.schedules import MAX_SHIFT
from supervisor_app.store.models import AgentStateSpan, Shift
from supervisor_app.store.models import ShiftActivity as Activity
from supervisor_app.store.sqlfunc import seconds_between
from supervisor_app.store.sqlfunc_buckets import greatest, instant, least


def adherence_seconds(session: Session, w: Window, grace: timedelta = DEFAULT_GRACE) -> Totals:
    """``scheduled_seconds`` and ``adherent_seconds`` per group of ``w.by``."""
    return adherence_each(session, [w], grace)[0]


def adherence_each(
    session: Session, windows: Sequence[Window], grace: timedelta = DEFAULT_GRACE
) -> list[Totals]:
    """``adherence_seconds`` for each of ``windows`` (the same start, stop and filter; other
    groupings), the shifts and pieces cut once."""
    w = windows[0]
    each = clipped_each(
        session,
        [_shifts(w.start, w.stop, narrow=w.narrow)],
        lambda _: {"scheduled_seconds": None},
        windows,
    )

    def adherent(pieces: Subquery) -> dict[str, ColumnElement[bool] | None]:
        allowed = _allowed(pieces.c.kind, pieces.c.state)
        return {"adherent_seconds": or_(allowed, _short(pieces, grace))}

    pieces = [_pieces(w.start, w.stop, w.now, narrow=w.narrow)]
    mismatched = partial(_mismatched, now=w.now, grace=grace)
    for totals, more, window in zip(
        each, clipped_each(session, pieces, adherent, windows), windows, strict=True
    ):
        merge(totals, more)
        merge(totals, approved_seconds(session, window, mismatched))
    return each


def _shift_ok(
    start: datetime, stop: datetime, narrow: KpiFilter | None = None
) -> list[ColumnElement[bool]]:
    return [
        Shift.status == ShiftStatus.PUBLISHED,
        Shift.starts_at < stop,
        Shift.starts_at > start - MAX_SHIFT,  # lets the start-time index find them
        Shift.ends_at > start,
        *(narrow.agents(Shift.agent_id) if narrow is not None else []),
    ]


def _shifts(
    start: datetime, stop: datetime, agent_id: int | None = None, narrow: KpiFilter | None = None
) -> Subquery:
    query = select(
        Shift.agent_id, Shift.starts_at.label("a_at"), Shift.ends_at.label("b_at")
    ).where(*_shift_ok(start, stop, narrow))
    if agent_id is not None:
        query = query.where(Shift.agent_id == agent_id)
    return query.subquery("shift_time")


def _segments(
    start: datetime, stop: datetime, agent_id: int | None, narrow: KpiFilter | None = None
) -> Subquery:
    """Published shifts overlapping [start, stop) as back-to-back segments (``kind`` null:
    productive time), as ``published_plan.flatten`` lays them out."""
    ok = _shift_ok(start, stop, narrow) + (
        [Shift.agent_id == agent_id] if agent_id is not None else []
    )
    acts = (
        select(
            Activity.id,
            Activity.shift_id,
            Activity.kind,
            Shift.agent_id,
            Shift.starts_at.label("s_a"),
            Shift.ends_at.label("s_b"),
            greatest(Activity.starts_at, Shift.starts_at).label("a"),
            least(Activity.ends_at, Shift.ends_at).label("b"),
        )
        .join(Shift, Shift.id == Activity.shift_id)
        .where(*ok)
        .cte("acts")
    )
    before = func.max(acts.c.b).over(
        partition_by=acts.c.shift_id, order_by=(acts.c.a, acts.c.id), rows=(None, -1)
    )
    laid = select(
        acts.c.agent_id,
        acts.c.kind,
        acts.c.a,
        acts.c.b,
        greatest(func.coalesce(before, acts.c.s_a), acts.c.s_a).label("t"),  # end so far
    ).cte("laid")
    begins = greatest(laid.c.a, laid.c.t)
    activity = select(
        laid.c.agent_id, begins.label("a_at"), laid.c.b.label("b_at"), laid.c.kind
    ).where(laid.c.b > begins)
    gap_before = select(laid.c.agent_id, laid.c.t, laid.c.a, null()).where(
        laid.c.b > begins, laid.c.a > laid.c.t
    )
    last = greatest(func.max(acts.c.b), acts.c.s_a)
    gap_after = (
        select(acts.c.agent_id, last, acts.c.s_b, null())
        .group_by(acts.c.shift_id, acts.c.agent_id, acts.c.s_a, acts.c.s_b)
        .having(acts.c.s_b > last)
    )
    bare = select(Shift.agent_id, Shift.starts_at, Shift.ends_at, null()).where(
        *ok, ~exists().where(Activity.shift_id == Shift.id)
    )
    return union_all(activity, gap_before, gap_after, bare).subquery("segments")


def _pieces(
    start: datetime,
    stop: datetime,
    now: datetime,
    agent_id: int | None = None,
    narrow: KpiFilter | None = None,
) -> Subquery:
    """Each state span inside each segment: (agent_id, kind, state, a_at, b_at).

    A segment's spans are those starting inside it plus the one in progress
    when it began: the agent's last to start at or before it (one state at a time).
    """
    segments = _segments(start, stop, agent_id, narrow)
    span, earlier = AgentStateSpan, aliased(AgentStateSpan)
    end_at = func.coalesce(span.ended_at, instant(now))
    since = (
        select(func.max(earlier.started_at))
        .where(earlier.agent_id == segments.c.agent_id, earlier.started_at <= segments.c.a_at)
        .scalar_subquery()
    )
    # Each segment's first span start is a column of its own (OFFSET 0 keeps PostgreSQL
    # from folding it back into the join): the join then compares plain columns, which
    # row-level security lets drive the (agent, start) index for a site-limited login.
    seg = (
        select(segments, func.coalesce(since, segments.c.a_at).label("since"))
        .offset(0)
        .subquery("bounded")
    )
    return (
        select(
            seg.c.agent_id,
            seg.c.kind,
            span.state,
            greatest(span.started_at, seg.c.a_at).label("a_at"),
            least(end_at, seg.c.b_at).label("b_at"),
        )
        .select_from(seg)
        .join(
            span,
            and_(
                span.agent_id == seg.c.agent_id,
                span.started_at < seg.c.b_at,
                span.started_at >= seg.c.since,
                end_at > seg.c.a_at,
            ),
        )
        .subquery("pieces")
    )


def _allowed(kind: ColumnElement[Any], state: ColumnElement[Any]) -> ColumnElement[bool]:
    """SQL: the segment's activity (null: productive time) allows the state."""

    def states(activity: ActivityKind | None) -> list[AgentState]:
        return sorted(expected_states(ScheduledSpan(_EPOCH, _EPOCH, activity)))

    rules = [and_(kind.is_(None), state.in_(states(None)))]
    rules += [and_(kind == k, state.in_(states(k))) for k in ActivityKind]
    return or_(*rules)


def _short(pieces: Subquery, grace: timedelta) -> ColumnElement[bool]:
    return seconds_between(pieces.c.a_at, pieces.c.b_at) <= grace.total_seconds()


def _mismatched(
    start: datetime, stop: datetime, agent_id: int, *, now: datetime, grace: timedelta
) -> Select[Any]:
    """The agent's pieces of shift time out of adherence (not allowed, longer than the grace)."""
    pieces = _pieces(start, stop, now, agent_id)
    out_of = ~or_(_allowed(pieces.c.kind, pieces.c.state), _short(pieces, grace))
    return select(pieces.c.a_at, pieces.c.b_at).where(out_of)


_EPOCH = datetime(1970, 1, 1)
