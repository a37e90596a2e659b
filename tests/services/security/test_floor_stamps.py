"""Escalations and alert acknowledgements name the login and the server's time, as the
audit trail does (migration 0019): raw SQL as login roles with a forged actor and a
forged time, then the console's own commands, which show what the database stored.

Expected values come from elsewhere than the code under test: the login names the
``secured`` fixture made, and ``now()`` read by the same transaction (the time
PostgreSQL gives every statement of one transaction).
"""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from secured_db import Secured
from sqlalchemy import func, select

from supervisor_app.services.database import open_database
from supervisor_app.services.live import (
    AlertKey,
    acknowledge_alerts,
    add_escalation_note,
    list_escalations,
    raise_for_contact,
    recent_acknowledgements,
    resolve_escalation,
    take_escalation,
)

pytestmark = pytest.mark.pg

FORGED_TIME = datetime(2001, 1, 1, tzinfo=UTC)
FORGED_WHO = "director@ws-1"
OWNER_TIME = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


def _escalation(secured: Secured, **given: object) -> int:
    """An open London escalation written by the schema owner, who names its raiser."""
    values = {"raised_by": "alice@desk-7", "created_at": OWNER_TIME, **given}
    columns = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    with secured.connect() as conn:
        row = conn.execute(
            f"INSERT INTO escalations (queue_id, reason, severity, status, version, {columns}) "
            f"VALUES (%s, 'angry', 'high', 'open', 1, {marks}) RETURNING id",
            (secured.sites.london_sales, *values.values()),
        ).fetchone()
        conn.commit()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("role", ["supervisor", "ingest"])
def test_a_new_escalation_names_the_login_and_the_server_time(secured: Secured, role: str) -> None:
    with secured.connect(role) as conn:
        row = conn.execute(
            "INSERT INTO escalations (queue_id, reason, severity, status, version, raised_by, "
            "created_at, owner, taken_at, resolved_at) VALUES "
            "(%s, 'angry', 'high', 'taken', 1, %s, %s, %s, %s, %s) "
            "RETURNING raised_by, created_at, owner, taken_at, resolved_at, now()",
            (secured.sites.london_sales, FORGED_WHO, FORGED_TIME, "bob", FORGED_TIME, FORGED_TIME),
        ).fetchone()
        conn.rollback()
    assert row is not None
    raised_by, created_at, owner, taken_at, resolved_at, server_now = row
    login = secured.logins[role]
    assert (raised_by, owner) == (login, login)
    assert created_at == taken_at == resolved_at == server_now


def test_taking_and_resolving_name_the_login_and_keep_who_raised_it(secured: Secured) -> None:
    esc = _escalation(secured)
    with secured.connect("supervisor") as conn:
        taken = conn.execute(
            "UPDATE escalations SET status = 'taken', owner = %s, taken_at = %s, "
            "raised_by = %s, created_at = %s WHERE id = %s "
            "RETURNING owner, taken_at, raised_by, created_at, now()",
            ("someone else", FORGED_TIME, FORGED_WHO, FORGED_TIME, esc),
        ).fetchone()
        conn.commit()
    login = secured.logins["supervisor"]
    assert taken is not None
    owner, taken_at, raised_by, created_at, server_now = taken
    assert (owner, taken_at) == (login, server_now)
    assert (raised_by, created_at) == ("alice@desk-7", OWNER_TIME)  # as first written
    with secured.connect("ingest") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE escalations SET owner = 'x' WHERE id = %s", (esc,))
    with secured.connect("admin") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE escalations SET owner = 'x' WHERE id = %s", (esc,))
    with secured.connect("london") as conn:  # another supervisor resolves it
        resolved = conn.execute(
            "UPDATE escalations SET status = 'resolved', resolved_at = %s, resolution = 'done' "
            "WHERE id = %s RETURNING owner, taken_at, resolved_at, now()",
            (FORGED_TIME, esc),
        ).fetchone()
        conn.commit()
    assert resolved is not None
    assert resolved[:2] == (login, taken_at)  # who took it, and when, unchanged
    assert resolved[2] == resolved[3]


