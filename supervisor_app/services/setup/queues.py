"""Queues: list, add, change, deactivate (a queue with history is never deleted).

A queue's service-level target, answer threshold and short-abandon time are
effective-dated: they are changed through ``services.targets.set_queue_targets``
from a date the user names (default: today at the site), so history keeps the
values that were in force. Planning parameters (patience, shrinkage, occupancy
cap) live in ``queue_planning`` and are edited with the queue, under its version.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.setup_fields import DATED_QUEUE_FIELDS, check_all, field, require
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.setup.conflicts import refuse_if_changed
from supervisor_app.services.setup.records import QueueRecord
from supervisor_app.services.setup.saving import saving
from supervisor_app.services.targets import queue_histories, set_queue_targets
from supervisor_app.store.models import Queue, QueuePlanning, Site

DEFAULT_SHRINKAGE = 0.3
DEFAULT_MAX_OCCUPANCY = 0.85
_TABLES = ("queues", "queue_planning")
_ALERTS = (
    "waiting_amber",
    "waiting_red",
    "longest_wait_amber_seconds",
    "longest_wait_red_seconds",
    "service_level_amber_pct",
    "service_level_red_pct",
)
_PLANNING = ("patience_seconds", "shrinkage_percent", "occupancy_cap_percent")


def _record(queue: Queue, site: Site, plan: QueuePlanning | None) -> QueueRecord:
    return QueueRecord(
        id=queue.id,
        site_id=site.id,
        site=site.name,
        name=queue.name,
        channel=Channel(queue.channel).value,
        sl_target_percent=float(queue.service_level_target_pct),
        threshold_seconds=queue.answer_threshold_seconds,
        short_abandon_seconds=queue.short_abandon_seconds,
        patience_seconds=plan.patience_seconds if plan else None,
        shrinkage_percent=round(100 * (plan.shrinkage if plan else DEFAULT_SHRINKAGE), 6),
        occupancy_cap_percent=round(
            100 * (plan.max_occupancy if plan else DEFAULT_MAX_OCCUPANCY), 6
        ),
        waiting_amber=queue.waiting_amber,
        waiting_red=queue.waiting_red,
        longest_wait_amber_seconds=queue.longest_wait_amber_seconds,
        longest_wait_red_seconds=queue.longest_wait_red_seconds,
        service_level_amber_pct=queue.service_level_amber_pct,
        service_level_red_pct=queue.service_level_red_pct,
        active=queue.active,
        version=queue.version,
    )


def _load(session: Session, queue_id: int) -> QueueRecord | None:
    row = session.execute(
        select(Queue, Site, QueuePlanning)
        .join(Site, Site.id == Queue.site_id)
        .outerjoin(QueuePlanning, QueuePlanning.queue_id == Queue.id)
        .where(Queue.id == queue_id)
    ).first()
    return None if row is None else _record(*row)


def list_queues(db: Database, site_id: int | None = None) -> list[QueueRecord]:
    """The queues of ``site_id`` (every site's when None), by site then name."""
    query = (
        select(Queue, Site, QueuePlanning)
        .join(Site, Site.id == Queue.site_id)
        .outerjoin(QueuePlanning, QueuePlanning.queue_id == Queue.id)
        .order_by(Site.id, Queue.name)
    )
    if site_id is not None:
        query = query.where(Queue.site_id == site_id)
    with db.sessions() as session:
        return [_record(*row) for row in session.execute(query).all()]


def site_today(session: Session, site_id: int) -> date:
    """Today's local date at the site: the default "from" of a target change."""
    zone = session.scalar(select(Site.timezone).where(Site.id == site_id))
    return datetime.now(ZoneInfo(zone or "UTC")).date()


def _name_free(session: Session, site_id: int, name: str, but: int | None = None) -> None:
    other = session.scalar(select(Queue.id).where(Queue.site_id == site_id, Queue.name == name))
    if other is not None and other != but:
        raise field("queue", "name").refuse(repr(name), "the site has a queue of that name")


def _apply(session: Session, queue: Queue, values: Mapping[str, Any], effective_from: date) -> None:
    """Set ``values``; one flush afterwards, so one save moves the version by one."""
    with session.no_autoflush:
        _set(session, queue, values, effective_from)
    if any(k in values for k in (*DATED_QUEUE_FIELDS, *_PLANNING)):
        flag_modified(queue, "name")  # the version moves with targets and planning too


def _set(session: Session, queue: Queue, values: Mapping[str, Any], effective_from: date) -> None:
    if "name" in values:
        queue.name = values["name"]
    if "channel" in values:
        queue.channel = Channel(values["channel"])
    if "active" in values:
        queue.active = bool(values["active"])
    for key in _ALERTS:
        if key in values:
            setattr(queue, key, values[key])
    dated = {k: values[k] for k in DATED_QUEUE_FIELDS if k in values}
    if dated:
        set_queue_targets(session, queue.id, effective_from, **dated)
    if any(k in values for k in _PLANNING):
        plan = session.get(QueuePlanning, queue.id)
        if plan is None:
            plan = QueuePlanning(
                queue_id=queue.id,
                shrinkage=DEFAULT_SHRINKAGE,
                max_occupancy=DEFAULT_MAX_OCCUPANCY,
            )
            session.add(plan)
        if "patience_seconds" in values:
            plan.patience_seconds = values["patience_seconds"]
        if "shrinkage_percent" in values:
            plan.shrinkage = values["shrinkage_percent"] / 100
        if "occupancy_cap_percent" in values:
            plan.max_occupancy = values["occupancy_cap_percent"] / 100


def _active(value: Any) -> dict[str, bool]:
    if not isinstance(value, bool):
        raise TypeError(f"active must be a bool, got {value!r}")
    return {"active": value}


def add_queue(
    db: Database,
    site_id: int,
    values: Mapping[str, Any],
    actor: str,
    effective_from: date | None = None,
) -> QueueRecord:
    """A new queue of the site; ``values`` needs name and channel; the rest has defaults
    (80 % in 20 s, short abandons up to 5 s), to be edited afterwards."""
    require("queue", values, ("name", "channel"))
    extra = _active(values["active"]) if "active" in values else {}
    checked = check_all("queue", {k: v for k, v in values.items() if k != "active"}) | extra
    with saving(db, f"Queue {checked['name']!r}", _TABLES) as session:
        if session.get(Site, site_id) is None:
            raise LookupError(f"no site with id {site_id}")
        _name_free(session, site_id, checked["name"])
        queue = Queue(site_id=site_id, name=checked["name"], channel=Channel(checked["channel"]))
        session.add(queue)
        session.flush()
        when = effective_from or site_today(session, site_id)
        _apply(session, queue, checked, when)
        session.flush()
        record = _load(session, queue.id)
        assert record is not None
        audit.record(
            session,
            actor=actor,
            action="queue.add",
            entity="queue",
            entity_id=queue.id,
            after=record.values(),
        )
        return record


def update_queue(
    db: Database,
    seen: QueueRecord,
    changes: Mapping[str, Any],
    actor: str,
    effective_from: date | None = None,
) -> QueueRecord:
    """Change the queue the user saw as ``seen``; dated targets from ``effective_from``
    (default today at the site). ``changes`` may set ``active`` (False deactivates).

    Checks the whole record after the change (amber/red limits in the right order).
    A ``SetupConflict`` (nothing written) when someone saved the queue meanwhile.
    """
    extra = _active(changes["active"]) if "active" in changes else {}
    checked = check_all("queue", {k: v for k, v in changes.items() if k != "active"}) | extra
    what = f"Queue {seen.name!r} ({seen.site})"
    with saving(db, what, _TABLES) as session:
        queue = session.get(Queue, seen.id)
        before = _load(session, seen.id)
        if queue is None or before is None:
            raise field("queue", "name").refuse(repr(seen.name), "it no longer exists")
        refuse_if_changed(
            session,
            entity="queue",
            entity_id=queue.id,
            what=what,
            seen_version=seen.version,
            now_version=before.version,
            seen=seen.values(),
            now=before.values(),
        )
        merged = before.values() | checked
        check_all("queue", {k: v for k, v in merged.items() if k not in ("active",)})
        if "name" in checked:
            _name_free(session, queue.site_id, checked["name"], but=queue.id)
        when = effective_from or site_today(session, queue.site_id)
        # A dated value is a change if it differs from the one in force on ``when``, not
        # from today's: undoing a change planned for next month sets today's value again.
        then = before.values() | _in_force_on(session, queue.id, when)
        changed = {k: v for k, v in checked.items() if then[k] != v}
        if not changed:
            return before
        _apply(session, queue, changed, when)
        session.flush()
        after = _load(session, queue.id)
        assert after is not None
        action = "queue.deactivate" if changed.get("active") is False else "queue.update"
        before_values, after_values = before.values(), after.values()
        dated = DATED_QUEUE_FIELDS & changed.keys()
        if dated:
            # The row holds today's values; the audit says what changes from ``when``
            # (a change dated next month leaves today's alone).
            before_values |= {k: then[k] for k in dated}
            after_values |= {k: changed[k] for k in dated}
            after_values["effective_from"] = when.isoformat()
        audit.record(
            session,
            actor=actor,
            action=action,
            entity="queue",
            entity_id=queue.id,
            before=before_values,
            after=after_values,
        )
        return after


def _in_force_on(session: Session, queue_id: int, day: date) -> dict[str, Any]:
    """The dated fields' values in force on local ``day``."""
    targets = queue_histories(session, [queue_id])[queue_id].on(day)
    return {k: getattr(targets, k) for k in DATED_QUEUE_FIELDS}
