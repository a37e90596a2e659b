"""Local days of the KPI history, summarised at the grains the groupings need.

A stretch of days is computed by the very queries the raw report runs
(``contact_sums`` with its FCR window, ``occupancy_seconds``,
``adherence_seconds``), only with other group keys and the stretch as the
range, so a rollup can't define a KPI differently from the raw path, and a
month costs a handful of statements, not a handful per day:

- contacts per (quarter-hour of the day, queue) — grain 0, for interval rows —,
  per queue — grain 2, the same folded, for queue, "all", day, week and month
  rows — and per (queue, answering agent) — grain 1, for agent and team rows and
  for team filters; each with the group's answer waits and handle times, sorted
  (the exact values the raw percentiles rank);
- agent time per quarter-hour and per agent.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import case, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.periods import BUCKET_SECONDS, Grouping
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.kpi.adherence import adherence_each
from supervisor_app.services.kpi.buckets import time_layout
from supervisor_app.services.kpi.contacts import contact_sums
from supervisor_app.services.kpi.people import (
    DaySplit,
    merge,
    occupancy_each,
    window,
)
from supervisor_app.services.kpi.percentiles import _answered, _handle, _handled, _wait
from supervisor_app.services.kpi.rollup_values import NO_AGENT, Cells, column, sorted_cells
from supervisor_app.services.kpi.scope import ContactScope, KpiFilter, range_filter
from supervisor_app.services.kpi.sums import QualitySums
from supervisor_app.store.models import Contact

BY_BUCKET, BY_AGENT, BY_DAY = 0, 1, 2  # the contact grains
NO_BUCKET = -1
_EMPTY = np.empty(0, dtype=np.float64)  # a cell with no answered contacts


@dataclass(frozen=True, slots=True)
class ContactCell:
    grain: int
    bucket: int  # NO_BUCKET at grains 1 and 2
    queue_id: int
    agent_id: int | None  # grain 1: the answering agent; None: nobody answered
    contacts: ContactSums
    quality: QualitySums
    waits: np.ndarray  # float64, sorted
    handles: np.ndarray


@dataclass(frozen=True, slots=True)
class TimeCell:
    bucket: int | None  # quarter-hour of the day (agent_id None) …
    agent_id: int | None  # … or the agent (bucket None)
    seconds: dict[str, float]


@dataclass(slots=True)
class DayRollup:
    day: date
    contacts: list[ContactCell] = field(default_factory=list)
    agent_time: list[TimeCell] = field(default_factory=list)


def answering_agent() -> ColumnElement[Any]:
    return case((Contact.answered_at.is_not(None), Contact.agent_id), else_=None)


def build_days(
    session: Session, first: date, last: date, zone: ZoneInfo, now: datetime, narrow: KpiFilter
) -> list[DayRollup]:
    """The rollups of local days ``first..last`` (one per day, empty ones too), read from the
    raw tables in one set of statements for the whole stretch (agent time up to ``now``).

    The statements group by the quarter-hour (or local day) from the stretch's
    start and each group is placed in its day here, so a stretch of weeks costs
    one scan, not one per day. ``narrow`` carries the site when the database has
    several (its queues' contacts, its agents' time), as the raw report reads them.
    """
    n = (last - first).days + 1
    days = [first + timedelta(days=k) for k in range(n)]
    start, end = local_day_bounds(first, zone)[0], local_day_bounds(last, zone)[1]
    quarters = time_layout(Grouping.INTERVAL, first, last, zone, BUCKET_SECONDS // 60)
    daily = time_layout(Grouping.DAY, first, last, zone, BUCKET_SECONDS // 60)
    day_starts = [(local_day_bounds(d, zone)[0] - start).total_seconds() for d in days]
    offsets = [int(s) // BUCKET_SECONDS for s in day_starts] + [quarters.buckets]
    out = [DayRollup(d) for d in days]

    def place(quarter: Any) -> tuple[int, int]:
        """(day index, quarter-hour of that day) of a quarter-hour of the stretch."""
        q = min(max(int(quarter), 0), offsets[-1] - 1)
        k = bisect_right(offsets, q) - 1
        return k, q - offsets[k]

    def day_of(value: Any) -> int:
        return min(max(int(value), 0), n - 1)

    quarter_key, day_key = quarters.key(Contact.arrived_at), daily.key(Contact.arrived_at)
    values = _values(session, (quarter_key, day_key), (offsets, n), (start, end), narrow)
    grains = (
        (BY_BUCKET, (quarter_key, Contact.queue_id)),
        (BY_AGENT, (day_key, Contact.queue_id, answering_agent())),
    )
    for grain, keys in grains:
        found = contact_sums(session, ContactScope(keys, filter=narrow), start, end)
        folded: dict[tuple[Any, ...], tuple[ContactSums, QualitySums]] = {}
        for key, (sums, quality) in found.items():
            if grain == BY_BUCKET:
                placed: tuple[Any, ...] = (*place(key[0]), key[1])
            else:
                placed = (day_of(key[0]), *key[1:])
            if placed in folded:
                sums, quality = folded[placed][0] + sums, folded[placed][1] + quality
            folded[placed] = (sums, quality)
        waits, handles = values[grain]
        for key, (sums, quality) in folded.items():
            if grain == BY_BUCKET:
                k, b, queue_id, agent_id = (*key, None)
            else:
                k, b, queue_id, agent_id = key[0], NO_BUCKET, key[1], key[2]
            out[k].contacts.append(
                ContactCell(
                    grain,
                    b,
                    queue_id,
                    agent_id,
                    sums,
                    quality,
                    waits.get(key, _EMPTY),
                    handles.get(key, _EMPTY),
                )
            )
    for k, rollup in enumerate(out):
        rollup.contacts += _whole_days(k, rollup.contacts, values[BY_DAY])
    split = DaySplit((*day_starts, (end - start).total_seconds()), daily.key)
    windows = (
        window(start, end, now, Grouping.INTERVAL, quarters, narrow),
        window(start, end, now, Grouping.AGENT, None, narrow, split),
    )
    # Both groupings from one cut of the spans and of the adherence pieces (kpi_staging).
    each = zip(occupancy_each(session, windows), adherence_each(session, windows), strict=True)
    for w, (totals, adherent) in zip(windows, each, strict=True):
        merge(totals, adherent)
        for key, seconds in totals.items():
            if w.days is None:
                k, b = place(key[0])
                out[k].agent_time.append(TimeCell(b, None, seconds))
            else:
                agent_id, k = key
                out[k].agent_time.append(TimeCell(None, agent_id, seconds))
    return out


def _whole_days(k: int, cells: list[ContactCell], values: tuple[Cells, Cells]) -> list[ContactCell]:
    """Grain 2: day ``k``'s quarter-hour cells folded per queue, for every grouping that
    takes whole days (queue, all, day, week, month): a week by queue then reads 700
    cells, not 67,000, and merges as few value arrays for its percentiles."""
    parts: dict[int, list[ContactCell]] = defaultdict(list)
    for cell in cells:
        if cell.grain == BY_BUCKET:
            parts[cell.queue_id].append(cell)
    out = []
    waits, handles = values
    for queue_id, group in parts.items():
        sums, quality = group[0].contacts, group[0].quality
        for cell in group[1:]:
            sums, quality = sums + cell.contacts, quality + cell.quality
        key = (k, queue_id)
        out.append(
            ContactCell(
                BY_DAY,
                NO_BUCKET,
                queue_id,
                None,
                sums,
                quality,
                waits.get(key, _EMPTY),
                handles.get(key, _EMPTY),
            )
        )
    return out


def _values(
    session: Session,
    keys: tuple[ColumnElement[int], ColumnElement[int]],
    days: tuple[list[int], int],
    bounds: tuple[datetime, datetime],
    narrow: KpiFilter,
) -> dict[int, tuple[Cells, Cells]]:
    """Answer waits and handle times of the stretch's contacts, sorted, per cell of each
    grain: (day, quarter-hour, queue), (day, queue, answering agent) and (day, queue).

    ``days`` are the stretch's day offsets in quarter-hours (and its end) and its
    number of days: a row's quarter-hour is placed in its day as ``build_days``
    places the sums (``kpi_rollup_values`` does the rest with numpy)."""
    offsets, n = days
    wait = case((_answered(), _wait()), else_=None)
    handle = case((_handled(), _handle()), else_=None)
    query = select(*keys, Contact.queue_id, answering_agent(), wait, handle).where(
        *range_filter(ContactScope((), filter=narrow), *bounds), _answered()
    )
    rows = session.execute(query).all()
    empty: tuple[Cells, Cells] = ({}, {})
    if not rows:
        return {BY_BUCKET: empty, BY_AGENT: empty, BY_DAY: empty}
    quarter, day, queue, agent, w, h = zip(*rows, strict=True)
    q = np.clip(column(quarter, missing=0), 0, offsets[-1] - 1)
    k = np.searchsorted(np.asarray(offsets), q, side="right") - 1
    d = np.clip(column(day, missing=0), 0, n - 1)
    queues, agents = column(queue, missing=0), column(agent, missing=NO_AGENT)
    waits, handles = column(w), column(h)
    grains = {
        BY_BUCKET: [k, q - np.asarray(offsets)[k], queues],
        BY_AGENT: [d, queues, agents],
        BY_DAY: [k, queues],
    }
    return {
        grain: (sorted_cells(keys_, waits), sorted_cells(keys_, handles))
        for grain, keys_ in grains.items()
    }
