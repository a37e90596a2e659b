"""Restricted records and coaching notes as each role, in raw SQL on the real PostgreSQL.

Two sites (tests/two_sites.py): Lena in team Thames (London), Ned in team Hudson
(New York). Here the London-limited supervisor supervises Thames and the New York
one Hudson; the unlimited supervisor supervises no team. By the issue's rule a
restricted record is for admins and the supervisors of the agent's team only, so
for Lena's record: London's supervisor and the admin see it, New York's and the
team-less supervisor see no rows and can neither add nor change one, and the
director, planner and ingest are refused outright.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from secured_db import Secured

pytestmark = pytest.mark.pg

INSERT = (
    "INSERT INTO restricted_records (agent_id, kind, text, issued_on, recorded_by, "
    "recorded_at, version) VALUES (%s, 'warning', 'late', '2026-12-01', 'x', now(), 1)"
)


@pytest.fixture(scope="module")
def lena_record(secured: Secured) -> Iterator[int]:
    with secured.connect() as owner:
        owner.execute(
            "INSERT INTO team_supervisors (team_id, login) SELECT team_id, %s FROM agents "
            "WHERE id = %s",
            (secured.logins["london"], secured.sites.lena),
        )
        owner.execute(
            "INSERT INTO team_supervisors (team_id, login) SELECT team_id, %s FROM agents "
            "WHERE id = %s",
            (secured.logins["new_york"], secured.sites.ned),
        )
        row = owner.execute(INSERT + " RETURNING id", (secured.sites.lena,)).fetchone()
        owner.commit()
    assert row is not None
    yield int(row[0])
    with secured.connect() as owner:
        owner.execute("DELETE FROM restricted_records")
        owner.execute("DELETE FROM team_supervisors")
        owner.commit()


def _ids(conn: psycopg.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM restricted_records ORDER BY id")]


@pytest.mark.parametrize("who", ["london", "admin"])
def test_the_teams_supervisor_and_an_admin_see_and_write(
    secured: Secured, lena_record: int, who: str
) -> None:
    with secured.connect(who) as conn:
        assert lena_record in _ids(conn)
        changed = conn.execute(
            "UPDATE restricted_records SET acknowledged_on = '2026-12-02' WHERE id = %s",
            (lena_record,),
        ).rowcount
        assert changed == 1
        conn.execute(INSERT, (secured.sites.lena,))
        conn.rollback()


@pytest.mark.parametrize("who", ["new_york", "supervisor"])
def test_a_supervisor_of_another_team_sees_nothing_and_writes_nothing(
    secured: Secured, lena_record: int, who: str
) -> None:
    with secured.connect(who) as conn:
        assert _ids(conn) == []
        changed = conn.execute(
            "UPDATE restricted_records SET acknowledged_on = '2026-12-02' WHERE id = %s",
            (lena_record,),
        ).rowcount
        assert changed == 0  # invisible, so nothing to update
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(INSERT, (secured.sites.lena,))
        conn.rollback()


@pytest.mark.parametrize("who", ["director", "planner", "ingest"])
def test_other_roles_are_refused(secured: Secured, lena_record: int, who: str) -> None:
    with secured.connect(who) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="restricted_records"):
            conn.execute("SELECT count(*) FROM restricted_records")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(INSERT, (secured.sites.lena,))
        conn.rollback()


def test_new_yorks_supervisor_sees_hudsons_record(secured: Secured, lena_record: int) -> None:
    with secured.connect("new_york") as conn:
        row = conn.execute(INSERT + " RETURNING id", (secured.sites.ned,)).fetchone()
        assert row is not None and _ids(conn) == [row[0]]
        conn.rollback()


def test_the_database_names_the_author_and_time(secured: Secured, lena_record: int) -> None:
    """Whatever a login sends, a coaching note's author is its session user and its time
    the server's; an update can't rewrite either."""
    with secured.connect("london") as conn:
        row = conn.execute(
            "INSERT INTO coaching_notes (agent_id, author, noted_at, topic, text, actions, "
            "version) VALUES (%s, 'someone else', '2000-01-01', 'Hold', 'x', '', 1) "
            "RETURNING id, author, noted_at > now() - interval '1 hour'",
            (secured.sites.lena,),
        ).fetchone()
        assert row is not None and row[1:] == (secured.logins["london"], True)
        conn.execute(
            "UPDATE coaching_notes SET author = 'forged', noted_at = '2000-01-01' WHERE id = %s",
            (row[0],),
        )
        after = conn.execute(
            "SELECT author, noted_at > now() - interval '1 hour' FROM coaching_notes WHERE id = %s",
            (row[0],),
        ).fetchone()
        assert after == (secured.logins["london"], True)
        # a London supervisor keeps notes about London's agents only
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO coaching_notes (agent_id, author, noted_at, topic, text, actions, "
                "version) VALUES (%s, 'x', now(), 'Hold', 'x', '', 1)",
                (secured.sites.ned,),
            )
        conn.rollback()


@pytest.mark.parametrize(("who", "seen"), [("london", 1), ("new_york", 0), ("director", None)])
def test_the_service_lists_what_the_database_lets_through(
    secured: Secured, lena_record: int, who: str, seen: int | None
) -> None:
    """The records section's read: rows for Thames's supervisor, none for Hudson's, and a
    plain "restricted" refusal (no driver traceback) for a director."""
    from supervisor_app.domain.errors import Refused
    from supervisor_app.services.database import open_database
    from supervisor_app.services.people import RESTRICTED, list_records

    db = open_database(secured.url(who), upgrade=False)
    try:
        if seen is None:
            with pytest.raises(Refused) as refused:
                list_records(db, secured.sites.lena)
            assert str(refused.value) == RESTRICTED
        else:
            assert len(list_records(db, secured.sites.lena)) == seen
    finally:
        db.close()


def test_the_command_says_restricted_in_one_line(
    secured: Secured, lena_record: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli_runner import CliRunner

    assert CliRunner().on(secured.url("director")).in_process("record", "list") == 1
    err = capsys.readouterr().err.strip()
    assert (
        err == "supervisor-app: error: restricted: only admins and the supervisors of the "
        "agent's team see these records"
    )


def _as(secured: Secured, who: str):  # type: ignore[no-untyped-def]
    from supervisor_app.services.database import open_database

    return open_database(secured.url(who), upgrade=False)


def test_the_services_as_the_teams_supervisor_and_another(
    secured: Secured, lena_record: int
) -> None:
    """Thames's supervisor adds and acknowledges through the services; Hudson's is told
    there is no such record (row-level security hides it), and nothing changes."""
    from datetime import date

    from supervisor_app.domain.errors import UserError
    from supervisor_app.domain.people_records import RecordKind
    from supervisor_app.services.people import acknowledge_record, add_record, list_records

    london = _as(secured, "london")
    new_york = _as(secured, "new_york")
    try:
        made = add_record(london, secured.sites.lena, RecordKind.OTHER, "Note to file",
                          date(2026, 12, 1), "ignored")  # fmt: skip
        with pytest.raises(UserError, match=f"no restricted record with id {made} that you"):
            acknowledge_record(new_york, made, date(2026, 12, 2), "x")
        acknowledge_record(london, made, date(2026, 12, 3), "x")
        line = next(r for r in list_records(london) if r.record_id == made)
        assert line.acknowledged_on == date(2026, 12, 3)
        assert line.recorded_by == secured.logins["london"]  # stamped by the database
    finally:
        london.close()
        new_york.close()


def test_follow_ups_follow_the_teams_a_login_supervises(secured: Secured, lena_record: int) -> None:
    """Due follow-ups for Lena (Thames) and Ned (Hudson): London's supervisor is shown
    Lena's, New York's Ned's, the team-less supervisor none, the admin both."""
    from datetime import date

    from supervisor_app.services.people import due_follow_ups

    today = date(2026, 12, 7)
    with secured.connect() as owner:
        for agent in (secured.sites.lena, secured.sites.ned):
            owner.execute(
                "INSERT INTO coaching_notes (agent_id, author, noted_at, topic, text, actions, "
                "follow_up_on, version) VALUES (%s, 'o', now(), 'Due', 'x', '', %s, 1)",
                (agent, today),
            )
        owner.commit()
    expected = {"london": ["Lena"], "new_york": ["Ned"], "supervisor": [],
                "admin": ["Lena", "Ned"]}  # fmt: skip
    try:
        for who, names in expected.items():
            db = _as(secured, who)
            try:
                assert sorted(d.agent_name for d in due_follow_ups(db, today)) == names, who
            finally:
                db.close()
    finally:
        with secured.connect() as owner:
            owner.execute("DELETE FROM coaching_notes")
            owner.commit()
