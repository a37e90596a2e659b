"""Why a save refuses a cell: a colleague changed it, or the change would break a hard rule.

Runs inside the save's transaction, after ``lock_agents``, so what it reads
is what is committed and stays so until the save commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from supervisor_app.domain.enums import TimeOffStatus
from supervisor_app.domain.schedule_diff import Cell, ShiftChange, cell_of, shift_content
from supervisor_app.domain.schedule_types import PlannedShift, ScheduleWeek, shift_key_for
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.schedules.apply import ENTITY
from supervisor_app.services.schedules.week import shift_value, shifts_of
from supervisor_app.store.models import AuditEntry, Shift, TimeOff

_VERB = {"update": "changed", "overwrite": "overwrote"}


@dataclass(frozen=True)
class Conflict:
    """A cell (agent, local day) not saved, and why, in words fit for the planner.

    ``kind``: ``changed`` (a colleague changed the cell since it was loaded),
    ``overlap`` (two shifts of the agent would overlap), ``time_off`` (a shift
    in approved time off) or ``blocked`` (part of an edit refused for one of those).
    ``changed_by``/``changed_at`` name the colleague's latest change, if known.
    """

    agent_id: int
    agent_name: str
    day: date
    kind: str
    changed_by: str | None
    changed_at: datetime | None
    message: str


def _hm(instant: datetime, zone: ZoneInfo) -> str:
    return f"{instant.astimezone(zone):%H:%M}"


def current_cells(
    session: Session, cells: Iterable[Cell], zone: ZoneInfo
) -> dict[Cell, list[Shift]]:
    """The committed shifts of every cell in ``cells`` (with activities loaded)."""
    wanted = set(cells)
    if not wanted:
        return {}
    days = [d for _, d in wanted]
    start, _ = local_day_bounds(min(days), zone)
    _, end = local_day_bounds(max(days), zone)
    out: dict[Cell, list[Shift]] = defaultdict(list)
    for row in shifts_of(session, {a for a, _ in wanted}, start, end):
        cell = (row.agent_id, row.starts_at.astimezone(zone).date())
        if cell in wanted:
            out[cell].append(row)
    return dict(out)


def _versions(
    shift: PlannedShift | Shift,
) -> tuple[int | None, frozenset[tuple[int | None, int | None]]]:
    return shift.version, frozenset((a.id, a.version) for a in shift.activities)


def _last_change(session: Session, ids: Iterable[int]) -> AuditEntry | None:
    keys = [str(i) for i in ids]
    if not keys:
        return None
    query = (
        select(AuditEntry)
        .where(AuditEntry.entity == ENTITY, AuditEntry.entity_id.in_(keys))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def _span(values: dict[str, Any] | None, zone: ZoneInfo) -> str | None:
    """``Tue 09:00–17:30`` from an audit row's shift values, or None."""
    try:
        start = datetime.fromisoformat(str((values or {})["starts_at"])).astimezone(zone)
        end = datetime.fromisoformat(str((values or {})["ends_at"])).astimezone(zone)
    except (KeyError, ValueError):
        return None
    return f"{start:%a %H:%M}–{end:%H:%M}"


def _described(entry: AuditEntry, zone: ZoneInfo) -> str:
    """What the colleague did, in words: ``moved the shift Mon 09:00–17:30 to Mon 10:00–18:30``."""
    verb = entry.action.split(".")[-1]
    old, new = _span(entry.before, zone), _span(entry.after, zone)
    if verb == "create" and new:
        return f"added a shift {new}"
    if verb == "delete" and old:
        return f"deleted the shift {old}"
    if old and new and old != new:
        return f"{_VERB.get(verb, 'changed')} the shift {old} to {new}"
    if new:
        return f"{_VERB.get(verb, 'changed')} the shift {new} (its activities)"
    return f"{_VERB.get(verb, 'changed')} shift {entry.entity_id}"


