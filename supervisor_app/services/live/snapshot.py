"""The live floor in one call: queues now and today so far, and every agent's state.

Runs on a worker thread; returns plain dataclasses the Qt models diff against
what they show. A handful of grouped queries, whatever the number of agents,
each reading through an index only what is current: open contacts, current
state spans, shifts in progress, and (through ``TodaySums``) only the
quarter-hours (and, for the last half-hour, ten-second slices) of today's contacts
that changed since the last call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, Row, Select, bindparam, func, select
from sqlalchemy.orm import Session

from supervisor_app.domain.adherence import DEFAULT_GRACE
from supervisor_app.domain.enums import AgentState
from supervisor_app.domain.kpi import ContactSums, ServiceLevelVariant
from supervisor_app.domain.timeutil import business_day_of, local_day_bounds
from supervisor_app.services.database import Database
from supervisor_app.services.live.agents import AgentRowCache, agent_rows, fetch_all
from supervisor_app.services.live.rows import (
    AgentRow,
    LiveSnapshot,
    QueueRow,
    QueueThresholds,
)
from supervisor_app.services.live.today_sums import TodaySums
from supervisor_app.services.sites import the_site, variant_of
from supervisor_app.services.targets import QueueTargets, targets_on
from supervisor_app.store.models import Contact, Queue

__all__ = [
    "AgentRow",
    "LiveSnapshot",
    "QueueRow",
    "QueueThresholds",
    "take_snapshot",
]

# Today's running sums, one set per database (engine), dropped with the engine.
_TODAY: WeakKeyDictionary[Engine, TodaySums] = WeakKeyDictionary()
# The agent rows of the last snapshot, per database: most are reused unchanged.
_AGENTS: WeakKeyDictionary[Engine, AgentRowCache] = WeakKeyDictionary()


def take_snapshot(
    db: Database,
    now: datetime | None = None,
    grace: timedelta = DEFAULT_GRACE,
    *,
    site_id: int | None = None,
) -> LiveSnapshot:
    """Everything the Live tab shows of ``site_id``, as of ``now`` (default: the clock).

    ``site_id`` may be left out only where the database has one site.
    """
    now = now or datetime.now(UTC)
    with db.reading() as session:  # the replica, when there is one
        site = the_site(session, site_id)
        site_id = site.id  # read once: an ORM attribute, and compared with 2,000 agents'
        zone = ZoneInfo(site.timezone)
        day = business_day_of(now, zone)
        day_start, _ = local_day_bounds(day, zone)
        queues = fetch_all(session, _queues_query(), {"site_id": site_id})
        in_force = targets_on(session, day)  # a change dated tomorrow shows tomorrow
        mine = {queue.id: in_force[queue.id] for queue in queues}
        today = _TODAY.setdefault(db.engine, TodaySums()).sums(
            session, site_id, mine, day_start, now
        )
        agents = [
            a
            for a in agent_rows(
                session, now, day_start, grace, _AGENTS.setdefault(db.engine, AgentRowCache())
            )
            if a.site_id is None or a.site_id == site_id
        ]
        variant = variant_of(site.service_level_variant)
        rows = _queue_rows(session, queues, today, agents, variant, in_force)
        return LiveSnapshot(
            taken_at=now,
            site_name=site.name,
            timezone=site.timezone,
            interval_minutes=site.interval_minutes,
            day_start=day_start,
            queues=tuple(rows),
            agents=tuple(agents),
        )


def _queue_rows(
    session: Session,
    queues: Sequence[Row[Any]],
    today: dict[int, ContactSums],
    agents: list[AgentRow],
    variant: ServiceLevelVariant,
    in_force: dict[int, QueueTargets],
) -> list[QueueRow]:
    waiting = {
        queue_id: (count, oldest)
        for queue_id, count, oldest in fetch_all(session, _waiting_query())
    }
    # One pass over the agents: per queue, staffed, available, on a contact of it, wrapping
    # one up (an agent counts for every queue they are skilled for; busy only for the
    # queue of their contact).
    name_of = {queue.id: queue.name for queue in queues}
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for agent in agents:
        state = agent.state
        if state is AgentState.OFFLINE:
            continue
        available = state is AgentState.AVAILABLE
        busy = 2 if state is AgentState.ON_CONTACT else 3 if state is AgentState.WRAP_UP else 0
        for queue_id in agent.queue_ids:
            row = counts[queue_id]
            row[0] += 1
            row[1] += available
            if busy and agent.contact_queue == name_of.get(queue_id):
                row[busy] += 1
    rows = []
    for queue in queues:
        count, oldest = waiting.get(queue.id, (0, None))
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        staffed, available, on_contact, wrap_up = counts.get(queue.id, (0, 0, 0, 0))
        targets = in_force[queue.id]
        rows.append(
            QueueRow(
                queue_id=queue.id,
                name=queue.name,
                channel=queue.channel,
                service_level_target=targets.service_level_target,
                answer_threshold_seconds=targets.threshold_seconds,
                waiting=count,
                oldest_waiting_since=oldest,
                staffed=staffed,
                available=available,
                on_contact=on_contact,
                wrap_up=wrap_up,
                today=today.get(queue.id, ContactSums()),
                thresholds=_thresholds(queue),
                service_level_variant=variant,
            )
        )
    return rows


@cache
def _waiting_query() -> Select[Any]:
    """Per queue, the contacts waiting now and the oldest arrival; built once (no
    parameters), as building a select costs more Python than running this one."""
    return (
        select(Contact.queue_id, func.count(), func.min(Contact.arrived_at))
        .where(Contact.ended_at.is_(None), Contact.answered_at.is_(None))
        .group_by(Contact.queue_id)
    )


@cache
def _queues_query() -> Select[Any]:
    """The site's queues (``site_id``) with their alert thresholds, built once."""
    return select(*_QUEUE_COLUMNS).where(Queue.site_id == bindparam("site_id")).order_by(Queue.name)


_QUEUE_COLUMNS = (
    Queue.id,
    Queue.name,
    Queue.channel,
    Queue.waiting_amber,
    Queue.waiting_red,
    Queue.longest_wait_amber_seconds,
    Queue.longest_wait_red_seconds,
    Queue.service_level_amber_pct,
    Queue.service_level_red_pct,
)


def _thresholds(queue: Row[Any]) -> QueueThresholds:
    def frac(pct: float | None) -> float | None:
        return None if pct is None else pct / 100.0

    return QueueThresholds(
        waiting_amber=queue.waiting_amber,
        waiting_red=queue.waiting_red,
        longest_wait_amber_seconds=queue.longest_wait_amber_seconds,
        longest_wait_red_seconds=queue.longest_wait_red_seconds,
        service_level_amber=frac(queue.service_level_amber_pct),
        service_level_red=frac(queue.service_level_red_pct),
    )
