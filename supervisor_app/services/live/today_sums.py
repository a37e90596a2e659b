"""Today's contact sums per queue for the live view, each closed stretch of the day summed once.

By the evening a busy day holds a hundred thousand contacts; summing them all
on every refresh made the snapshot cost grow with the hour (88 ms at night
against the morning's 20). So the day is cut into UTC quarter-hours
(``store.models.live``): a closed quarter-hour is summed once and kept, with
the version the ``contacts`` triggers gave it, and summed again only when that
version has moved: a contact of it was answered, ended, edited, deleted, or
stored late, by this process or any other.

The quarter-hour in progress, and the one before it while its contacts are
still being answered and ended, move at every write on a busy floor; summed
whole, they cost 22 ms of the server's time per refresh with a hundred arrivals
a second. They are cut finer, into ten-second slices with versions of their own
(``live_slice_versions``): a closed slice is kept like a closed quarter-hour,
and only the slices a write touched since the last refresh are summed again,
with the slice in progress (up to ``now``).

Each refresh reads the versions (at most 100 quarter-hours and 256 slots), sums
what moved in one or two grouped queries, and adds the kept parts up in numpy.
A contact still in progress changes nothing until a writer touches it, and then
its versions move, so no watermark or settling delay is needed and nothing is
ever stale.

What is kept is thrown away whole when the day, the site's queues or their
targets in force change: a new day, a queue added, a threshold edited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
from sqlalchemy import (
    ARRAY,
    CTE,
    Float,
    Integer,
    Select,
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
from supervisor_app.store.models import (
    BUCKET_SECONDS,
    SLICE_SECONDS,
    SLICE_SLOTS,
    Contact,
    LiveBucketVersion,
    LiveSliceVersion,
)
from supervisor_app.store.sqlfunc import epoch_bucket

__all__ = ["TodaySums", "bucket_of"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_STEP = timedelta(seconds=BUCKET_SECONDS)
_SLICE = timedelta(seconds=SLICE_SECONDS)
_PER_BUCKET = BUCKET_SECONDS // SLICE_SECONDS
_TICK = timedelta(microseconds=1)
_FIELDS = tuple(f.name for f in fields(ContactSums))
_LONGEST = _FIELDS.index("longest_wait_seconds")
_FLOAT = {"answer_wait_seconds", "handle_seconds", "longest_wait_seconds"}
# Quarter-hours a local day can hold: 100 on the day clocks go back.
_DAY_BUCKETS = 100
# Quarter-hours summed by slices: the one in progress and the one before it.
_RECENT_BUCKETS = 2


def bucket_of(moment: datetime) -> int:
    """The UTC quarter-hour holding ``moment``, numbered as the triggers number it."""
    return (moment - _EPOCH) // _STEP


def slice_of(moment: datetime) -> int:
    """The UTC ten-second slice holding ``moment``, numbered as the triggers number it."""
    return (moment - _EPOCH) // _SLICE


def _start_of(bucket: int) -> datetime:
    return _EPOCH + bucket * _STEP


def _slice_start(slice_: int) -> datetime:
    return _EPOCH + slice_ * _SLICE


@dataclass(frozen=True, slots=True)
class _Day:
    """One site's kept quarter-hours and slices of one day; replaced whole, never changed
    in place."""

    key: tuple[Any, ...]  # (day_start, ((queue id, threshold, short abandon), ...))
    first: int  # the day's first bucket
    queue_ids: tuple[int, ...]
    versions: np.ndarray  # (_DAY_BUCKETS,) the version each kept bucket was summed at; -1: none
    sums: np.ndarray  # (_DAY_BUCKETS, queues, fields); longest wait NaN where none
    targets: CTE  # today's targets, built once a day (600 bound values take a while)
    # The recent closed slices: slice -> (its slot's version when summed, sums (queues,
    # fields) or None where it had no contact).
    slices: Mapping[int, tuple[int, np.ndarray | None]]

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
        return cls(key, first, queue_ids, versions, sums, table, {})


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
        day = self._days.get(site_id)
        if day is None or day.key != key or day.first != first:
            day = _Day.empty(key, first, targets, day_start, session.get_bind().dialect.name)
        if not queue_ids:
            return {}
        # Quarter-hours kept whole: today's before the recent ones.
        whole = min(max(last - first - _RECENT_BUCKETS + 1, 0), _DAY_BUCKETS)
        versions, sums = self._whole_quarter_hours(session, day, whole, day_start)
        slices, recent = self._recent_slices(session, day, first + whole, now)
        self._days[site_id] = _Day(key, first, queue_ids, versions, sums, day.targets, slices)
        kept = sums[:whole]
        total = kept.sum(axis=0) + recent
        total[:, _LONGEST] = np.fmax(np.fmax.reduce(kept[:, :, _LONGEST], axis=0, initial=np.nan),
                                     recent[:, _LONGEST])  # fmt: skip
        return {q: _as_sums(total[i]) for i, q in enumerate(queue_ids) if total[i, 0] > 0}

    def _whole_quarter_hours(
        self, session: Session, day: _Day, whole: int, day_start: datetime
    ) -> tuple[np.ndarray, np.ndarray]:
        """The versions and sums of the day's first ``whole`` quarter-hours, those whose
        version moved summed again."""
        first = day.first
        current = np.zeros(_DAY_BUCKETS, dtype=np.int64)
        if whole:
            for bucket, version in session.execute(
                select(LiveBucketVersion.bucket, LiveBucketVersion.version).where(
                    LiveBucketVersion.bucket >= first, LiveBucketVersion.bucket < first + whole
                )
            ):
                current[bucket - first] = version
        stale = np.flatnonzero(day.versions[:whole] != current[:whole])
        if not len(stale):
            return day.versions, day.sums
        versions, sums = day.versions.copy(), day.sums.copy()
        sums[stale] = 0.0
        sums[stale, :, _LONGEST] = np.nan
        versions[stale] = current[stale]
        ranges = [
            _between(max(_start_of(first + lo), day_start), _start_of(first + hi))
            for lo, hi in _runs(stale)
        ]
        for bucket, queue, row in _sums_by(session, day, BUCKET_SECONDS, ranges):
            sums[bucket - first, queue] = row
        return versions, sums

    def _recent_slices(
        self, session: Session, day: _Day, start_bucket: int, now: datetime
    ) -> tuple[dict[int, tuple[int, np.ndarray | None]], np.ndarray]:
        """The recent quarter-hours' closed slices kept (those a write moved summed again),
        and the sums of all of them with the slice in progress up to ``now``."""
        lo, current = start_bucket * _PER_BUCKET, slice_of(now)
        # A slot's version moves at every write to any slice it holds (0: never written).
        slots: dict[int, int] = {slot: version for slot, version in session.execute(_slots_query())}
        keys = {s: slots.get(s % SLICE_SLOTS, 0) for s in range(lo, current)}
        kept = {
            s: day.slices[s] for s, k in keys.items() if s in day.slices and day.slices[s][0] == k
        }
        stale = np.array([s for s in range(lo, current) if s not in kept], dtype=np.int64)
        ranges = [_between(_slice_start(a), _slice_start(b)) for a, b in _runs(stale)]
        ranges.append(_between(_slice_start(current), now + _TICK))  # the slice in progress
        fresh: dict[int, np.ndarray] = {}
        for slice_, queue, row in _sums_by(session, day, SLICE_SECONDS, ranges):
            if slice_ not in fresh:
                fresh[slice_] = _empty_rows(len(day.queue_ids))
            fresh[slice_][queue] = row
        slices = dict(kept)
        for s in stale.tolist():
            slices[s] = (keys[s], fresh.get(s))
        parts = [rows for _, rows in slices.values() if rows is not None]
        if current in fresh:
            parts.append(fresh[current])
        recent = _empty_rows(len(day.queue_ids))
        if parts:
            stacked = np.stack(parts)
            recent = stacked.sum(axis=0)
            recent[:, _LONGEST] = np.fmax.reduce(stacked[:, :, _LONGEST], axis=0, initial=np.nan)
        return slices, recent


def _sums_by(
    session: Session, day: _Day, seconds: int, ranges: list[ColumnElement[bool]]
) -> Iterator[tuple[int, int, list[float]]]:
    """The sums of the contacts arrived in ``ranges`` per ``seconds``-long period and
    queue: (period, the queue's index in ``day.queue_ids``, its row of sums)."""
    column = {q: i for i, q in enumerate(day.queue_ids)}
    for (period, queue_id), part, _ in grouped_sums(
        session,
        [epoch_bucket(Contact.arrived_at, seconds), Contact.queue_id],
        or_(*ranges),
        targets=day.targets,
    ):
        yield period, column[queue_id], _as_row(part)


@cache
def _slots_query() -> Select[tuple[int, int]]:
    """Every slot's version (at most 256 rows), built once."""
    return select(LiveSliceVersion.slot, LiveSliceVersion.version)


def _between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Contacts arrived in [start, end)."""
    return and_(Contact.arrived_at >= start, Contact.arrived_at < end)


def _empty_rows(queues: int) -> np.ndarray:
    rows = np.zeros((queues, len(_FIELDS)))
    rows[:, _LONGEST] = np.nan
    return rows


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
