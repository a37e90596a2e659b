"""Coverage: agents a week's schedule puts on each queue, interval by interval, against need.

Public, pure API (no database; the schedule editor calls it on an unsaved draft)::

    coverage(week: ScheduleWeek, demands: Sequence[QueueDemand],
             holidays: Sequence[tuple[date, str]] = ()) -> CoverageWeek
    scheduled_productive(week: ScheduleWeek, queue_names: Sequence[str],
                         required: Floats, starts: Sequence[datetime]) -> Floats
        # (queues × intervals) productive agents, multi-skilled agents shared
    productive_presence(week: ScheduleWeek, starts: Sequence[datetime]) -> dict[int, Floats]
    CoverageCalculator(demands, holidays)(week) -> CoverageWeek
        # the same figures for successive drafts, recomputing only the agents an edit touched

``services.coverage.coverage_week(db, week_start, queue_ids)`` loads the saved
week and the forecast into these same types and calls ``coverage``.

Rules:

- Productive: the part of an interval an agent is on a shift and not in any of
  its activities (break, lunch, meeting, training, coaching, off-phone: every
  ``ActivityKind`` takes the agent off the phones) nor in *approved* time off
  (a request not yet granted still leaves the agent rostered). Counted in
  fractions: on the phones 10 minutes of a quarter-hour is 2/3 of an agent.
- Sharing (the ``scheduled`` column and the gap): agents skilled for one queue
  count for it in full; agents with several skills are pooled as the service
  level's model pools them (``coverage_pooled.balanced_agents``): queues split
  into blocks, the most short-handed first (required ÷ agents able to serve), and
  a block's agents go to its queues in proportion to what each requires — so
  within a block no queue is over while another is short, as skill-based routing
  sends a shared agent where callers wait, and skills still bound what moves.
  Skills name queues (``RosterAgent.skills``); other queues get nothing.
  ``split_shares`` (by need left after single-skilled agents) remains the greedy
  warm start's quick rule.
- Required: Erlang C (Erlang A with the queue's patience) agents on the phones
  for the forecast and the queue's target and maximum occupancy, the answer time
  stretched by the handle times' spread as in ``coverage_pooled``. ``to_roster`` is
  that ÷ (1 − shrinkage), rounded up, for comparison with heads on shift.
- Gap = scheduled productive − required (negative: under-staffed).
- Expected service level: ``coverage_pooled.pooled_service_level`` — each queue
  served by every agent skilled for it, who also carry their share of their other
  queues; email from a backlog of what calls and chats leave free. The one formula
  the coverage panel, ``plan accuracy``, the staffing report and a generated
  week's summary use. None when no contacts are forecast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from supervisor_app.domain.coverage_pooled import balanced_agents, pooled_service_level
from supervisor_app.domain.coverage_presence import PresenceCache, productive_presence_of
from supervisor_app.domain.erlang import required_agents_array
from supervisor_app.domain.forecast import week_interval_starts
from supervisor_app.domain.schedule_types import ScheduleWeek

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class QueueDemand:
    """A queue's forecast for every interval of the week, and its targets (fractions)."""

    queue_id: int
    name: str
    volume: tuple[float, ...]
    aht_seconds: tuple[float, ...]
    # One value for the week, or one per interval where a target changes within it
    # (history keeps the value in force on each day).
    service_level: float | tuple[float, ...]
    answer_seconds: float | tuple[float, ...]
    max_occupancy: float = 1.0
    shrinkage: float = 0.0
    patience_seconds: float | None = None
    # Answered only when no real-time contact waits (email): a backlog, not Erlang.
    deferred: bool = False
    # Squared coefficient of variation of handle times (variance ÷ mean²): 1 for the
    # exponential times Erlang assumes; from history where known.
    handle_cv2: float = 1.0


@dataclass(frozen=True, slots=True)
class QueueCoverage:
    queue_id: int
    name: str
    forecast: tuple[float, ...]
    aht_seconds: tuple[float, ...]
    required: tuple[int, ...]  # agents on the phones
    to_roster: tuple[int, ...]  # required ÷ (1 − shrinkage), rounded up
    scheduled: tuple[float, ...]  # productive agents the schedule gives this queue
    gap: tuple[float, ...]  # scheduled − required
    expected_sl: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class CoverageWeek:
    week_start: date
    timezone: str
    interval_minutes: int
    starts: tuple[datetime, ...]  # UTC
    queues: tuple[QueueCoverage, ...]
    holidays: tuple[tuple[date, str], ...] = ()