def test_an_acknowledgement_names_the_login_and_the_server_time(secured: Secured) -> None:
    with secured.connect("supervisor") as conn:
        row = conn.execute(
            "INSERT INTO alert_acknowledgements (subject, metric, raised_at, acknowledged_at, "
            "acknowledged_by) VALUES ('Sales', 'sl', %s, %s, %s) "
            "RETURNING acknowledged_by, acknowledged_at, raised_at, now()",
            (FORGED_TIME, FORGED_TIME, FORGED_WHO),
        ).fetchone()
        conn.rollback()
    assert row is not None
    by, at, raised_at, server_now = row
    assert (by, at) == (secured.logins["supervisor"], server_now)
    assert raised_at == FORGED_TIME  # the console's own record of when it saw the breach


def test_the_owner_names_its_actor_and_time(secured: Secured) -> None:
    """The schema owner seeds the demo and history: its values stand (it could drop the
    trigger anyway), as for the audit trail."""
    with secured.connect() as conn:
        row = conn.execute(
            "INSERT INTO alert_acknowledgements (subject, metric, acknowledged_at, "
            "acknowledged_by) VALUES ('Sales', 'sl', %s, 'seed') "
            "RETURNING acknowledged_by, acknowledged_at",
            (OWNER_TIME,),
        ).fetchone()
        conn.rollback()
    assert row == ("seed", OWNER_TIME)


def test_the_console_shows_what_the_database_stored(
    secured: Secured, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workstation that claims to be someone else: every command returns, and every
    reload lists, the login and the server's time, and a second take by the same person
    from another workstation name is no conflict."""
    esc = _escalation(secured)
    login = secured.logins["supervisor"]
    db = open_database(secured.url("supervisor"), upgrade=False)
    try:
        with db.sessions() as session:
            before = session.scalar(select(func.now()))
        taken = take_escalation(db, esc, 1, FORGED_WHO)
        assert taken.owner == login
        again = take_escalation(db, esc, taken.version, "me@another-desk")
        assert again == taken  # already the login's: nothing written
        noted = add_escalation_note(db, esc, taken.version, FORGED_WHO, "called back")
        assert noted.notes is not None and f" {login}] called back" in noted.notes
        resolved = resolve_escalation(db, esc, noted.version, FORGED_WHO, "refund")
        listed = {r.id: r for r in list_escalations(db)}[esc]
        assert listed == resolved
        assert (listed.owner, listed.raised_by) == (login, "alice@desk-7")
        acks = acknowledge_alerts(db, [AlertKey("Sales", "sl", FORGED_TIME)], FORGED_WHO)
        reloaded = [a for a in recent_acknowledgements(db) if a.acknowledged_by == login]
        with db.sessions() as session:
            after = session.scalar(select(func.now()))
    finally:
        db.close()
    assert before is not None and after is not None
    for at in (taken.taken_at, resolved.resolved_at, acks[0].acknowledged_at):
        assert at is not None and before <= at <= after
    assert [a.acknowledged_by for a in acks] == [login]
    assert reloaded == acks


def _escalated(secured: Secured, external_id: str) -> bool:
    with secured.connect() as conn:
        row = conn.execute(
            "SELECT escalated FROM contacts WHERE external_id = %s", (external_id,)
        ).fetchone()
    assert row is not None
    return bool(row[0])


def test_a_supervisor_escalates_a_contact_it_may_not_write(secured: Secured) -> None:
    """The drill-down's Escalate… as a London supervisor: the database marks the contact
    (the login has no grant on contacts), and only a contact of the escalation's queue."""
    with secured.connect() as conn:
        ids = dict(conn.execute("SELECT external_id, id FROM contacts").fetchall())
    assert not _escalated(secured, "L2") and not _escalated(secured, "N2")
    db = open_database(secured.url("london"), upgrade=False)
    try:
        row = raise_for_contact(db, ids["L2"], "wants a manager", "high", FORGED_WHO)
    finally:
        db.close()
    assert row.raised_by == secured.logins["london"]
    assert _escalated(secured, "L2")
    with secured.connect("london") as conn:
        # London's queue with New York's contact: the escalation is London's to raise,
        # but it marks nothing in New York
        conn.execute(
            "INSERT INTO escalations (queue_id, contact_id, reason, severity, status, version) "
            "VALUES (%s, %s, 'x', 'low', 'open', 1)",
            (secured.sites.london_sales, ids["N2"]),
        )
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE contacts SET escalated = false WHERE id = %s", (ids["L2"],))
    assert not _escalated(secured, "N2")
