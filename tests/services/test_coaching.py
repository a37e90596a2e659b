"""Coaching notes on both engines: follow-up reminders with a pinned day, the log and a
range's notes, optimistic locking, and the audit rows every change writes.

Two sites (tests/two_sites.py): Lena (team Thames, London, UTC in winter) and Ned
(team Hudson, New York, UTC−5). Every expected value is written out by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from two_sites import TwoSites, build_two_sites

from supervisor_app.domain.errors import UsageError, UserError
from supervisor_app.domain.people_records import RecordKind, follow_up_due
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import (
    NoteConflict,
    add_note,
    add_record,
    coaching_in,
    due_follow_ups,
    edit_note,
    find_contact,
    list_notes,
    mark_follow_up_done,
)
from supervisor_app.store.models import AuditEntry

TODAY = date(2026, 12, 7)


@pytest.fixture
def world(db_url: str) -> Iterator[tuple[Database, TwoSites]]:
    db = open_database(db_url)
    yield db, build_two_sites(db)
    db.close()


def _note(db: Database, agent: int, topic: str, follow_up: date | None) -> int:
    return add_note(db, agent, topic=topic, text="talked", actor="tess", follow_up_on=follow_up)


def test_a_follow_up_shows_on_its_day_not_before_and_goes_when_done(world) -> None:  # type: ignore[no-untyped-def]
    db, sites = world
    today = _note(db, sites.lena, "Hold times", date(2026, 12, 7))
    _note(db, sites.ned, "Greeting", date(2026, 12, 8))  # tomorrow: not yet
    late = _note(db, sites.ned, "Wrap-up", date(2026, 12, 1))  # six days overdue
    _note(db, sites.lena, "No follow-up", None)

    due = due_follow_ups(db, TODAY)
    assert [(d.agent_name, d.topic, d.overdue) for d in due] == [
        ("Ned", "Wrap-up", True),  # oldest first
        ("Lena", "Hold times", False),
    ]
    tomorrow = due_follow_ups(db, date(2026, 12, 8))
    assert [d.topic for d in tomorrow] == ["Wrap-up", "Hold times", "Greeting"]

    mark_follow_up_done(db, today, due[1].version, TODAY, "tess")
    assert [d.note_id for d in due_follow_ups(db, TODAY)] == [late]
    assert [d.topic for d in due_follow_ups(db, TODAY, site_id=sites.london)] == []
    done = next(n for n in list_notes(db, sites.lena) if n.note_id == today)
    assert done.followed_up_on == TODAY
    assert [n.topic for n in list_notes(db, due_on=TODAY)] == ["Wrap-up"]


def test_the_domain_rule_matches_by_hand() -> None:
    assert follow_up_due(date(2026, 12, 7), None, TODAY)
    assert follow_up_due(date(2026, 12, 1), None, TODAY)
    assert not follow_up_due(date(2026, 12, 8), None, TODAY)
    assert not follow_up_due(date(2026, 12, 1), date(2026, 12, 2), TODAY)
    assert not follow_up_due(None, None, TODAY)


def test_marking_done_twice_or_without_follow_up_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    db, sites = world
    note = _note(db, sites.lena, "Hold times", TODAY)
    plain = _note(db, sites.lena, "Praise", None)
    mark_follow_up_done(db, note, None, TODAY, "tess")
    with pytest.raises(UserError, match="was done on 2026-12-07"):
        mark_follow_up_done(db, note, None, TODAY, "tess")
    with pytest.raises(UserError, match="has no follow-up"):
        mark_follow_up_done(db, plain, None, TODAY, "tess")
    with pytest.raises(UserError, match="no coaching note with id 999"):
        mark_follow_up_done(db, 999, None, TODAY, "tess")


def test_an_edit_from_an_old_version_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    db, sites = world
    note = _note(db, sites.lena, "Hold times", TODAY)
    seen = list_notes(db, sites.lena)[0]
    edit_note(
        db,
        note,
        seen.version,
        actor="tess",
        topic="Hold time",
        text="again",
        actions="use mute",
        follow_up_on=date(2026, 12, 10),
    )
    with pytest.raises(NoteConflict, match="changed meanwhile"):
        edit_note(
            db, note, seen.version, actor="uma", topic="x", text="y", actions="", follow_up_on=None
        )
    with pytest.raises(NoteConflict):
        mark_follow_up_done(db, note, seen.version, TODAY, "uma")
    now = list_notes(db, sites.lena)[0]
    assert (now.topic, now.text, now.actions, now.follow_up_on, now.version) == (
        "Hold time",
        "again",
        "use mute",
        date(2026, 12, 10),
        seen.version + 1,
    )


def test_every_change_writes_an_audit_row(world) -> None:  # type: ignore[no-untyped-def]
    db, sites = world
    note = _note(db, sites.lena, "Hold times", TODAY)
    edit_note(
        db, note, 1, actor="tess", topic="Hold times", text="more", actions="", follow_up_on=TODAY
    )
    mark_follow_up_done(db, note, 2, TODAY, "tess")
    rec = add_record(db, sites.lena, RecordKind.WARNING, "late three times", TODAY, "tess")
    with db.sessions() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity.in_(["coaching_note", "restricted_record"]))
            .order_by(AuditEntry.id)
        ).all()
    assert [(r.action, r.entity_id) for r in rows] == [
        ("coaching.add", str(note)),
        ("coaching.edit", str(note)),
        ("coaching.follow_up_done", str(note)),
        ("record.add", str(rec)),
    ]
    assert rows[1].before["text"] == "talked" and rows[1].after["text"] == "more"
    assert rows[2].before == {"followed_up_on": None} and rows[2].after == {
        "followed_up_on": "2026-12-07"
    }
    # every role reads the audit trail: a restricted record's text never goes there
    assert "late three times" not in str(rows[3].after)
    assert rows[3].after["kind"] == "warning"


def test_a_note_is_about_a_contact_or_a_period(world) -> None:  # type: ignore[no-untyped-def]
    db, sites = world
    contact = find_contact(db, "L2")
    about = add_note(db, sites.lena, topic="Call L2", text="x", actor="t", contact_id=contact)
    span = add_note(
        db,
        sites.ned,
        topic="Week",
        text="x",
        actor="t",
        period=(date(2026, 11, 16), date(2026, 11, 20)),
    )
    lines = {n.note_id: n for n in list_notes(db)}
    assert lines[about].contact_ref == "L2" and lines[about].period_start is None
    assert (lines[span].period_start, lines[span].period_end) == (
        date(2026, 11, 16),
        date(2026, 11, 20),
    )
    with pytest.raises(UsageError, match="contact or a period"):
        add_note(
            db,
            sites.lena,
            topic="x",
            text="x",
            actor="t",
            contact_id=contact,
            period=(TODAY, TODAY),
        )
    with pytest.raises(UsageError, match="after"):
        add_note(db, sites.lena, topic="x", text="x", actor="t", period=(TODAY, date(2026, 12, 1)))
    with pytest.raises(UsageError, match="topic refused: it is empty"):
        add_note(db, sites.lena, topic="  ", text="x", actor="t")
    with pytest.raises(UsageError, match="no contact"):
        find_contact(db, "Z9")


def test_coaching_in_takes_the_agents_local_days(world) -> None:  # type: ignore[no-untyped-def]
    """Ned's New York: 04:30 UTC on 1 December is 23:30 on 30 November there."""
    db, sites = world
    at = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)
    ned = add_note(db, sites.ned, topic="Late", text="x", actor="t", noted_at=at)
    lena = add_note(db, sites.lena, topic="Early", text="x", actor="t", noted_at=at)
    december = coaching_in(db, agent_ids=None, start=date(2026, 12, 1), end=date(2026, 12, 31))
    november = coaching_in(db, agent_ids=None, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert [n.note_id for n in december] == [lena]
    assert [n.note_id for n in november] == [ned]
    assert november[0].noted_at == at and november[0].agent_name == "Ned"
    only = coaching_in(db, agent_ids=[sites.lena], start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert only == []


def test_the_demo_seed_leaves_follow_ups_due_today_and_ahead(sqlite_url: str) -> None:
    from supervisor_app.ingest.simulator import seed_demo
    from supervisor_app.services.people import list_records

    db = open_database(sqlite_url)
    try:
        seed_demo(
            db, days=2, agents=30, queues=2, seed=3, until=datetime(2026, 12, 7, 12, tzinfo=UTC)
        )
        notes = list_notes(db)
        due = due_follow_ups(db, TODAY)
        assert any(not d.overdue for d in due)  # some due today (London: local = UTC)
        assert all(d.follow_up_on <= TODAY for d in due)
        ahead = [n for n in notes if n.follow_up_on and n.follow_up_on > TODAY]
        assert ahead and all(n.followed_up_on is None for n in ahead)
        assert any(n.followed_up_on is not None for n in notes)
        assert len(list_records(db)) == 2
        assert {n.author for n in notes} == {"demo-supervisor@floor"}
    finally:
        db.close()
