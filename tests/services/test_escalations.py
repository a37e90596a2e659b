"""Escalation commands on both engines: audit rows, ordering, and the two-supervisor conflict."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, select, update

from supervisor_app.domain.enums import Channel, EscalationStatus, Severity
from supervisor_app.domain.errors import UserError
from supervisor_app.services import audit
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import EscalationConflict, escalations
from supervisor_app.store.models import AuditEntry, Escalation, Queue, Site

ANA, BEN = "ana@ws-2", "ben@ws-7"
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def add(db: Database, severity: Severity, minutes_ago: float, **extra: object) -> int:
    with db.sessions() as s:
        queue = s.scalar(select(Queue).limit(1))
        if queue is None:
            queue = Queue(
                site=Site(name="North", timezone="UTC"), name="Sales", channel=Channel.VOICE
            )
            s.add(queue)
            s.flush()
        esc = Escalation(
            queue_id=queue.id,
            customer_ref="C1",
            reason="Wants a manager",
            severity=severity,
            created_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
            **extra,
        )
        s.add(esc)
        s.commit()
        return esc.id


def audit_rows(db: Database) -> list[AuditEntry]:
    with db.sessions() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_open_list_is_most_severe_then_oldest(db: Database) -> None:
    low_old = add(db, Severity.LOW, 90)
    high_new = add(db, Severity.HIGH, 5)
    high_old = add(db, Severity.HIGH, 30)
    critical = add(db, Severity.CRITICAL, 1)
    add(db, Severity.CRITICAL, 60, status=EscalationStatus.RESOLVED)  # not listed
    rows = escalations.open_escalations(db)
    assert [r.id for r in rows] == [critical, high_old, high_new, low_old]
    assert rows[0].queue_name == "Sales" and rows[0].version == 1
    assert rows[1].age_seconds(rows[1].created_at + timedelta(minutes=30)) == 1800.0


def test_take_note_resolve_write_audit_rows(db: Database) -> None:
    esc_id = add(db, Severity.HIGH, 10)
    taken = escalations.take_escalation(db, esc_id, 1, ANA)
    assert (taken.status, taken.owner, taken.version) == (EscalationStatus.TAKEN, ANA, 2)
    assert taken.taken_at is not None

    noted = escalations.add_escalation_note(db, esc_id, 2, ANA, "  called back, no answer ")
    assert noted.version == 3
    assert noted.notes is not None and noted.notes.endswith(f" {ANA}] called back, no answer")
    noted = escalations.add_escalation_note(db, esc_id, 3, BEN, "left a voicemail")
    assert noted.notes is not None and len(noted.notes.splitlines()) == 2

    done = escalations.resolve_escalation(db, esc_id, 4, ANA, "Refund agreed")
    assert (done.status, done.resolution, done.version) == (
        EscalationStatus.RESOLVED,
        "Refund agreed",
        5,
    )
    assert escalations.open_escalations(db) == []

    rows = audit_rows(db)
    assert [(r.action, r.actor, r.entity, r.entity_id) for r in rows] == [
        ("take", ANA, "escalation", str(esc_id)),
        ("note", ANA, "escalation", str(esc_id)),
        ("note", BEN, "escalation", str(esc_id)),
        ("resolve", ANA, "escalation", str(esc_id)),
    ]
    take = rows[0]
    assert take.before == {"status": "open", "owner": None, "taken_at": None, "version": 1}
    assert take.after is not None and take.after["owner"] == ANA and take.after["version"] == 2
    assert isinstance(take.after["taken_at"], str)  # ISO text in the JSON column
    assert rows[3].after is not None and rows[3].after["resolution"] == "Refund agreed"


def test_empty_texts_are_refused(db: Database) -> None:
    esc_id = add(db, Severity.LOW, 1)
    with pytest.raises(UserError, match="note"):
        escalations.add_escalation_note(db, esc_id, 1, ANA, "   ")
    with pytest.raises(UserError, match="resolved"):
        escalations.resolve_escalation(db, esc_id, 1, ANA, "")
    assert audit_rows(db) == []


def test_second_supervisor_taking_the_same_escalation_gets_a_conflict(db: Database) -> None:
    esc_id = add(db, Severity.CRITICAL, 3)
    seen_by_ana = escalations.open_escalations(db)[0]
    seen_by_ben = escalations.open_escalations(db)[0]
    assert seen_by_ana.version == seen_by_ben.version == 1

    escalations.take_escalation(db, esc_id, seen_by_ana.version, ANA)
    with pytest.raises(
        EscalationConflict, match=rf"Escalation {esc_id} was taken by {ANA} at \d\d:\d\d; reload"
    ) as err:
        escalations.take_escalation(db, esc_id, seen_by_ben.version, BEN)
    assert err.value.current.owner == ANA and err.value.current.version == 2

    # Reloaded (after Ana's note), Ben sees Ana holds it: taking it anyway is still a conflict.
    escalations.add_escalation_note(db, esc_id, 2, ANA, "on it")
    with pytest.raises(EscalationConflict, match=f"was taken by {ANA}"):
        escalations.take_escalation(db, esc_id, 3, BEN)
    row = escalations.open_escalations(db)[0]
    assert (row.owner, row.version) == (ANA, 3)
    assert [r.actor for r in audit_rows(db)] == [ANA, ANA]


def test_stale_note_names_the_change(db: Database) -> None:
    esc_id = add(db, Severity.MEDIUM, 3)
    escalations.add_escalation_note(db, esc_id, 1, ANA, "first")
    with pytest.raises(EscalationConflict, match=f"was changed \\(a note was added\\) by {ANA}"):
        escalations.resolve_escalation(db, esc_id, 1, BEN, "done")


def test_taking_twice_by_the_owner_changes_nothing(db: Database) -> None:
    esc_id = add(db, Severity.LOW, 3)
    escalations.take_escalation(db, esc_id, 1, ANA)
    again = escalations.take_escalation(db, esc_id, 2, ANA)
    assert again.version == 2 and len(audit_rows(db)) == 1


def test_race_between_check_and_commit_is_a_conflict(db: Database) -> None:
    """Ben's version check passes; Ana commits before Ben's UPDATE; the UPDATE finds no row."""
    esc_id = add(db, Severity.HIGH, 3)

    def ana_commits_first(session: object, *_: object) -> None:
        with db.engine.begin() as conn:
            conn.execute(
                update(Escalation)
                .where(Escalation.id == esc_id)
                .values(status=EscalationStatus.TAKEN, owner=ANA, taken_at=T0, version=2)
            )

    event.listen(db.sessions, "before_flush", ana_commits_first, once=True)
    with pytest.raises(EscalationConflict, match=f"taken by {ANA}") as err:
        escalations.take_escalation(db, esc_id, 1, BEN)
    assert err.value.current.owner == ANA
    assert escalations.open_escalations(db)[0].owner == ANA
    assert audit_rows(db) == []


def test_unknown_escalation_is_a_user_error(db: Database) -> None:
    with pytest.raises(UserError, match="no longer exists"):
        escalations.take_escalation(db, 999, 1, ANA)


def test_current_actor_is_login_at_host() -> None:
    login, _, host = audit.current_actor().partition("@")
    assert login and host and "." not in host


def test_audit_values_are_made_json_safe(db: Database) -> None:
    with db.sessions() as s:
        audit.record(
            s,
            actor=ANA,
            action="edit",
            entity="shift",
            entity_id=7,
            before={"status": EscalationStatus.OPEN, "at": T0, "cost": Decimal("12.50")},
            after={"ids": (1, 2)},
        )
        s.commit()
    (row,) = audit_rows(db)
    assert row.entity_id == "7"
    assert row.before == {"status": "open", "at": T0.isoformat(), "cost": "12.50"}
    assert row.after == {"ids": [1, 2]}
