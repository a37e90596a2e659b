"""Saving edited weeks on both engines: what is written, what is refused and why, the audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from test_schedule_world import (
    ANN,
    BEN,
    CID,
    MONDAY,
    PLANNER_A,
    PLANNER_B,
    at,
    audit_actions,
    content,
    day,
    db,
    shift,
)

from supervisor_app.domain import schedule_edits as edits
from supervisor_app.domain.enums import ActivityKind, TimeOffStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_types import PlannedActivity
from supervisor_app.services.database import Database
from supervisor_app.services.schedules import load_week, save_week
from supervisor_app.services.schedules.time_off import (
    approve_time_off,
    refuse_time_off,
    request_time_off,
)
from supervisor_app.store.changes import ChangeListener
from supervisor_app.store.models import Shift

__all__ = ["db"]


def seed(db: Database, *shifts: object) -> None:
    week = load_week(db, MONDAY)
    edited = week
    for s in shifts:
        edited = edits.add_shift(edited, s)  # type: ignore[arg-type]
    result = save_week(db, week, edited, PLANNER_A)
    assert result.conflicts == ()


def test_new_shifts_are_written_audited_and_reloaded_alike(db: Database) -> None:
    week = load_week(db, MONDAY)
    assert [a.name for a in week.agents] == ["Agent 1", "Agent 2", "Agent 3"]
    new = shift(ANN, 0, "09:00", "17:30", lunch="12:30")
    edited = edits.add_shift(week, new)
    result = save_week(db, week, edited, PLANNER_A)
    assert result.conflicts == () and len(result.created) == 1
    assert result.key_to_id == {new.key: result.created[0]}
    again = load_week(db, MONDAY)
    assert content(again) == content(edited)
    (saved,) = again.shifts
    assert saved.id == result.created[0] and saved.version == 1
    assert audit_actions(db) == [(PLANNER_A, "shift.create", None)]


def test_update_and_delete_move_versions_and_write_audit(db: Database) -> None:
    seed(db, shift(ANN, 0, "09:00", "17:30", lunch="12:30"), shift(BEN, 1, "08:00", "12:00"))
    week = load_week(db, MONDAY)
    ann, ben = week.shifts
    edited = edits.move_shift(week, ann.key, timedelta(hours=1))
    edited = edits.delete_shift(edited, ben.key)
    result = save_week(db, week, edited, PLANNER_B)
    assert (result.updated, result.deleted, result.conflicts) == ((ann.id,), (ben.id,), ())
    again = load_week(db, MONDAY)
    assert content(again) == content(edited)
    assert again.shifts[0].version == 2
    assert sorted(audit_actions(db)[-2:]) == [
        (PLANNER_B, "shift.delete", None),
        (PLANNER_B, "shift.update", None),
    ]


def test_stale_cell_is_refused_naming_who_and_the_rest_is_saved(db: Database) -> None:
    seed(db, shift(ANN, 0, "09:00", "17:30", lunch="12:30"))
    a_week = load_week(db, MONDAY)
    b_week = load_week(db, MONDAY)
    key = a_week.shifts[0].key
    # Planner B moves Ann's Monday shift an hour later and saves first.
    b_edit = edits.move_shift(b_week, key, timedelta(hours=1))
    assert save_week(db, b_week, b_edit, PLANNER_B).conflicts == ()
    # Planner A, from the older load, shortens it and adds Ben on Tuesday.
    a_edit = edits.resize_shift(a_week, key, ends_at=at(0, "16:00"))
    a_edit = edits.add_shift(a_edit, shift(BEN, 1, "08:00", "12:00"))
    result = save_week(db, a_week, a_edit, PLANNER_A)
    assert len(result.created) == 1 and result.updated == ()
    (conflict,) = result.conflicts
    assert (conflict.agent_id, conflict.day, conflict.kind) == (ANN, day(0), "changed")
    assert conflict.changed_by == PLANNER_B
    assert conflict.message.startswith(
        "Agent 1, Mon 30 Nov: bob@ws-2 changed the shift Mon 09:00–17:30 to Mon 10:00–18:30 at "
    )
    assert result.refused_cells == {(ANN, day(0))}
    now = load_week(db, MONDAY)
    # Nothing lost: B's move stands, A's Ben shift is in.
    assert content(now) == sorted([*content(b_edit), content(a_edit)[-1]])


def test_a_colleagues_activity_change_makes_the_cell_stale(db: Database) -> None:
    seed(db, shift(ANN, 0, "09:00", "17:30", lunch="12:30"))
    a_week, b_week = load_week(db, MONDAY), load_week(db, MONDAY)
    key = a_week.shifts[0].key
    lunch = a_week.shifts[0].activities[0]
    b_edit = edits.move_activity(b_week, key, lunch.key, timedelta(minutes=30))
    assert save_week(db, b_week, b_edit, PLANNER_B).conflicts == ()
    with_shift = load_week(db, MONDAY).shifts[0]
    assert with_shift.version == 1 and with_shift.activities[0].version == 2
    a_edit = edits.move_shift(a_week, key, timedelta(hours=1))
    result = save_week(db, a_week, a_edit, PLANNER_A)
    assert [c.kind for c in result.conflicts] == ["changed"]
    assert content(load_week(db, MONDAY)) == content(b_edit)


def test_a_shift_added_by_a_colleague_makes_the_cell_stale(db: Database) -> None:
    a_week, b_week = load_week(db, MONDAY), load_week(db, MONDAY)
    b_edit = edits.add_shift(b_week, shift(ANN, 0, "06:00", "10:00"))
    assert save_week(db, b_week, b_edit, PLANNER_B).conflicts == ()
    a_edit = edits.add_shift(a_week, shift(ANN, 0, "18:00", "22:00"))
    result = save_week(db, a_week, a_edit, PLANNER_A)
    assert [(c.kind, c.changed_by) for c in result.conflicts] == [("changed", PLANNER_B)]
    assert "bob@ws-2 added a shift Mon 06:00–10:00 at" in result.conflicts[0].message


def test_overwrite_is_explicit_and_audited(db: Database) -> None:
    seed(db, shift(ANN, 0, "09:00", "17:30", lunch="12:30"))
    a_week, b_week = load_week(db, MONDAY), load_week(db, MONDAY)
    key = a_week.shifts[0].key
    b_edit = edits.move_shift(b_week, key, timedelta(hours=1))
    b_edit = edits.add_shift(b_edit, shift(ANN, 0, "20:00", "23:00"))
    save_week(db, b_week, b_edit, PLANNER_B)
    a_edit = edits.resize_shift(a_week, key, ends_at=at(0, "16:00"))
    assert save_week(db, a_week, a_edit, PLANNER_A).conflicts != ()
    result = save_week(
        db,
        a_week,
        a_edit,
        PLANNER_A,
        overwrite=frozenset({(ANN, day(0))}),
        overwrite_reason="agreed with Bob",
    )
    assert result.conflicts == ()
    assert content(load_week(db, MONDAY)) == content(a_edit)
    forced = [a for a in audit_actions(db) if a[1] == "shift.overwrite"]
    assert forced == [(PLANNER_A, "shift.overwrite", "agreed with Bob")] * 2


def test_overlap_with_a_committed_shift_is_refused(db: Database) -> None:
    # Sunday night shift 22:00–06:00 into the next Monday; the Monday cell is another day.
    seed(db, shift(ANN, 6, "22:00", "23:59"), shift(BEN, 0, "09:00", "12:00"))
    week = load_week(db, MONDAY)
    edited = edits.add_shift(week, shift(ANN, 6, "23:00", "23:30"))
    edited = edits.add_shift(edited, shift(CID, 2, "09:00", "12:00"))
    result = save_week(db, week, edited, PLANNER_A)
    assert [(c.agent_id, c.kind) for c in result.conflicts] == [(ANN, "overlap")]
    assert "22:00–23:59" in result.conflicts[0].message
    assert len(result.created) == 1
    with db.sessions() as s:
        assert s.scalar(select(Shift.agent_id).where(Shift.id == result.created[0])) == CID


def test_moving_one_shift_onto_another_refuses_both_sides_of_the_edit(db: Database) -> None:
    seed(db, shift(ANN, 0, "09:00", "13:00"), shift(BEN, 0, "10:00", "14:00"))
    week = load_week(db, MONDAY)
    ann = next(s for s in week.shifts if s.agent_id == ANN)
    edited = edits.move_shift(week, ann.key, timedelta(0), to_agent=BEN)
    result = save_week(db, week, edited, PLANNER_A)
    assert sorted((c.agent_id, c.kind) for c in result.conflicts) == [
        (ANN, "blocked"),
        (BEN, "overlap"),
    ]
    assert content(load_week(db, MONDAY)) == content(week)


def test_approved_time_off_blocks_shifts(db: Database) -> None:
    band = request_time_off(db, BEN, at(2, "00:00"), at(3, "00:00"), PLANNER_A, "dentist")
    assert band.status is TimeOffStatus.REQUESTED
    approved = approve_time_off(db, band.id, band.version, PLANNER_B)  # type: ignore[arg-type]
    assert approved.status is TimeOffStatus.APPROVED
    week = load_week(db, MONDAY)
    assert [t.status for t in week.time_off] == [TimeOffStatus.APPROVED]
    edited = edits.add_shift(week, shift(BEN, 2, "09:00", "12:00"))
    result = save_week(db, week, edited, PLANNER_A)
    assert [c.kind for c in result.conflicts] == ["time_off"]
    assert load_week(db, MONDAY).shifts == ()
    refused = refuse_time_off(db, approved.id, approved.version, PLANNER_B, "too busy")  # type: ignore[arg-type]
    assert refused.status is TimeOffStatus.REFUSED
    assert save_week(db, week, edited, PLANNER_A).conflicts == ()


def test_approving_time_off_over_a_shift_is_refused(db: Database) -> None:
    seed(db, shift(BEN, 2, "09:00", "12:00"))
    band = request_time_off(db, BEN, at(2, "00:00"), at(3, "00:00"), PLANNER_A)
    with pytest.raises(UserError, match="has shift"):
        approve_time_off(db, band.id, band.version, PLANNER_B)  # type: ignore[arg-type]
    with pytest.raises(UserError, match="changed or removed"):
        refuse_time_off(db, band.id, 99, PLANNER_B)  # type: ignore[arg-type]


def test_activities_are_saved_with_the_shift(db: Database) -> None:
    seed(db, shift(ANN, 0, "09:00", "17:30", lunch="12:30"))
    week = load_week(db, MONDAY)
    key = week.shifts[0].key
    brk = PlannedActivity(ActivityKind.BREAK, at(0, "10:30"), at(0, "10:45"))
    edited = edits.add_activity(week, key, brk)
    edited = edits.delete_activity(edited, key, week.shifts[0].activities[0].key)
    assert save_week(db, week, edited, PLANNER_A).conflicts == ()
    assert content(load_week(db, MONDAY)) == content(edited)


def test_a_save_announces_the_change(db: Database) -> None:
    week = load_week(db, MONDAY)
    with ChangeListener(db.engine) as listener:
        save_week(db, week, edits.add_shift(week, shift(ANN, 0, "09:00", "12:00")), PLANNER_A)
        seen = listener.wait(5.0)
    assert seen & {"shifts", "*"}


def test_nothing_changed_writes_nothing(db: Database) -> None:
    week = load_week(db, MONDAY)
    assert save_week(db, week, week, PLANNER_A).saved_ids == ()
    assert audit_actions(db) == []


def test_time_off_requests_are_checked_and_audited(db: Database) -> None:
    with pytest.raises(UserError, match="end after it starts"):
        request_time_off(db, ANN, at(2, "12:00"), at(2, "12:00"), PLANNER_A)
    with pytest.raises(UserError, match="no agent with id 99"):
        request_time_off(db, 99, at(2, "09:00"), at(2, "12:00"), PLANNER_A)
    band = request_time_off(db, ANN, at(2, "09:00"), at(2, "12:00"), PLANNER_A, "  ")
    assert band.reason is None and band.version == 1
    approve_time_off(db, band.id, 1, PLANNER_B, "ok")  # type: ignore[arg-type]
    assert audit_actions(db, "time_off") == [
        (PLANNER_A, "time_off.request", None),
        (PLANNER_B, "time_off.approved", "ok"),
    ]
