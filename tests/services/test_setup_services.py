"""The setup services: every kind of change writes one audit row with before and after,
bad values are refused by the field table with nothing written, and a save over a row
changed meanwhile is refused with what changed (optimistic locking)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from supervisor_app.services.database import Database, open_database
from supervisor_app.services.setup import (
    BreakRule,
    FieldError,
    SetupConflict,
    add_agent,
    add_queue,
    add_site,
    add_team,
    deactivate_agent,
    list_agents,
    list_audit,
    list_queues,
    list_sites,
    list_teams,
    load_rules,
    remove_skill,
    save_agent_skills,
    save_rules,
    set_skill,
    update_agent,
    update_queue,
    update_site,
    update_team,
)
from supervisor_app.store.models import AuditEntry, Queue, QueuePlanning

ME, OTHER = "planner@ws-1", "lead@ws-2"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def _audit_count(db: Database) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count(AuditEntry.id))) or 0)


@pytest.fixture
def world(db: Database) -> dict[str, object]:
    london = add_site(db, {"name": "London", "timezone": "Europe/London"}, ME)
    sales = add_queue(db, london.id, {"name": "Sales", "channel": "voice"}, ME)
    team = add_team(db, london.id, "Blue", ME)
    ann = add_agent(db, {"name": "Ann", "employee_code": "E1", "team_id": team.id}, ME)
    return {"site": london, "queue": sales, "team": team, "agent": ann}


def test_adding_writes_one_audit_row_each_with_the_new_values(
    db: Database, world: dict[str, object]
) -> None:
    rows = list(reversed(list_audit(db)))
    assert [(r.entity, r.action) for r in rows] == [
        ("site", "site.add"),
        ("queue", "queue.add"),
        ("team", "team.add"),
        ("agent", "agent.add"),
    ]
    assert all(r.before is None and r.actor == ME for r in rows)
    # A new queue gets the documented defaults: 80 % in 20 s, short abandons up to 5 s,
    # shrinkage 30 %, occupancy cap 85 %, no patience (Erlang C).
    queue_after = rows[1].after
    assert queue_after is not None
    assert (queue_after["sl_target_percent"], queue_after["threshold_seconds"]) == (80.0, 20)
    assert (queue_after["shrinkage_percent"], queue_after["occupancy_cap_percent"]) == (30, 85)
    assert queue_after["patience_seconds"] is None


def test_queue_update_writes_before_and_after_and_the_date(
    db: Database, world: dict[str, object]
) -> None:
    seen = list_queues(db)[0]
    after = update_queue(
        db,
        seen,
        {"sl_target_percent": 90.0, "threshold_seconds": 30, "shrinkage_percent": 25.0},
        ME,
        effective_from=date(2026, 12, 1),
    )
    assert (after.sl_target_percent, after.threshold_seconds) == (90.0, 30)
    assert after.version > seen.version  # the real set_queue_targets may flush on its own
    with db.sessions() as s:
        plan = s.get(QueuePlanning, seen.id)
        assert plan is not None and plan.shrinkage == pytest.approx(0.25)
    row = list_audit(db, entity="queue")[0]
    assert row.action == "queue.update"
    assert row.before is not None and row.after is not None
    assert (row.before["threshold_seconds"], row.after["threshold_seconds"]) == (20, 30)
    assert row.after["effective_from"] == "2026-12-01"


def test_a_change_dated_ahead_is_audited_and_can_be_undone(
    db: Database, world: dict[str, object]
) -> None:
    """A threshold of 30 s from a day next year leaves today's 20 s on the queue row; the
    audit row still says 20 → 30 from that day (it once said only the date). Setting 20 s
    from that day again undoes it (once refused as "no change": today's value is 20)."""
    from supervisor_app.services.targets import targets_on

    ahead = date(2099, 1, 1)
    seen = list_queues(db)[0]
    kept = update_queue(db, seen, {"threshold_seconds": 30}, ME, effective_from=ahead)
    assert kept.threshold_seconds == 20  # today's
    row = list_audit(db, entity="queue")[0]
    assert row.before is not None and row.after is not None
    assert (row.before["threshold_seconds"], row.after["threshold_seconds"]) == (20, 30)
    assert row.after["effective_from"] == "2099-01-01"
    with db.sessions() as s:
        assert targets_on(s, ahead, [seen.id])[seen.id].threshold_seconds == 30

    update_queue(db, list_queues(db)[0], {"threshold_seconds": 20}, ME, effective_from=ahead)
    row = list_audit(db, entity="queue")[0]
    assert (row.before["threshold_seconds"], row.after["threshold_seconds"]) == (30, 20)  # type: ignore[index]
    with db.sessions() as s:
        assert targets_on(s, ahead, [seen.id])[seen.id].threshold_seconds == 20


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"sl_target_percent": 150.0}, "Service-level target 150 %"),
        ({"threshold_seconds": -5}, "Answer threshold -5 s"),
        ({"shrinkage_percent": 99.0}, "Shrinkage 99 %"),
        ({"waiting_amber": 10, "waiting_red": 5}, "Waiting red 5"),
        ({"channel": "fax"}, "Channel 'fax'"),
    ],
)
def test_bad_queue_values_are_refused_and_nothing_is_written(
    db: Database, world: dict[str, object], changes: dict[str, object], named: str
) -> None:
    before, audits = list_queues(db)[0], _audit_count(db)
    with pytest.raises(FieldError, match=named):
        update_queue(db, before, changes, ME)
    assert list_queues(db)[0] == before
    assert _audit_count(db) == audits


