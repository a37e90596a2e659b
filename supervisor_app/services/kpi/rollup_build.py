"""One local day of the KPI history, summarised at the grains the groupings need.

The day is computed by the very queries the raw report runs (``contact_sums``
with its FCR window, ``occupancy_seconds``, ``adherence_seconds``), only with
other group keys and the day as the range, so a rollup can't define a KPI
differently from the raw path:

- contacts per (quarter-hour of the day, queue) — grain 0, for queue, time and
  "all" rows — and per (queue, answering agent) — grain 1, for agent and team
  rows and for team filters; each with the group's answer waits and handle
  times, sorted (the exact values the raw percentiles rank);
- agent time per quarter-hour and per agent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import case, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.periods import BUCKET_SECONDS, Grouping
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.kpi.adherence import adherence_seconds
from supervisor_app.services.kpi.buckets import TimeLayout, time_layout
from supervisor_app.services.kpi.contacts import contact_sums
from supervisor_app.services.kpi.people import Totals, merge, occupancy_seconds, window
from supervisor_app.services.kpi.percentiles import _answered, _handle, _handled, _wait
from supervisor_app.services.kpi.scope import ContactScope, range_filter
from supervisor_app.services.kpi.sums import QualitySums
from supervisor_app.store.models import Contact

BY_BUCKET, BY_AGENT = 0, 1  # the contact grains
NO_BUCKET = -1


@dataclass(frozen=True, slots=True)
class ContactCell:
    grain: int
    bucket: int  # NO_BUCKET at grain 1
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


def day_layout(day: date, zone: ZoneInfo) -> TimeLayout:
    """The day's UTC quarter-hours (92, 96 or 100) as a time layout."""
    return time_layout(Grouping.INTERVAL, day, day, zone, BUCKET_SECONDS // 60)


def answering_agent() -> ColumnElement[Any]:
    return case((Contact.answered_at.is_not(None), Contact.agent_id), else_=None)


def build_day(session: Session, day: date, zone: ZoneInfo, now: datetime) -> DayRollup:
    """The day's rollup, read from the raw tables (agent time up to ``now``)."""
    start, end = local_day_bounds(day, zone)
    layout = day_layout(day, zone)
    last = len(layout.groups) - 1
    bucket = layout.key(Contact.arrived_at)
    out = DayRollup(day)
    values = _values(session, bucket, last, start, end)
    grains = (
        (BY_BUCKET, (bucket, Contact.queue_id)),
        (BY_AGENT, (Contact.queue_id, answering_agent())),
    )
    for grain, keys in grains:
        found = contact_sums(session, ContactScope(keys), start, end)
        folded: dict[tuple[Any, ...], tuple[ContactSums, QualitySums]] = {}
        for key, (sums, quality) in found.items():
            if grain == BY_BUCKET:
                key = (min(max(int(key[0]), 0), last), key[1])
            if key in folded:
                sums, quality = folded[key][0] + sums, folded[key][1] + quality
            folded[key] = (sums, quality)
        for key, (sums, quality) in folded.items():
            b, queue_id, agent_id = (*key, None) if grain == BY_BUCKET else (NO_BUCKET, *key)
            waits, handles = values[grain].get(key, ([], []))
            out.contacts.append(
                ContactCell(
                    grain, b, queue_id, agent_id, sums, quality, _sorted(waits), _sorted(handles)
                )
            )
    for by, w_layout in ((Grouping.INTERVAL, layout), (Grouping.AGENT, None)):
        w = window(start, end, now, by, w_layout)
        totals: Totals = occupancy_seconds(session, w)
        merge(totals, adherence_seconds(session, w))
        for (key,), seconds in totals.items():
            b, agent_id = (key, None) if by is Grouping.INTERVAL else (None, key)
            out.agent_time.append(TimeCell(b, agent_id, seconds))
    return out


def _values(
    session: Session, bucket: ColumnElement[int], last: int, start: datetime, end: datetime
) -> dict[int, dict[tuple[Any, ...], tuple[list[float], list[float]]]]:
    """Answer waits and handle times of the day's contacts, per group of each grain."""
    wait = case((_answered(), _wait()), else_=None)
    handle = case((_handled(), _handle()), else_=None)
    query = select(bucket, Contact.queue_id, answering_agent(), wait, handle).where(
        *range_filter(ContactScope(()), start, end), _answered()
    )
    out: dict[int, dict[tuple[Any, ...], tuple[list[float], list[float]]]] = {
        BY_BUCKET: defaultdict(lambda: ([], [])),
        BY_AGENT: defaultdict(lambda: ([], [])),
    }
    for b, queue_id, agent_id, w, h in session.execute(query):
        b = min(max(int(b), 0), last)
        for grain, key in ((BY_BUCKET, (b, queue_id)), (BY_AGENT, (queue_id, agent_id))):
            cell = out[grain][key]
            if w is not None:
                cell[0].append(float(w))
            if h is not None:
                cell[1].append(float(h))
    return out


def _sorted(values: list[float]) -> np.ndarray:
    return np.sort(np.asarray(values, dtype=np.float64))
