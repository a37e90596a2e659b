"""Today's contact sums per queue for the live view, each closed quarter-hour summed once.

By the evening a busy day holds a hundred thousand contacts; summing them all
on every refresh made the snapshot cost grow with the hour (88 ms at night
against the morning's 20). So the day is cut into UTC quarter-hours
(``store.models.live``): a closed quarter-hour is summed once and kept, with
the version the ``contacts`` triggers gave it, and summed again only when that
version has moved: a contact of it was answered, ended, edited, deleted, or
stored late, by this process or any other. Each refresh reads the versions of
today's quarter-hours (at most 100 small rows), sums the quarter-hours that
moved and the open one in one grouped query, and adds the kept ones up in
numpy. A contact still in progress changes nothing until a writer touches it,
and then its quarter-hour's version moves, so no watermark or settling delay
is needed and nothing is ever stale.

What is kept is thrown away whole when the day, the site's queues or their
targets in force change: a new day, a queue added, a threshold edited.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import (
    ARRAY,
    CTE,
    Float,
    Integer,
    and_,
    bindparam,
    column,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.contact_sums import grouped_sums
from supervisor_app.services.targets import QueueTargets
from supervisor_app.store.base import UTCDateTime
from supervisor_app.store.models import BUCKET_SECONDS, Contact, LiveBucketVersion
from supervisor_app.store.sqlfunc import epoch_bucket

__all__ = ["TodaySums", "bucket_of"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_STEP = timedelta(seconds=BUCKET_SECONDS)
_TICK = timedelta(microseconds=1)
_FIELDS = tuple(f.name for f in fields(ContactSums))
_LONGEST = _FIELDS.index("longest_wait_seconds")
_ADDED = [i for i in range(len(_FIELDS)) if i != _LONGEST]
_FLOAT = {"answer_wait_seconds", "handle_seconds", "longest_wait_seconds"}
# Quarter-hours a local day can hold: 100 on the day clocks go back.
_DAY_BUCKETS = 100


def bucket_of(moment: datetime) -> int:
    """The UTC quarter-hour holding ``moment``, numbered as the triggers number it."""
    return (moment - _EPOCH) // _STEP


def _start_of(bucket: int) -> datetime:
    return _EPOCH + bucket * _STEP


@dataclass(frozen=True, slots=True)
class _Day:
    """One site's kept quarter-hours of one day; replaced whole, never changed in place."""

    key: tuple[Any, ...]  # (day_start, ((queue id, threshold, short abandon), ...))
    first: int  # the day's first bucket
    queue_ids: tuple[int, ...]
    versions: np.ndarray  # (_DAY_BUCKETS,) the version each kept bucket was summed at; -1: none
    sums: np.ndarray  # (_DAY_BUCKETS, queues, fields); longest wait NaN where none
    targets: CTE  # today's targets, built once a day (600 bound values take a while)

    @classmethod
    def empty(
        cls,
        key: tuple[Any, ...],
        first: int,
        targets: Mapping[int, QueueTargets],
        day_start: datetime,
        dialect: str,
    ) -> _Day:
        queue_ids = tuple(sorted(targets))
        sums = np.zeros((_DAY_BUCKETS, len(queue_ids), len(_FIELDS)))
        sums[:, :, _LONGEST] = np.nan
        versions = np.full(_DAY_BUCKETS, -1, dtype=np.int64)
        day_end = day_start + _DAY_BUCKETS * _STEP
        table = _targets_today(targets, queue_ids, day_start, day_end, dialect)
        return cls(key, first, queue_ids, versions, sums, table)


