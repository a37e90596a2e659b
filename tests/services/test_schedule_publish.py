"""Publishing, rule settings, templates and the history, on both engines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from test_schedule_world import (
    ANN,
    BEN,
    MONDAY,
    PLANNER_A,
    PLANNER_B,
    at,
    audit_actions,
    db,
    shift,
)

from supervisor_app.domain import schedule_edits as edits
from supervisor_app.domain.enums import ActivityKind, ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_rules import BreakRequirement, Rule, RuleSettings
from supervisor_app.domain.schedule_types import ShiftTemplate, TemplateActivity
from supervisor_app.services.database import Database
from supervisor_app.services.schedules import history, load_week, request_time_off, save_week
from supervisor_app.services.schedules.publish import (
    PublishRefused,
    check_schedule,
    publications,
    publish_week,
)
from supervisor_app.services.schedules.rules_settings import load_rule_settings, save_rule_settings
from supervisor_app.services.schedules.templates import (
    TemplateConflict,
    delete_template,
    list_templates,
    save_template,
)
from supervisor_app.store.models import SchedulePublication

__all__ = ["db"]


def plan(db: Database, *shifts: object) -> None:
    week = load_week(db, MONDAY)
    edited = week
    for s in shifts:
        edited = edits.add_shift(edited, s)  # type: ignore[arg-type]
    assert save_week(db, week, edited, PLANNER_A).conflicts == ()


def test_a_clean_week_publishes_and_records_who_and_when(db: Database) -> None:
    plan(db, shift(ANN, 0, "09:00", "12:00"), shift(BEN, 1, "09:00", "12:00"))
    assert check_schedule(db, MONDAY) == []
    done = publish_week(db, MONDAY, PLANNER_B)
    assert (done.published_by, done.shift_count, done.override_reason) == (PLANNER_B, 2, None)
    week = load_week(db, MONDAY)
    assert {s.status for s in week.shifts} == {ShiftStatus.PUBLISHED}
    assert {s.version for s in week.shifts} == {1}  # publishing is not an edit
    assert publications(db, MONDAY)[0].published_by == PLANNER_B
    assert audit_actions(db, "schedule_week") == [(PLANNER_B, "schedule.publish", None)]


def test_violations_block_publishing_until_overridden_with_a_reason(db: Database) -> None:
    plan(db, shift(ANN, 0, "09:00", "19:30"))  # 10.5 h, no breaks: too long, breaks, lunch
    found = check_schedule(db, MONDAY)
    assert sorted(v.rule for v in found) == sorted([Rule.SHIFT_TOO_LONG, Rule.BREAKS, Rule.LUNCH])
    with pytest.raises(PublishRefused, match="3 rule violation") as refused:
        publish_week(db, MONDAY, PLANNER_A, override_reason="   ")
    assert len(refused.value.violations) == 3
    assert load_week(db, MONDAY).shifts[0].status is ShiftStatus.DRAFT
    done = publish_week(db, MONDAY, PLANNER_A, override_reason="inventory day, agreed with HR")
    assert (done.violation_count, done.override_reason) == (3, "inventory day, agreed with HR")
    assert audit_actions(db, "schedule_week") == [
        (PLANNER_A, "schedule.publish", "inventory day, agreed with HR")
    ]
    with db.sessions() as s:
        assert s.scalar(select(SchedulePublication.violation_count)) == 3


def test_editing_a_published_shift_makes_it_a_draft_again(db: Database) -> None:
    plan(db, shift(ANN, 0, "09:00", "12:00"))
    publish_week(db, MONDAY, PLANNER_A)
    week = load_week(db, MONDAY)
    edited = edits.move_shift(week, week.shifts[0].key, timedelta(hours=1))
    assert save_week(db, week, edited, PLANNER_A).conflicts == ()
    assert load_week(db, MONDAY).shifts[0].status is ShiftStatus.DRAFT


def test_publishing_needs_a_monday(db: Database) -> None:
    with pytest.raises(UserError, match="Monday"):
        publish_week(db, MONDAY + timedelta(days=1), PLANNER_A)


def test_rule_settings_are_stored_per_site_and_used_by_the_check(db: Database) -> None:
    assert load_rule_settings(db) == RuleSettings()
    plan(db, shift(ANN, 0, "09:00", "11:00"))  # 2 h: below the default 3 h minimum
    assert [v.rule for v in check_schedule(db, MONDAY)] == [Rule.SHIFT_TOO_SHORT]
    custom = RuleSettings(
        min_shift_minutes=120, requirements=(BreakRequirement(300, 1, 0, break_minutes=10),)
    )
    assert save_rule_settings(db, custom, PLANNER_A) == custom
    assert load_rule_settings(db) == custom
    assert check_schedule(db, MONDAY) == []
    assert audit_actions(db, "schedule_rule_settings") == [
        (PLANNER_A, "schedule_rules.update", None)
    ]
    with pytest.raises(UserError, match="maximum"):
        save_rule_settings(db, RuleSettings(min_shift_minutes=600, max_shift_minutes=300), "x")


def test_templates_crud_with_versions(db: Database) -> None:
    early = ShiftTemplate(
        "Early", 7 * 60, 8 * 60 + 30, (TemplateActivity(ActivityKind.LUNCH, 240, 30),)
    )
    saved = save_template(db, early, PLANNER_A)
    assert saved.id is not None and saved.version == 1
    assert list_templates(db) == [saved]
    with pytest.raises(UserError, match="already exists"):
        save_template(db, early, PLANNER_B)
    later = save_template(db, ShiftTemplate("Early", 8 * 60, 480, (), saved.id, 1), PLANNER_B)
    assert (later.start_minute, later.activities, later.version) == (480, (), 2)
    with pytest.raises(TemplateConflict):
        save_template(db, ShiftTemplate("Early", 9 * 60, 480, (), saved.id, 1), PLANNER_A)
    with pytest.raises(UserError, match="ends after the shift"):
        save_template(
            db, ShiftTemplate("Bad", 0, 60, (TemplateActivity(ActivityKind.BREAK, 50, 15),)), "x"
        )
    delete_template(db, saved.id, 2, PLANNER_A)  # type: ignore[arg-type]
    assert list_templates(db) == []
    assert [a[1] for a in audit_actions(db, "shift_template")] == [
        "shift_template.create",
        "shift_template.update",
        "shift_template.delete",
    ]


def test_history_by_agent_and_by_week(db: Database) -> None:
    plan(db, shift(ANN, 0, "09:00", "12:00"), shift(BEN, 1, "09:00", "12:00"))
    request_time_off(db, BEN, at(3, "00:00"), at(4, "00:00"), PLANNER_B, "course")
    next_week = MONDAY + timedelta(days=7)
    assert [(h.action, h.agent_id) for h in history(db, agent_id=BEN)] == [
        ("time_off.request", BEN),
        ("shift.create", BEN),
    ]
    assert len(history(db, week_start=MONDAY)) == 3
    assert history(db, week_start=next_week + timedelta(days=7)) == []
    entry = history(db, agent_id=ANN)[0]
    assert entry.actor == PLANNER_A and entry.after is not None
    assert entry.summary.startswith("shift create")


def test_the_check_sees_rest_after_the_previous_sundays_shift(db: Database) -> None:
    before = load_week(db, MONDAY - timedelta(days=7))
    sunday = shift(ANN, -1, "14:00", "23:00", lunch="18:00")
    assert save_week(db, before, edits.add_shift(before, sunday), PLANNER_A).conflicts == ()
    plan(db, shift(ANN, 0, "07:00", "10:00"))
    week = load_week(db, MONDAY)
    assert len(week.shifts) == 1 and len(week.context_shifts) == 1
    assert [v.rule for v in check_schedule(db, MONDAY)] == [Rule.MIN_REST]
