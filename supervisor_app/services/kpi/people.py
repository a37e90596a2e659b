"""Agent time per group, clipped in SQL: the occupancy sums and the shared clipping machinery.

Agent time comes in stretches (state spans, shift time) that cross group
edges, so each stretch is clipped to the range in SQL (``GREATEST``/``LEAST``
of seconds from the range start). Per agent, per team or in all, the clipped
lengths are summed. For time groupings each stretch is cut at UTC
quarter-hours without a join: rows are grouped by the quarter-hours their two
ends fall in, with the sums of the ends, and the few thousand groups that come
back are spread over quarter-hours in Python and folded into local intervals,
days, weeks or months. Nothing loads the spans themselves.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Subquery, case, func, select, true, tuple_
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.enums import AgentState
from supervisor_app.domain.periods import BUCKET_SECONDS, Grouping
from supervisor_app.services.contact_sums import _count_if
from supervisor_app.services.kpi.buckets import TimeLayout
from supervisor_app.services.kpi.scope import KpiFilter
from supervisor_app.services.kpi.staging import staged
from supervisor_app.store.models import Agent, AgentStateSpan
from supervisor_app.store.sqlfunc import floor_int
from supervisor_app.store.sqlfunc_buckets import greatest, instant, least, seconds_since

HANDLING = (AgentState.ON_CONTACT, AgentState.WRAP_UP)
Totals = dict[tuple[Any, ...], dict[str, float]]


@dataclass(frozen=True, slots=True)
class DaySplit:
    """Local days of a window, for agent time per (agent, day) in one statement (rollups).

    ``starts`` are the seconds from the window's start at which each day begins,
    then the end of the last; ``key`` is SQL for the index of the day holding an
    instant (any value: it is clamped to the window's days).
    """

    starts: tuple[float, ...]
    key: Callable[[ColumnElement[Any]], ColumnElement[int]]


@dataclass(frozen=True, slots=True)
class Window:
    """The part of the range agent time is read for: up to ``stop`` = min(range end, now)."""

    start: datetime
    stop: datetime
    now: datetime
    by: Grouping
    layout: TimeLayout | None
    narrow: KpiFilter = field(default_factory=KpiFilter)  # team filter: their agents only
    days: DaySplit | None = None  # by agent: keys (agent_id, day index) instead

    @property
    def seconds(self) -> float:
        return max((self.stop - self.start).total_seconds(), 0.0)


Measures = Callable[[Subquery], Mapping[str, ColumnElement[bool] | None]]


def clipped_seconds(
    session: Session, parts: Sequence[Subquery], measures: Measures, w: Window
) -> Totals:
    """Seconds of the rows of ``parts`` (columns ``agent_id``, ``a_at``, ``b_at``) inside the
    window, per measure (a condition on a part's row; None: every row), per group of ``w.by``.

    Each part is summed by a query of its own and the totals added: SQLite runs an
    aggregate over a ``UNION ALL`` several times slower than over a plain table.
    """
    return clipped_each(session, parts, measures, [w])[0]


def clipped_each(
    session: Session, parts: Sequence[Subquery], measures: Measures, windows: Sequence[Window]
) -> list[Totals]:
    """``clipped_seconds`` for each of ``windows`` (the same rows, other groupings: they
    share start, stop and filter), each part cut once (``kpi_staging``)."""
    out: list[Totals] = [{} for _ in windows]
    if windows[0].seconds <= 0:
        return out
    with staged(session, parts, len(windows)) as rows_of:
        for rows in rows_of:
            for totals, w in zip(out, windows, strict=True):
                merge(totals, _clipped(session, rows, measures(rows), w))
    return out


def _clipped(
    session: Session, rows: Subquery, measures: Mapping[str, ColumnElement[bool] | None], w: Window
) -> Totals:
    def clip(at: ColumnElement[Any]) -> ColumnElement[float]:
        return least(greatest(seconds_since(w.start, at), 0.0), w.seconds)

    a, b = clip(rows.c.a_at), clip(rows.c.b_at)
    if w.days is not None:
        return _by_agent_day(session, rows, measures, (a, b), w)
    if w.layout is not None:
        return _by_bucket(session, rows, measures, a, b, w.layout)
    keys: list[ColumnElement[Any]] = []
    query = select().select_from(rows)
    if w.by is Grouping.AGENT:
        keys = [rows.c.agent_id]
    elif w.by is Grouping.TEAM:
        keys = [Agent.team_id]
        query = query.outerjoin(Agent, Agent.id == rows.c.agent_id)
    columns = [
        func.coalesce(func.sum(b - a if cond is None else case((cond, b - a), else_=0.0)), 0.0)
        for cond in measures.values()
    ]
    out: Totals = {}
    width = len(keys)
    for row in session.execute(query.add_columns(*keys, *columns).group_by(*keys)):
        out[tuple(row[:width])] = dict(zip(measures, map(float, row[width:]), strict=True))
    return out


def _by_bucket(
    session: Session,
    rows: Subquery,
    measures: Mapping[str, ColumnElement[bool] | None],
    a: ColumnElement[float],
    b: ColumnElement[float],
    layout: TimeLayout,
) -> Totals:
    """Per time group: ``(ka, kb, n, Σa, Σb)`` per measure in SQL, spread over buckets here.

    A stretch from a to b adds ``L − (a − ka·L)`` to bucket ka, L to each bucket
    up to kb, and ``b − kb·L`` to kb (L = 900 s), which sums per (ka, kb) pair.
    """
    length = float(BUCKET_SECONDS)
    ka, kb = floor_int(a / length), floor_int(b / length)
    columns = _stretch_sums(measures, a, b)
    query = select(ka, kb, *columns).select_from(rows).group_by(ka, kb)
    spread = {name: [0.0] * (layout.buckets + 1) for name in measures}
    for row in session.execute(query):
        lo, hi = int(row[0]), int(row[1])
        for i, name in enumerate(measures):
            n, sum_a, sum_b = row[2 + 3 * i : 5 + 3 * i]
            if not n:
                continue
            cells = spread[name]
            cells[lo] -= float(sum_a) - n * lo * length
            for k in range(lo, hi):
                cells[k] += n * length
            cells[hi] += float(sum_b) - n * hi * length
    groups = layout.bucket_groups()
    out: Totals = defaultdict(lambda: dict.fromkeys(measures, 0.0))
    for name, cells in spread.items():
        for bucket, group in enumerate(groups):
            if cells[bucket]:
                out[(group,)][name] += cells[bucket]
    return dict(out)


def _by_agent_day(
    session: Session,
    rows: Subquery,
    measures: Mapping[str, ColumnElement[bool] | None],
    ends: tuple[ColumnElement[float], ColumnElement[float]],
    w: Window,
) -> Totals:
    """Per (agent, local day): ``(agent, da, db, n, Σa, Σb)`` per measure in SQL, where da
    and db are the days a stretch's ends fall in; spread over the days here.

    The same spreading as ``_by_bucket`` with days of unequal length (DST): a
    stretch adds ``S[da+1] − a`` to day da, each whole day between, ``b − S[db]``
    to db (S: the days' starts). Most stretches lie in one day, so the groups
    number about agents × days.
    """
    assert w.days is not None
    starts, count = w.days.starts, len(w.days.starts) - 1
    last = max(bisect_right(starts, w.seconds) - 1, 0)  # the day of the window's stop
    a, b = ends
    da, db = w.days.key(rows.c.a_at), w.days.key(rows.c.b_at)
    columns = _stretch_sums(measures, a, b)
    query = (
        select(rows.c.agent_id, da, db, *columns)
        .select_from(rows)
        .group_by(rows.c.agent_id, da, db)
    )
    out: Totals = {}
    for row in session.execute(query):
        agent_id = row[0]
        lo = min(max(int(row[1]), 0), last, count - 1)
        hi = min(max(int(row[2]), lo), last, count - 1)
        for i, name in enumerate(measures):
            n, sum_a, sum_b = row[3 + 3 * i : 6 + 3 * i]
            if not n:
                continue
            cells = {lo: n * starts[lo] - float(sum_a)}
            for k in range(lo, hi):
                cells[k] = cells.get(k, 0.0) + n * (starts[k + 1] - starts[k])
            cells[hi] = cells.get(hi, 0.0) + float(sum_b) - n * starts[hi]
            for k, seconds in cells.items():
                if seconds:
                    target = out.setdefault((agent_id, k), {})
                    target[name] = target.get(name, 0.0) + seconds
    return out


def occupancy_seconds(session: Session, w: Window) -> Totals:
    """Handling (on contact + wrap-up) and available seconds per group (``occupancy_each``)."""
    return occupancy_each(session, [w])[0]


def occupancy_each(session: Session, windows: Sequence[Window]) -> list[Totals]:
    """Handling (on contact + wrap-up) and available seconds per group of each window (the
    same start, stop and filter).

    Spans starting in the window come by the start-time index; the span each
    agent was in when the window opened is that agent's last to start before it
    (an agent is in one state at a time), found per agent by the same index.
    """
    w = windows[0]
    span = AgentStateSpan
    end_at = func.coalesce(span.ended_at, instant(w.now))
    states = [*HANDLING, AgentState.AVAILABLE]
    inside = select(
        span.agent_id, span.state, span.started_at.label("a_at"), end_at.label("b_at")
    ).where(
        span.state.in_(states),
        span.started_at >= w.start,
        span.started_at < w.stop,
        end_at > span.started_at,  # a span of no length holds no time: no row, as summarised
        *w.narrow.agents(span.agent_id),
    )
    earlier = aliased(AgentStateSpan)
    last_before = (
        select(func.max(earlier.started_at))
        .where(earlier.agent_id == Agent.id, earlier.started_at < w.start)
        .scalar_subquery()
    )
    # A row-value IN from the agents drives the (agent, start) index; a join let
    # SQLite scan every span instead. OFFSET 0 keeps PostgreSQL from folding the
    # sub-select into a join whose condition holds a sub-plan, which row-level
    # security would not let use the index (a site-limited login scanned every span).
    running = select(
        span.agent_id, span.state, span.started_at.label("a_at"), end_at.label("b_at")
    ).where(
        tuple_(span.agent_id, span.started_at).in_(
            select(Agent.id, last_before).where(*w.narrow.agents(Agent.id)).offset(0)
        ),
        span.state.in_(states),
        end_at > w.start,
    )
    parts = [inside.subquery("spans"), running.subquery("running")]
    return clipped_each(session, parts, _occupancy, windows)


def _occupancy(rows: Subquery) -> dict[str, ColumnElement[bool] | None]:
    return {
        "handling_seconds": rows.c.state.in_(HANDLING),
        "available_seconds": rows.c.state == AgentState.AVAILABLE,
    }


def window(
    start: datetime,
    end: datetime,
    now: datetime,
    by: Grouping,
    layout: TimeLayout | None,
    narrow: KpiFilter | None = None,
    days: DaySplit | None = None,
) -> Window:
    return Window(start, max(start, min(end, now)), now, by, layout, narrow or KpiFilter(), days)


def merge(into: Totals, more: Totals) -> None:
    for key, values in more.items():
        target = into.setdefault(key, {})
        for name, seconds in values.items():
            target[name] = target.get(name, 0.0) + seconds


def _stretch_sums(measures: Mapping[str, Any], a: Any, b: Any) -> list[Any]:
    """Per measure: how many stretches it counts, and the sums of their starts and ends
    (a stretch's seconds per bucket or day follow from these, summed per pair of keys)."""
    columns: list[Any] = []
    for cond in measures.values():
        when = cond if cond is not None else true()
        columns += [
            _count_if(when),
            func.coalesce(func.sum(case((when, a), else_=0.0)), 0.0),
            func.coalesce(func.sum(case((when, b), else_=0.0)), 0.0),
        ]
    return columns