def test_a_queue_changed_meanwhile_is_a_conflict_naming_the_change(
    db: Database, world: dict[str, object]
) -> None:
    mine = list_queues(db)[0]
    update_queue(db, mine, {"threshold_seconds": 30}, OTHER)  # the other workstation
    audits = _audit_count(db)
    with pytest.raises(SetupConflict) as refused:
        update_queue(db, mine, {"sl_target_percent": 85.0}, ME)
    assert refused.value.by == OTHER
    assert [(c.field, c.seen, c.now) for c in refused.value.changes] == [
        ("threshold_seconds", 20, 30)
    ]
    assert "Answer threshold: 20 → 30" in str(refused.value)
    now = list_queues(db)[0]
    assert (now.sl_target_percent, now.threshold_seconds) == (80.0, 30)
    assert _audit_count(db) == audits


def test_deactivating_a_queue_keeps_it(db: Database, world: dict[str, object]) -> None:
    seen = list_queues(db)[0]
    update_queue(db, seen, {"active": False}, ME)
    with db.sessions() as s:
        assert s.scalar(select(Queue.active).where(Queue.id == seen.id)) is False
    assert list_audit(db, entity="queue")[0].action == "queue.deactivate"


def test_site_update_with_planning_settings_is_one_audited_save(
    db: Database, world: dict[str, object]
) -> None:
    seen = list_sites(db)[0]
    after = update_site(db, seen, {"country_code": "gb", "fte_weekly_hours": 37.5}, ME)
    assert (after.country_code, after.fte_weekly_hours) == ("GB", 37.5)
    assert after.version == seen.version + 1
    row = list_audit(db, entity="site")[0]
    assert row.before is not None and row.after is not None
    assert (row.before["country_code"], row.after["country_code"]) == (None, "GB")
    with pytest.raises(FieldError, match="Holiday country 'XX'"):
        update_site(db, after, {"country_code": "XX"}, ME)
    with pytest.raises(FieldError, match="Time zone 'Mars/Olympus'"):
        update_site(db, after, {"timezone": "Mars/Olympus"}, ME)
    with pytest.raises(SetupConflict):
        update_site(db, seen, {"name": "Londres"}, OTHER)


def test_team_rename_and_move_between_sites(db: Database, world: dict[str, object]) -> None:
    york = add_site(db, {"name": "New York", "timezone": "America/New_York"}, ME)
    team = list_teams(db)[0]
    moved = update_team(db, team, {"site_id": york.id, "name": "Red"}, ME)
    assert (moved.site, moved.name, moved.agent_count) == ("New York", "Red", 1)
    row = list_audit(db, entity="team")[0]
    assert row.action == "team.move"
    assert row.before == {"name": "Blue", "site_id": team.site_id, "site": "London"}
    assert list_agents(db, york.id)[0].site == "New York"
    with pytest.raises(SetupConflict):
        update_team(db, team, {"name": "Green"}, ME)