def _epoch(starts: Sequence[datetime]) -> Floats:
    return np.array([s.timestamp() for s in starts], dtype=np.float64)


def productive_presence(week: ScheduleWeek, starts: Sequence[datetime]) -> dict[int, Floats]:
    """Per agent with a shift: the share of each interval they are on the phones
    (``domain.coverage_presence``: one ``bincount``, no loop over intervals)."""
    return productive_presence_of(week, _epoch(starts), week.interval_minutes * 60.0)


def scheduled_productive(
    week: ScheduleWeek, queue_names: Sequence[str], required: Floats, starts: Sequence[datetime]
) -> Floats:
    """Productive agents per (queue, interval), multi-skilled agents shared as documented."""
    return _shared(productive_presence(week, starts), week, queue_names, required, len(starts))


def presence_by_skills(
    presence: dict[int, Floats], week: ScheduleWeek, queue_names: Sequence[str]
) -> dict[tuple[int, ...], Floats]:
    """Agents on the phones per interval, summed by their set of skills (queue rows)."""
    col = {name: i for i, name in enumerate(queue_names)}
    skills = {
        a.agent_id: tuple(sorted({col[q] for q in a.skills if q in col})) for a in week.agents
    }
    by_set: dict[tuple[int, ...], Floats] = {}
    for agent_id, row in presence.items():
        key = skills.get(agent_id, ())
        if key:
            by_set[key] = by_set.get(key, 0.0) + row
    return by_set


def _shared(
    presence: dict[int, Floats],
    week: ScheduleWeek,
    queue_names: Sequence[str],
    required: Floats,
    size: int,
) -> Floats:
    """``presence`` (agent id order) summed per queue, shared agents as the pooled model
    counts them (``coverage_pooled.balanced_agents``)."""
    req = np.asarray(required, dtype=np.float64).reshape(len(queue_names), size)
    return balanced_agents(req, presence_by_skills(presence, week, queue_names))


