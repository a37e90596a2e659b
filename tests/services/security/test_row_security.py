"""Row-level security with two sites (tests/two_sites.py): London's three contacts and
agent Lena, New York's three and Ned. A login limited to London sees and writes only
London's rows; an unlimited one (director, admin) sees both; the owner is not filtered."""

from __future__ import annotations

import psycopg
import pytest
from secured_db import Secured

pytestmark = pytest.mark.pg


def _count(conn: psycopg.Connection, query: str) -> int:
    row = conn.execute(query).fetchone()
    assert row is not None
    return int(row[0])


def test_a_london_login_sees_only_london(secured: Secured) -> None:
    with secured.connect("london") as conn:
        assert conn.execute("SELECT name FROM sites").fetchall() == [("London",)]
        assert conn.execute("SELECT name FROM agents").fetchall() == [("Lena",)]
        assert conn.execute("SELECT name FROM teams").fetchall() == [("Thames",)]
        assert _count(conn, "SELECT count(*) FROM queues") == 1
        refs = conn.execute("SELECT external_id FROM contacts ORDER BY external_id").fetchall()
        assert refs == [("L1",), ("L2",), ("L3",)]
        assert _count(conn, "SELECT count(*) FROM agent_skills") == 1
        # through a queue's targets: London's Sales got its first row from the seed trigger
        assert _count(conn, "SELECT count(*) FROM queue_targets") == 1


@pytest.mark.parametrize("who", ["director", "admin", "supervisor", None])
def test_unlimited_logins_and_the_owner_see_both_sites(secured: Secured, who: str | None) -> None:
    with secured.connect(who) as conn:
        assert _count(conn, "SELECT count(*) FROM sites") == 2
        assert _count(conn, "SELECT count(*) FROM contacts") == 6
        assert _count(conn, "SELECT count(*) FROM agents") == 2


def test_a_london_login_cannot_write_new_york(secured: Secured) -> None:
    ny_sales = secured.sites.new_york_sales
    with secured.connect("london_ingest") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO contacts (queue_id, source, external_id, arrived_at, outcome, "
                "escalated) VALUES (%s, 'x', 'N9', now(), 'abandoned', false)",
                (ny_sales,),
            )
        conn.rollback()
        # New York's rows are invisible, so an update or delete finds none of them
        assert (
            conn.execute(
                "UPDATE contacts SET source = 'x' WHERE queue_id = %s", (ny_sales,)
            ).rowcount
            == 0
        )
        assert conn.execute("DELETE FROM contacts WHERE queue_id = %s", (ny_sales,)).rowcount == 0
        # moving a London contact to New York is refused by WITH CHECK
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE contacts SET queue_id = %s WHERE external_id = 'L1'", (ny_sales,))
        conn.rollback()
        # London's own rows are writable
        conn.execute(
            "INSERT INTO contacts (queue_id, source, external_id, arrived_at, outcome, escalated) "
            "VALUES (%s, 'x', 'L9', now(), 'abandoned', false)",
            (secured.sites.london_sales,),
        )
        conn.rollback()


def test_a_london_supervisor_cannot_approve_for_new_york(secured: Secured) -> None:
    with secured.connect("london") as conn:
        statement = (
            "INSERT INTO adherence_approvals (agent_id, starts_at, ends_at, reason, approved_by, "
            "approved_at) VALUES (%s, now(), now() + interval '1 hour', 'r', 'me', now())"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(statement, (secured.sites.ned,))
        conn.rollback()
        conn.execute(statement, (secured.sites.lena,))
        conn.rollback()


def test_survey_answers_follow_their_contact(secured: Secured) -> None:
    with secured.connect() as owner:
        owner.execute(
            "INSERT INTO survey_responses (contact_id, answered_at, csat) "
            "SELECT id, now(), 5 FROM contacts WHERE external_id IN ('L1', 'N1')"
        )
        owner.commit()
    try:
        with secured.connect("london") as conn:
            refs = conn.execute(
                "SELECT c.external_id FROM survey_responses r JOIN contacts c "
                "ON c.id = r.contact_id"
            ).fetchall()
            assert _count(conn, "SELECT count(*) FROM survey_responses") == 1
            assert refs == [("L1",)]
    finally:
        with secured.connect() as owner:
            owner.execute("DELETE FROM survey_responses")
            owner.commit()


def test_site_limits_are_written_only_through_the_admin_functions(secured: Secured) -> None:
    """A limited login can't lift its own limit, nor can an admin write user_sites directly."""
    for who in ("london", "admin"):
        with secured.connect(who) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("DELETE FROM user_sites")
            conn.rollback()
    with secured.connect("london") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT sc_user_set(session_user::text, NULL, ARRAY[]::integer[])")


def test_every_table_that_belongs_to_a_site_has_a_policy(secured: Secured) -> None:
    """A table added later with a link to a site, queue, agent, contact, shift or template
    and no policy fails here (queue_log_files, audit_log, acknowledgements have none)."""
    links = ("site_id", "queue_id", "agent_id", "contact_id", "shift_id", "template_id")
    with secured.connect() as conn:
        linked = {
            table
            for (table,) in conn.execute(
                "SELECT DISTINCT table_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND column_name = ANY (%s)",
                (list(links),),
            )
        } | {"sites"}
        unguarded = [
            table
            for (table,) in conn.execute(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                "current_schema()::regnamespace AND c.relkind = 'r' AND (NOT c.relrowsecurity "
                "OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))"
            )
        ]
    assert sorted(linked & set(unguarded)) == []
    assert len(linked) > 20  # the query found the links at all


def test_a_london_supervisor_records_training_for_london_agents_only(secured: Secured) -> None:
    with secured.connect() as owner:
        course = owner.execute(
            "INSERT INTO training_courses (name) VALUES ('Row security') RETURNING id"
        ).fetchone()
        lena, ned = (
            owner.execute("SELECT id FROM agents WHERE name = %s", (name,)).fetchone()
            for name in ("Lena", "Ned")
        )
        owner.commit()
    assert course is not None and lena is not None and ned is not None
    insert = (
        "INSERT INTO training_completions (agent_id, course_id, completed_on, recorded_by, "
        "recorded_at) VALUES (%s, %s, '2026-11-01', 'x', now())"
    )
    try:
        with secured.connect("london") as conn:
            conn.execute(insert, (lena[0], course[0]))  # a London agent: allowed
            conn.commit()
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(insert, (ned[0], course[0]))
            conn.rollback()
        with secured.connect("new_york") as conn:  # London's completion is invisible there
            assert _count(conn, "SELECT count(*) FROM training_completions") == 0
    finally:
        with secured.connect() as owner:
            owner.execute("DELETE FROM training_courses WHERE id = %s", (course[0],))
            owner.commit()