def test_agent_changes_deactivation_and_unique_code(db: Database, world: dict[str, object]) -> None:
    ann = list_agents(db)[0]
    changed = update_agent(db, ann, {"hourly_cost": 18.5, "contracted_weekly_hours": 30.0}, ME)
    assert (changed.hourly_cost, changed.contracted_weekly_hours) == (18.5, 30.0)
    row = list_audit(db, entity="agent")[0]
    assert row.before is not None and row.after is not None
    assert (row.before["hourly_cost"], row.after["hourly_cost"]) == (0.0, 18.5)
    add_agent(db, {"name": "Bob", "employee_code": "E2"}, ME)
    with pytest.raises(FieldError, match="Employee code 'E2'"):
        update_agent(db, changed, {"employee_code": "E2"}, ME)
    with pytest.raises(FieldError, match="Contracted hours 90 h"):
        update_agent(db, changed, {"contracted_weekly_hours": 90.0}, ME)
    gone = deactivate_agent(db, changed, ME)
    assert gone.active is False
    assert list_audit(db, entity="agent")[0].action == "agent.deactivate"
    with pytest.raises(SetupConflict):
        update_agent(db, ann, {"name": "Anne"}, ME)


def test_skills_for_several_agents_and_one_agents_table(
    db: Database, world: dict[str, object]
) -> None:
    queue = list_queues(db)[0]
    bob = add_agent(db, {"name": "Bob", "employee_code": "E2"}, ME)
    ann = list_agents(db)[0]
    assert set_skill(db, [ann.id, bob.id], queue.id, 7, ME) == 2
    assert set_skill(db, [ann.id, bob.id], queue.id, 7, ME) == 0  # already so: no rows
    skill_rows = list_audit(db, entity="skill")
    assert [(r.action, r.after) for r in skill_rows] == [
        ("skill.set", {"agent": "Bob", "queue": "Sales", "proficiency": 7}),
        ("skill.set", {"agent": "Ann", "queue": "Sales", "proficiency": 7}),
    ]
    with pytest.raises(FieldError, match="Proficiency 11"):
        set_skill(db, [ann.id], queue.id, 11, ME)
    assert remove_skill(db, [bob.id], queue.id, ME) == 1
    assert list_audit(db, entity="skill")[0].before == {
        "agent": "Bob",
        "queue": "Sales",
        "proficiency": 7,
    }
    # Ann's page was read before the skill was given: her version moved, so it conflicts.
    with pytest.raises(SetupConflict, match="Skills"):
        save_agent_skills(db, ann, {queue.id: 3}, ME)
    fresh = next(a for a in list_agents(db) if a.id == ann.id)
    after = save_agent_skills(db, fresh, {queue.id: 3}, ME)
    assert [(s.queue, s.proficiency) for s in after.skills] == [("Sales", 3)]
    row = list_audit(db, entity="agent")[0]
    assert (row.action, row.before, row.after) == (
        "agent.skills",
        {"skills": {"Sales": 7}},
        {"skills": {"Sales": 3}},
    )


def test_rules_first_save_then_conflict(db: Database, world: dict[str, object]) -> None:
    site = list_sites(db)[0]
    defaults = load_rules(db, site.id)
    assert (defaults.version, defaults.min_shift_minutes, defaults.max_shift_minutes) == (
        0,
        180,
        600,
    )
    saved = save_rules(
        db,
        defaults,
        {"max_shift_minutes": 540},
        ME,
        requirements=[BreakRule(360, 2, 1), BreakRule(240, 1, 0)],
    )
    assert saved.version == 1 and saved.max_shift_minutes == 540
    assert [r.min_shift_minutes for r in saved.requirements] == [240, 360]
    row = list_audit(db, entity="rules")[0]
    assert row.before is not None and row.after is not None
    assert (row.before["max_shift_minutes"], row.after["max_shift_minutes"]) == (600, 540)
    with pytest.raises(FieldError, match="Longest shift 120 min refused"):
        save_rules(db, saved, {"max_shift_minutes": 120}, ME)
    with pytest.raises(SetupConflict):
        save_rules(db, defaults, {"min_rest_minutes": 600}, OTHER)
    assert load_rules(db, site.id) == saved


def test_unchanged_values_write_nothing(db: Database, world: dict[str, object]) -> None:
    audits = _audit_count(db)
    queue = list_queues(db)[0]
    assert update_queue(db, queue, {"threshold_seconds": 20}, ME) == queue
    agent = list_agents(db)[0]
    assert update_agent(db, agent, {"name": "Ann"}, ME) == agent
    assert _audit_count(db) == audits


def test_audit_filter_by_entity_and_date(db: Database, world: dict[str, object]) -> None:
    today = list_audit(db)[0].at.date()
    assert len(list_audit(db, since=today, until=today)) == 4
    assert list_audit(db, until=date(2000, 1, 1)) == []
    assert [r.entity for r in list_audit(db, entity="team")] == ["team"]
    assert replace(list_audit(db, entity="team")[0], id=0).actor == ME
