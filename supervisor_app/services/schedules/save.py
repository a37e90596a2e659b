"""Saving a planner's edited week: what is safe is written, what a colleague changed is refused.

A save compares per cell (one agent, one local day). A cell someone else
changed since the planner loaded the week is *stale*: the planner's changes
touching it are refused with a ``Conflict`` naming who changed what and when,
and every other change is written. Overwriting a stale cell happens only when
the planner names it in ``overwrite`` (its audit rows say ``shift.overwrite``).

Independently of versions, a change that would leave an agent with two
overlapping shifts, or a shift in approved time off, is refused; that check
runs under ``schedule_lock.lock_agents``, so two sessions saving at the same
moment can't both commit an overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.schedule_diff import Cell, ShiftChange, cell_of, diff_weeks
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.services.database import Database
from supervisor_app.services.schedules.apply import audit_change, write_change
from supervisor_app.services.schedules.conflicts import (
    Conflict,
    current_cells,
    overwrite_changes,
    rule_conflicts,
    stale_conflicts,
)
from supervisor_app.services.schedules.lock import lock_agents
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent

__all__ = ["Conflict", "SaveResult", "save_week"]

WRITTEN_TABLES = ("shifts", "shift_activities", "audit_log")


@dataclass(frozen=True)
class SaveResult:
    """What a save wrote and what it refused.

    ``key_to_id`` maps the key of every written shift (new ones included) to
    its database id; reload the week after a save (``load_week``) and use it
    as the new original, since versions moved.
    """

    created: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    deleted: tuple[int, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    key_to_id: Mapping[str, int] = field(default_factory=dict)

    @property
    def saved_ids(self) -> tuple[int, ...]:
        return self.created + self.updated + self.deleted

    @property
    def refused_cells(self) -> frozenset[Cell]:
        return frozenset((c.agent_id, c.day) for c in self.conflicts)


def _groups(changes: Iterable[ShiftChange]) -> list[list[ShiftChange]]:
    """Changes bound together by the agents they touch (a shift moved from Ann to Bob
    joins Ann's and Bob's changes): each group is written or refused as a whole."""
    parent: dict[int, int] = {}

    def root(a: int) -> int:
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    items = list(changes)
    for ch in items:
        agents = [s.agent_id for s in (ch.before, ch.after) if s is not None]
        for other in agents[1:]:
            parent[root(other)] = root(agents[0])
    groups: dict[int, list[ShiftChange]] = {}
    for ch in items:
        first = (ch.before or ch.after).agent_id  # type: ignore[union-attr]
        groups.setdefault(root(first), []).append(ch)
    return [groups[k] for k in sorted(groups)]


def _spread(changes: list[ShiftChange], refused: set[Cell], zone: ZoneInfo) -> set[Cell]:
    """Refused cells plus every cell an edit shares with one (a shift moved out of a
    refused cell is refused at both ends), until nothing more is added: a cell is then
    either saved as a whole or left as it was."""
    while True:
        grown = refused.union(*(c.cells(zone) for c in changes if c.cells(zone) & refused))
        if grown == refused:
            return refused
        refused = grown


def _blocked(cell: Cell, names: dict[int, str]) -> Conflict:
    agent, day = cell
    name = names.get(agent, f"agent {agent}")
    return Conflict(
        agent,
        name,
        day,
        "blocked",
        None,
        None,
        f"{name}, {day:%a %d %b}: not saved, an edit here also touches a refused day "
        "(see the other conflicts)",
    )


def _order(change: ShiftChange) -> int:
    """Deletes first, then updates, then creates, so a replaced shift frees its time first."""
    return {"delete": 0, "update": 1, "create": 2}[change.action]


def save_week(
    db: Database,
    original: ScheduleWeek,
    edited: ScheduleWeek,
    user: str,
    *,
    overwrite: frozenset[tuple[int, date]] = frozenset(),
    overwrite_reason: str | None = None,
) -> SaveResult:
    """Write the changes from ``original`` (as loaded) to ``edited`` in one transaction.

    ``overwrite`` names cells (agent id, local day) where the planner chose to
    replace a colleague's changes with theirs; ``overwrite_reason`` goes in the
    audit rows. Returns what was written and the conflicts of what was not.
    """
    zone = ZoneInfo(original.timezone)
    changes = diff_weeks(original, edited)
    touched = set(overwrite).union(*(c.cells(zone) for c in changes))
    if not touched:
        return SaveResult()
    reason = (overwrite_reason or "").strip() or "overwrite chosen by the planner"
    with db.sessions() as session:
        lock_agents(session, {agent for agent, _ in touched})
        agent_ids = {a for a, _ in touched}
        query = select(Agent.id, Agent.name).where(Agent.id.in_(agent_ids))
        names = {agent_id: name for agent_id, name in session.execute(query)}
        current = current_cells(session, touched, zone)
        stale = stale_conflicts(session, original, current, touched - set(overwrite), names, zone)
        changes = changes + overwrite_changes(session, current, edited, overwrite, changes, zone)
        blocked = _spread(changes, set(stale), zone)
        conflicts: list[Conflict] = [x for cell in sorted(stale) for x in stale[cell]]
        conflicts += [_blocked(cell, names) for cell in sorted(blocked - stale.keys())]
        accepted = [c for c in changes if not c.cells(zone) & blocked]
        result = _write(session, accepted, user, overwrite, reason, names, zone, conflicts)
        announce(session.connection(), WRITTEN_TABLES)
        session.commit()
    return SaveResult(
        created=tuple(result["create"]),
        updated=tuple(result["update"]),
        deleted=tuple(result["delete"]),
        conflicts=tuple(conflicts),
        key_to_id=result["keys"],  # type: ignore[arg-type]
    )


def _write(
    session: Session,
    accepted: list[ShiftChange],
    user: str,
    overwrite: frozenset[Cell],
    reason: str,
    names: dict[int, str],
    zone: ZoneInfo,
    conflicts: list[Conflict],
) -> dict[str, object]:
    """Write the accepted changes in one flush and check the hard rules once; groups that
    break one are taken out and the rest written again (groups share no agent, so taking
    one out can't change another's outcome)."""
    groups = _groups(accepted)
    while True:
        savepoint = session.begin_nested()
        written = [
            (change, write_change(session, change))
            for group in groups
            for change in sorted(group, key=_order)
        ]
        try:
            session.flush()
        except StaleDataError:
            # Only reachable if something wrote without the agent lock.
            savepoint.rollback()
            conflicts.extend(_lost_race(accepted, names, zone))
            return {"create": [], "update": [], "delete": [], "keys": {}}
        problems = rule_conflicts(session, [r for _, r in written if r is not None], names, zone)
        if not problems:
            break
        savepoint.rollback()
        bad_agents = {p.agent_id for p in problems}
        bad = [g for g in groups if _agents(g) & bad_agents]
        seen = {(p.agent_id, p.day) for p in problems}
        cells = {cell for g in bad for ch in g for cell in ch.cells(zone)}
        conflicts.extend(problems)
        conflicts.extend(_blocked(cell, names) for cell in sorted(cells - seen))
        groups = [g for g in groups if g not in bad]
    out: dict[str, list[int]] = {"create": [], "update": [], "delete": []}
    keys: dict[str, int] = {}
    for change, row in written:
        forced = reason if change.cells(zone) & overwrite else None
        audit_change(session, change, row, user, overwrite_reason=forced)
        if row is None:
            assert change.before is not None and change.before.id is not None
            out["delete"].append(change.before.id)
        else:
            is_new = change.before is None or change.before.id != row.id
            out["create" if is_new else "update"].append(row.id)
            keys[change.key] = row.id
    savepoint.commit()
    return {**out, "keys": keys}


def _agents(group: list[ShiftChange]) -> set[int]:
    return {s.agent_id for ch in group for s in (ch.before, ch.after) if s is not None}


def _lost_race(group: list[ShiftChange], names: dict[int, str], zone: ZoneInfo) -> list[Conflict]:
    cells = {cell_of(s, zone) for ch in group for s in (ch.before, ch.after) if s is not None}
    return [
        Conflict(
            a,
            names.get(a, f"agent {a}"),
            d,
            "changed",
            None,
            None,
            f"{names.get(a, f'agent {a}')}, {d:%a %d %b}: changed by someone else meanwhile",
        )
        for a, d in sorted(cells)
    ]
