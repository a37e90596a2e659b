"""Quality evaluations refused in raw SQL on a secured PostgreSQL (tests/two_sites.py:
London's agent Lena, New York's Ned): a director may read but not insert one; a London
supervisor evaluates London's agents only, as themself (the database names the
evaluator), and a New York supervisor can't see London's evaluations."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from secured_db import Secured

pytestmark = pytest.mark.pg

INSERT = (
    "INSERT INTO qa_evaluations (agent_id, form_version_id, evaluator, evaluated_at, answers, "
    "score_pct, auto_failed) VALUES (%s, %s, 'someone else', '2020-01-01T00:00:00Z', "
    "'{\"greet\": \"yes\"}', 100, false) RETURNING evaluator, evaluated_at > '2021-01-01'"
)


@pytest.fixture
def form(secured: Secured) -> Iterator[tuple[int, int, int]]:
    """(form version id, Lena's id, Ned's id); the form and its evaluations go afterwards."""
    with secured.connect() as owner:
        row = owner.execute(
            "WITH f AS (INSERT INTO qa_forms (name, created_at) VALUES ('Secured', now()) "
            "RETURNING id) INSERT INTO qa_form_versions (form_id, number, definition, "
            "created_by, created_at) SELECT id, 1, '{\"sections\": []}', 'owner', now() FROM f "
            "RETURNING id, form_id"
        ).fetchone()
        lena, ned = (
            owner.execute("SELECT id FROM agents WHERE name = %s", (name,)).fetchone()
            for name in ("Lena", "Ned")
        )
        owner.commit()
    assert row is not None and lena is not None and ned is not None
    try:
        yield int(row[0]), int(lena[0]), int(ned[0])
    finally:
        with secured.connect() as owner:
            owner.execute("DELETE FROM qa_evaluations WHERE form_version_id = %s", (row[0],))
            owner.execute("DELETE FROM qa_forms WHERE id = %s", (row[1],))
            owner.commit()


def test_a_director_reads_but_cannot_insert_an_evaluation(
    secured: Secured, form: tuple[int, int, int]
) -> None:
    version, lena, _ = form
    with secured.connect("director") as conn:
        conn.execute("SELECT count(*) FROM qa_evaluations").fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="qa_evaluations"):
            conn.execute(INSERT, (lena, version))
    with secured.connect("planner") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(INSERT, (lena, version))


def test_a_supervisor_cannot_write_a_form(secured: Secured) -> None:
    with (
        secured.connect("supervisor") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="qa_forms"),
    ):
        conn.execute("INSERT INTO qa_forms (name, created_at) VALUES ('Mine', now())")


def test_site_limited_supervisors_evaluate_and_see_their_site_only(
    secured: Secured, form: tuple[int, int, int]
) -> None:
    version, lena, ned = form
    with secured.connect("london") as conn:
        row = conn.execute(INSERT, (lena, version)).fetchone()
        conn.commit()
        # the database names the evaluator and the time, whatever the client sent
        assert row == (secured.logins["london"], True)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(INSERT, (ned, version))
        conn.rollback()
    with secured.connect("new_york") as conn:
        assert conn.execute("SELECT count(*) FROM qa_evaluations").fetchone() == (0,)
    with secured.connect("director") as conn:
        assert conn.execute("SELECT count(*) FROM qa_evaluations").fetchone() == (1,)
