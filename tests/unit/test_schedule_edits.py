"""The editor's pure edits: each returns a new week, finds things by key, keeps wall-clock time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from supervisor_app.domain import schedule_edits as edits
from supervisor_app.domain.enums import ActivityKind, ShiftStatus
from supervisor_app.domain.schedule_diff import diff_weeks, keep_cells
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    RosterAgent,
    ScheduleWeek,
    ShiftTemplate,
    TemplateActivity,
)

PARIS = "Europe/Paris"
MONDAY = date(2026, 11, 30)


def at(day: int, hhmm: str, monday: date = MONDAY) -> datetime:
    h, m = map(int, hhmm.split(":"))
    local = datetime.combine(monday + timedelta(days=day), time(h, m), tzinfo=ZoneInfo(PARIS))
    return local.astimezone(UTC)


def local(instant: datetime) -> str:
    return f"{instant.astimezone(ZoneInfo(PARIS)):%a %H:%M}"


def base() -> ScheduleWeek:
    agents = tuple(RosterAgent(i, f"A{i}", "Blue", (), 40.0, 20.0) for i in (1, 2, 3))
    brk = PlannedActivity(ActivityKind.BREAK, at(0, "11:00"), at(0, "11:15"), key="b1")
    shift = PlannedShift(
        1, at(0, "09:00"), at(0, "17:00"), (brk,), ShiftStatus.PUBLISHED, 10, 3, key="s1"
    )
    return ScheduleWeek(MONDAY, PARIS, 15, agents, (shift,), ())


def test_add_and_delete_shift_leave_the_old_week_alone() -> None:
    week = base()
    new = PlannedShift(2, at(1, "08:00"), at(1, "16:00"), key="n1")
    added = edits.add_shift(week, new)
    assert [s.key for s in added.shifts] == ["s1", "n1"]
    assert [s.key for s in week.shifts] == ["s1"]
    with pytest.raises(ValueError, match="already"):
        edits.add_shift(added, new)
    assert edits.delete_shift(added, "n1") == week


def test_move_carries_activities_and_makes_a_draft() -> None:
    moved = edits.move_shift(base(), "s1", timedelta(hours=2), to_agent=3)
    shift = edits.find_shift(moved, "s1")
    assert (shift.agent_id, local(shift.starts_at), local(shift.ends_at)) == (
        3,
        "Mon 11:00",
        "Mon 19:00",
    )
    assert [local(a.starts_at) for a in shift.activities] == ["Mon 13:00"]
    assert shift.status is ShiftStatus.DRAFT and shift.id == 10 and shift.version == 3


def test_move_several_together() -> None:
    week = edits.add_shift(base(), PlannedShift(2, at(0, "10:00"), at(0, "14:00"), key="n1"))
    moved = edits.move_shifts(week, ["s1", "n1"], timedelta(days=1))
    assert [local(s.starts_at) for s in moved.shifts] == ["Tue 09:00", "Tue 10:00"]


def test_resize_keeps_activities_and_refuses_an_empty_shift() -> None:
    week = edits.resize_shift(base(), "s1", starts_at=at(0, "11:30"))
    shift = edits.find_shift(week, "s1")
    assert local(shift.starts_at) == "Mon 11:30" and len(shift.activities) == 1
    with pytest.raises(ValueError, match="end after"):
        edits.resize_shift(base(), "s1", ends_at=at(0, "09:00"))
    with pytest.raises(KeyError):
        edits.resize_shift(base(), "nope", ends_at=at(0, "10:00"))


def test_activity_edits() -> None:
    lunch = PlannedActivity(ActivityKind.LUNCH, at(0, "13:00"), at(0, "13:30"), key="l1")
    week = edits.add_activity(base(), "s1", lunch)
    assert [a.key for a in edits.find_shift(week, "s1").activities] == ["b1", "l1"]
    week = edits.move_activity(week, "s1", "l1", timedelta(hours=-3))
    assert [a.key for a in edits.find_shift(week, "s1").activities] == ["l1", "b1"]
    week = edits.resize_activity(week, "s1", "l1", ends_at=at(0, "10:45"))
    assert local(edits.find_shift(week, "s1").activities[0].ends_at) == "Mon 10:45"
    week = edits.delete_activity(week, "s1", "b1")
    assert [a.key for a in edits.find_shift(week, "s1").activities] == ["l1"]
    with pytest.raises(KeyError):
        edits.delete_activity(week, "s1", "b1")


def test_copy_day_to_days_and_agents_replaces_targets() -> None:
    week = edits.add_shift(base(), PlannedShift(2, at(2, "06:00"), at(2, "10:00"), key="old"))
    copied = edits.copy_day(week, 1, MONDAY, [MONDAY + timedelta(days=2)], [1, 2])
    starts = sorted((s.agent_id, local(s.starts_at)) for s in copied.shifts)
    assert starts == [(1, "Mon 09:00"), (1, "Wed 09:00"), (2, "Wed 09:00")]
    copies = [s for s in copied.shifts if s.key != "s1"]
    assert all(s.id is None and s.version is None for s in copies)
    assert all(local(s.activities[0].starts_at) == "Wed 11:00" for s in copies)


def test_copy_week_across_dst_keeps_wall_clock_time() -> None:
    # Week of 19 Oct 2026 (CEST) copied to the week of 26 Oct (CET): 09:00 stays 09:00,
    # so the UTC start moves by 7 days and 1 hour.
    source = ScheduleWeek(
        date(2026, 10, 19),
        PARIS,
        15,
        (),
        (PlannedShift(1, at(1, "09:00", date(2026, 10, 19)), at(1, "17:00", date(2026, 10, 19))),),
        (),
    )
    target = ScheduleWeek(date(2026, 10, 26), PARIS, 15, (), (), ())
    result = edits.copy_week(source, target)
    (shift,) = result.shifts
    assert local(shift.starts_at) == "Tue 09:00"
    assert shift.starts_at - source.shifts[0].starts_at == timedelta(days=7, hours=1)


def test_copy_week_to_other_agents() -> None:
    result = edits.copy_week_to_agents(base(), 1, [2, 3])
    assert sorted(s.agent_id for s in result.shifts) == [1, 2, 3]


def test_template_lays_out_local_times() -> None:
    template = ShiftTemplate(
        "Early", 7 * 60, 8 * 60 + 30, (TemplateActivity(ActivityKind.LUNCH, 240, 30),)
    )
    shift = edits.from_template(template, 2, MONDAY + timedelta(days=4), PARIS)
    assert (local(shift.starts_at), local(shift.ends_at)) == ("Fri 07:00", "Fri 15:30")
    assert local(shift.activities[0].starts_at) == "Fri 11:00"


def test_snap_to_interval_aligned_to_local_midnight() -> None:
    # Kathmandu is UTC+05:45: local quarter-hours are not UTC quarter-hours.
    instant = datetime(2026, 12, 1, 3, 22, tzinfo=UTC)  # 09:07 in Kathmandu
    snapped = edits.snap(instant, 15, "Asia/Kathmandu")
    assert f"{snapped.astimezone(ZoneInfo('Asia/Kathmandu')):%H:%M}" == "09:00"
    assert edits.snap(at(0, "09:08"), 15, PARIS) == at(0, "09:15")
    assert edits.snap(at(0, "09:14"), 30, PARIS) == at(0, "09:00")


def test_diff_and_keep_cells() -> None:
    week = base()
    edited = edits.move_shift(week, "s1", timedelta(days=1))
    edited = edits.add_shift(edited, PlannedShift(2, at(3, "09:00"), at(3, "12:00"), key="n1"))
    changes = diff_weeks(week, edited)
    assert [(c.key, c.action) for c in changes] == [("n1", "create"), ("s1", "update")]
    zone = ZoneInfo(PARIS)
    assert changes[1].cells(zone) == {(1, MONDAY), (1, MONDAY + timedelta(days=1))}
    assert diff_weeks(week, edits.move_shift(edited, "s1", timedelta(days=-1))) != []
    kept = keep_cells(week, edited, [(2, MONDAY + timedelta(days=3))])
    assert sorted(s.key for s in kept.shifts) == ["n1", "s1"]
    assert edits.find_shift(kept, "s1") == week.shifts[0]