class TodaySums:
    """Today's sums per queue of one database, as ``sums_by_queue(day_start, now + 1 µs)``
    restricted to a site's queues gives them. Safe to share between threads: each call
    reads one immutable state and swaps in a new one."""

    def __init__(self) -> None:
        self._days: dict[int, _Day] = {}

    def sums(
        self,
        session: Session,
        site_id: int,
        targets: Mapping[int, QueueTargets],
        day_start: datetime,
        now: datetime,
    ) -> dict[int, ContactSums]:
        """Per queue id of ``targets`` (the site's queues and the targets in force today),
        the sums of the contacts that arrived from ``day_start`` to ``now`` inclusive."""
        queue_ids = tuple(sorted(targets))
        key = (
            day_start,
            tuple((q, targets[q].threshold_seconds, targets[q].short_abandon_seconds)
                  for q in queue_ids),
        )  # fmt: skip
        first, last = bucket_of(day_start), bucket_of(now)
        closed = min(max(last - first, 0), _DAY_BUCKETS)
        day = self._days.get(site_id)
        if day is None or day.key != key or day.first != first:
            day = _Day.empty(key, first, targets, day_start, session.get_bind().dialect.name)
        if not queue_ids:
            return {}
        current = np.zeros(_DAY_BUCKETS, dtype=np.int64)
        for bucket, version in session.execute(
            select(LiveBucketVersion.bucket, LiveBucketVersion.version).where(
                LiveBucketVersion.bucket >= first, LiveBucketVersion.bucket < first + closed
            )
        ):
            current[bucket - first] = version
        stale = np.flatnonzero(day.versions[:closed] != current[:closed])
        end = now + _TICK
        ranges = [(first + lo, first + hi) for lo, hi in _runs(stale)]
        ranges.append((first + closed, first + closed + 1))  # the open quarter-hour
        where = or_(*(self._range(lo, hi, day_start, end) for lo, hi in ranges))
        versions, sums = day.versions.copy(), day.sums.copy() if len(stale) else day.sums
        sums[stale] = 0.0
        sums[stale, :, _LONGEST] = np.nan
        versions[stale] = current[stale]
        opened = np.zeros((len(queue_ids), len(_FIELDS)))
        opened[:, _LONGEST] = np.nan
        column = {q: i for i, q in enumerate(queue_ids)}
        for (bucket, queue_id), part, _ in grouped_sums(
            session,
            [epoch_bucket(Contact.arrived_at, BUCKET_SECONDS), Contact.queue_id],
            where,
            targets=day.targets,
        ):
            index = bucket - first
            row = opened[column[queue_id]] if index >= closed else sums[index, column[queue_id]]
            row[:] = _as_row(part)
        self._days[site_id] = _Day(key, first, queue_ids, versions, sums, day.targets)
        kept = sums[:closed]
        total = kept.sum(axis=0) + opened
        total[:, _LONGEST] = np.fmax(np.fmax.reduce(kept[:, :, _LONGEST], axis=0, initial=np.nan),
                                     opened[:, _LONGEST])  # fmt: skip
        return {q: _as_sums(total[i]) for i, q in enumerate(queue_ids) if total[i, 0] > 0}

    @staticmethod
    def _range(lo: int, hi: int, day_start: datetime, end: datetime) -> ColumnElement[bool]:
        """Contacts arrived in buckets [lo, hi), kept within today so far."""
        return and_(
            Contact.arrived_at >= max(_start_of(lo), day_start),
            Contact.arrived_at < min(_start_of(hi), end),
        )


def _targets_today(
    targets: Mapping[int, QueueTargets],
    queue_ids: tuple[int, ...],
    start: datetime,
    end: datetime,
    dialect: str,
) -> CTE:
    """Today's targets as the table ``grouped_sums`` joins: one row per queue, sent as
    one parameter (an array on PostgreSQL, a JSON list on SQLite).

    Not ``services.targets.targets_table``'s VALUES list: SQLAlchemy cannot cache a
    statement holding one (10 ms to compile each refresh), and a list of 100
    one-row SELECTs instead took PostgreSQL 30 to 60 ms to plan, for a query that
    runs in one. Today's values are one per queue: targets are effective-dated by
    local day. Joining this table also keeps the sums to the site's queues.
    """
    rows = [
        (q, targets[q].threshold_seconds, targets[q].short_abandon_seconds,
         targets[q].sl_target_percent)
        for q in queue_ids
    ]  # fmt: skip
    if dialect == "postgresql":
        table = (
            func.unnest(
                *(
                    bindparam(f"today_{name}", [r[k] for r in rows], type_=ARRAY(kind))
                    for k, (name, kind) in enumerate(_TARGET_COLUMNS)
                )
            )
            .table_valued(*(column(name, kind) for name, kind in _TARGET_COLUMNS))
            .render_derived()
        )
        values = [table.c[name] for name, _ in _TARGET_COLUMNS]
    else:
        each = func.json_each(bindparam("today_targets", json.dumps(rows))).table_valued("value")
        values = [
            func.json_extract(each.c.value, f"$[{k}]").label(name)
            for k, (name, _) in enumerate(_TARGET_COLUMNS)
        ]
    bounds = [
        literal(start, UTCDateTime()).label("starts_at"),
        literal(end, UTCDateTime()).label("ends_at"),
    ]
    return select(*values, *bounds).cte("today_targets")


_TARGET_COLUMNS = (
    ("queue_id", Integer()),
    ("threshold_seconds", Integer()),
    ("short_abandon_seconds", Integer()),
    ("sl_target_percent", Float()),
)


def _runs(indexes: np.ndarray) -> list[tuple[int, int]]:
    """Sorted indexes as [lo, hi) runs of consecutive ones: [1, 2, 5] -> [(1, 3), (5, 6)]."""
    if not len(indexes):
        return []
    breaks = np.flatnonzero(np.diff(indexes) != 1)
    starts = [indexes[0], *indexes[breaks + 1]]
    ends = [*indexes[breaks], indexes[-1]]
    return [(int(s), int(e) + 1) for s, e in zip(starts, ends, strict=True)]


def _as_row(sums: ContactSums) -> list[float]:
    return [
        np.nan if value is None else float(value)
        for value in (getattr(sums, name) for name in _FIELDS)
    ]


def _as_sums(row: np.ndarray) -> ContactSums:
    values: dict[str, Any] = {}
    for name, value in zip(_FIELDS, row.tolist(), strict=True):
        if name == "longest_wait_seconds":
            values[name] = None if value != value else value  # NaN: no contact had a wait
        elif name in _FLOAT:
            values[name] = value
        else:
            values[name] = int(value)
    return ContactSums(**values)