def stale_conflicts(
    session: Session,
    original: ScheduleWeek,
    current: dict[Cell, list[Shift]],
    cells: Iterable[Cell],
    names: dict[int, str],
    zone: ZoneInfo,
) -> dict[Cell, list[Conflict]]:
    """Cells whose committed shifts differ from what ``original`` loaded (ids or versions).

    Cells outside the loaded week were never seen by the planner and are not
    compared (the overlap check still guards them).
    """
    loaded: dict[Cell, dict[int, PlannedShift]] = defaultdict(dict)
    for s in original.shifts:
        if s.id is not None:
            loaded[cell_of(s, zone)][s.id] = s
    out: dict[Cell, list[Conflict]] = {}
    for cell in sorted(cells):
        agent, day = cell
        if not 0 <= (day - original.week_start).days < 7:
            continue
        was = loaded.get(cell, {})
        now = {row.id: row for row in current.get(cell, [])}
        if was.keys() == now.keys() and all(_versions(was[i]) == _versions(now[i]) for i in was):
            continue
        entry = _last_change(session, was.keys() | now.keys())
        name = names.get(agent, f"agent {agent}")
        if entry is None:
            what = "changed by someone else (no audit record)"
            who, when = None, None
        else:
            who, when = entry.actor, entry.at
            what = f"{who} {_described(entry, zone)} at {when.astimezone(zone):%H:%M %d %b}"
        out[cell] = [
            Conflict(agent, name, day, "changed", who, when, f"{name}, {day:%a %d %b}: {what}")
        ]
    return out


def overwrite_changes(
    session: Session,
    current: dict[Cell, list[Shift]],
    edited: ScheduleWeek,
    overwrite: Iterable[Cell],
    changes: list[ShiftChange],
    zone: ZoneInfo,
) -> list[ShiftChange]:
    """Extra changes that make each overwritten cell hold exactly the planner's shifts:
    rewrite shifts a colleague changed, delete shifts a colleague added."""
    planned = {c.key for c in changes}
    edited_ids = {s.id for s in edited.shifts if s.id is not None}
    extra: list[ShiftChange] = []
    cells = set(overwrite)
    for shift in edited.shifts:
        if shift.id is None or shift.key in planned or cell_of(shift, zone) not in cells:
            continue
        row = session.get(Shift, shift.id)
        if row is None or shift_content(shift_value(row)) != shift_content(shift):
            extra.append(ShiftChange(shift.key, shift, shift))
    for cell in sorted(cells):
        for row in current.get(cell, []):
            key = shift_key_for(row.id)
            if row.id not in edited_ids and key not in planned:
                extra.append(ShiftChange(key, shift_value(row), None))
    return extra


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def rule_conflicts(
    session: Session, rows: Iterable[Shift], names: dict[int, str], zone: ZoneInfo
) -> list[Conflict]:
    """Hard rules on the written ``rows`` (flushed): no overlap, no shift in approved time
    off. Two queries per 500 rows, whatever the size of the save."""
    written = {row.id: row for row in rows}
    out: list[Conflict] = []
    other = aliased(Shift)
    for ids in _chunks(sorted(written)):
        overlaps = session.execute(
            select(Shift.id, other.starts_at, other.ends_at)
            .join(other, (other.agent_id == Shift.agent_id) & (other.id != Shift.id))
            .where(
                Shift.id.in_(ids), other.starts_at < Shift.ends_at, other.ends_at > Shift.starts_at
            )
            .order_by(Shift.id, other.starts_at)
        ).all()
        for shift_id, start, end in overlaps:
            out.append(
                _problem(
                    written[shift_id],
                    names,
                    zone,
                    "overlap",
                    f"would overlap the shift {_hm(start, zone)}–{_hm(end, zone)}",
                )
            )
        leave = session.execute(
            select(Shift.id, TimeOff.starts_at, TimeOff.ends_at)
            .join(TimeOff, TimeOff.agent_id == Shift.agent_id)
            .where(
                Shift.id.in_(ids),
                TimeOff.status == TimeOffStatus.APPROVED,
                TimeOff.starts_at < Shift.ends_at,
                TimeOff.ends_at > Shift.starts_at,
            )
            .order_by(Shift.id, TimeOff.starts_at)
        ).all()
        for shift_id, start, end in leave:
            out.append(
                _problem(
                    written[shift_id],
                    names,
                    zone,
                    "time_off",
                    f"falls in approved time off {start.astimezone(zone):%d %b %H:%M}–"
                    f"{end.astimezone(zone):%d %b %H:%M}",
                )
            )
    return out


def _problem(row: Shift, names: dict[int, str], zone: ZoneInfo, kind: str, what: str) -> Conflict:
    name = names.get(row.agent_id, f"agent {row.agent_id}")
    day = row.starts_at.astimezone(zone).date()
    span = f"{_hm(row.starts_at, zone)}–{_hm(row.ends_at, zone)}"
    return Conflict(
        row.agent_id, name, day, kind, None, None, f"{name}, {day:%a %d %b}: shift {span} {what}"
    )
