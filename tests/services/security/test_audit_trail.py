"""The audit trail is the database's: whoever a console claims to be, and whatever
time its clock says, the row names the login and the server's time; no console
role can change or remove a row, and a trigger refuses it even to the owner."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from secured_db import ROLES, Secured
from sqlalchemy import func, select

from supervisor_app.services.audit import current_actor, record
from supervisor_app.services.database import open_database
from supervisor_app.store.models import AuditEntry

pytestmark = pytest.mark.pg

FORGED_TIME = datetime(2001, 1, 1, tzinfo=UTC)


def test_forged_user_and_clock_leave_the_login_and_server_time(
    secured: Secured, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "director")
    monkeypatch.setenv("LOGNAME", "director")
    monkeypatch.setenv("USERNAME", "director")
    assert current_actor().startswith("director@")  # the workstation would claim this
    db = open_database(secured.url("supervisor"), upgrade=False)
    try:
        with db.sessions() as session:
            record(session, actor=current_actor(), action="test.forged", entity="t", entity_id=1)
            # a client that also sets its own clock back
            session.add(
                AuditEntry(at=FORGED_TIME, actor=current_actor(), action="test.clock", entity="t")
            )
            session.commit()
        with db.sessions() as session:
            rows = session.execute(
                select(AuditEntry.actor, AuditEntry.at, func.now()).where(
                    AuditEntry.action.in_(["test.forged", "test.clock"])
                )
            ).all()
    finally:
        db.close()
    assert len(rows) == 2
    for actor, at, server_now in rows:
        assert actor == secured.logins["supervisor"]
        assert at != FORGED_TIME
        assert 0 <= (server_now - at).total_seconds() < 60


@pytest.mark.parametrize("role", ROLES)
def test_a_client_timestamp_and_actor_are_replaced(secured: Secured, role: str) -> None:
    with secured.connect(role) as conn:
        row = conn.execute(
            "INSERT INTO audit_log (at, actor, action, entity) "
            "VALUES (%s, 'director@ws-1', 'test.sql', 't') RETURNING actor, at, now()",
            (FORGED_TIME,),
        ).fetchone()
        conn.rollback()
    assert row is not None
    actor, at, server_now = row
    assert actor == secured.logins[role]
    assert at == server_now  # the transaction's time on the server's clock


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log"],
)
def test_no_console_role_may_change_or_remove_audit_rows(
    secured: Secured, role: str, statement: str
) -> None:
    with secured.connect(role) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"]
)
def test_even_the_owner_is_refused_by_the_trigger(secured: Secured, statement: str) -> None:
    with secured.connect() as conn:
        conn.execute(
            "INSERT INTO audit_log (actor, action, entity) VALUES ('owner-test', 'a', 'e')"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="INSERT only"):
            conn.execute(statement)
        conn.rollback()