def split_shares(still: Floats, required: Floats) -> Floats:
    """Each queue's share of a shared agent, interval by interval (columns sum to 1)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        by_need = still / still.sum(axis=0)
        by_required = required / required.sum(axis=0)
    equal = np.full(still.shape, 1.0 / still.shape[0])
    share = np.where(still.sum(axis=0) > 0, by_need, by_required)
    return np.where(required.sum(axis=0) > 0, share, equal)


def _by_patience(demands: Sequence[QueueDemand]) -> list[tuple[list[int], float | None]]:
    """Rows of ``demands`` grouped by patience: one Erlang call per group, not per queue."""
    groups: dict[float | None, list[int]] = defaultdict(list)
    for q, d in enumerate(demands):
        groups[d.patience_seconds].append(q)
    return [(rows, p) for p, rows in groups.items()]


def _column(demands: Sequence[QueueDemand], rows: list[int], field: str) -> Floats:
    """The field of each row's queue: a column (one value per queue) that broadcasts over
    the intervals, or a full row per queue when any of them changes within the week."""
    values = [getattr(demands[q], field) for q in rows]
    if not any(isinstance(v, tuple) for v in values):
        return np.array([[v] for v in values], dtype=np.float64)
    size = len(demands[rows[0]].volume)
    return np.array(
        [np.broadcast_to(np.asarray(v, dtype=np.float64), (size,)) for v in values],
        dtype=np.float64,
    )


def _stretch(demands: Sequence[QueueDemand], rows: list[int]) -> Floats:
    """(1 + CV²) / 2 of each row's handle times: how much shorter than Erlang's the waits
    are (``domain.coverage_pooled``), as a column."""
    return np.array([[(1.0 + demands[q].handle_cv2) / 2.0] for q in rows], dtype=np.float64)


@lru_cache(maxsize=4)
def requirements(demands: tuple[QueueDemand, ...], minutes: int) -> tuple[Ints, Ints]:
    """Required agents and agents to roster per (queue, interval); cached, as a draft's
    edits change the schedule, not the forecast."""
    size = len(demands[0].volume) if demands else 0
    required = np.zeros((len(demands), size), dtype=np.int64)
    to_roster = np.zeros_like(required)
    for rows, patience in _by_patience(demands):
        r = required_agents_array(
            np.array([demands[q].volume for q in rows]),
            np.array([demands[q].aht_seconds for q in rows]),
            minutes,
            _column(demands, rows, "service_level"),
            # read at the answer time the handle times' spread allows (``coverage_pooled``)
            _column(demands, rows, "answer_seconds") / _stretch(demands, rows),
            _column(demands, rows, "max_occupancy"),
            _column(demands, rows, "shrinkage"),
            patience,
        )
        required[rows], to_roster[rows] = r["agents"], r["scheduled_agents"]
    for array in (required, to_roster):
        array.setflags(write=False)
    return required, to_roster


def coverage(
    week: ScheduleWeek,
    demands: Sequence[QueueDemand],
    holidays: Sequence[tuple[date, str]] = (),
) -> CoverageWeek:
    """Coverage of every queue in ``demands`` by the (saved or draft) schedule ``week``."""
    return CoverageCalculator(demands, holidays)(week)


class CoverageCalculator:
    """``coverage`` for one forecast and successive drafts of a week, as the editor needs it.

    Kept between calls: the interval starts, the required agents (they depend on the
    forecast, not the schedule) and each agent's presence row, recomputed only for
    agents whose shifts or time off are new objects. Every figure equals a fresh
    ``coverage`` call's exactly. Not thread-safe: one caller at a time.
    """

    def __init__(
        self, demands: Sequence[QueueDemand], holidays: Sequence[tuple[date, str]] = ()
    ) -> None:
        self.demands = tuple(demands)
        self.holidays = tuple(holidays)
        self.presence = PresenceCache()
        self._grid: tuple[tuple[date, str, int], tuple[datetime, ...], Floats] | None = None
        self._required: dict[int, tuple[Ints, Ints]] = {}

    def _starts(self, week: ScheduleWeek) -> tuple[tuple[datetime, ...], Floats]:
        key = (week.week_start, week.timezone, week.interval_minutes)
        if self._grid is None or self._grid[0] != key:
            zone = ZoneInfo(week.timezone)
            starts = tuple(week_interval_starts(week.week_start, zone, week.interval_minutes))
            self._grid = (key, starts, _epoch(starts))
        return self._grid[1], self._grid[2]

    def __call__(self, week: ScheduleWeek) -> CoverageWeek:
        starts, t0 = self._starts(week)
        minutes, demands = week.interval_minutes, self.demands
        if minutes not in self._required:
            self._required[minutes] = requirements(demands, minutes)
        required, to_roster = self._required[minutes]
        if required.shape[1:] not in ((len(starts),), (0,)):
            raise ValueError(
                f"the forecast has {required.shape[1]} intervals, the week {len(starts)}"
            )
        presence = self.presence.presence(week, t0, minutes * 60.0)
        by_set = presence_by_skills(presence, week, [d.name for d in demands])
        scheduled = balanced_agents(np.asarray(required, dtype=np.float64), by_set)
        sls = pooled_service_level(demands, minutes, by_set)
        gaps = scheduled - required
        queues = tuple(
            QueueCoverage(
                queue_id=d.queue_id,
                name=d.name,
                forecast=tuple(d.volume),
                aht_seconds=tuple(d.aht_seconds),
                required=tuple(required[q].tolist()),
                to_roster=tuple(to_roster[q].tolist()),
                scheduled=tuple(scheduled[q].tolist()),
                gap=tuple(gaps[q].tolist()),
                expected_sl=tuple(None if x != x else x for x in sls[q].tolist()),
            )
            for q, d in enumerate(demands)
        )
        return CoverageWeek(
            week_start=week.week_start,
            timezone=week.timezone,
            interval_minutes=minutes,
            starts=starts,
            queues=queues,
            holidays=self.holidays,
        )
