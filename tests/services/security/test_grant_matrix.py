"""Each group role, logged in, against the grants: every allowed verb works, every other
raises InsufficientPrivilege. Raw SQL as each role's login on the real PostgreSQL.

The expected letters are written here by hand from issue 14's description of the
roles (a director reads; a supervisor writes escalations, adherence approvals and
acknowledgements; a planner schedules, forecasts, budgets and time off; ingest
writes contacts, states and what the importers name; admin writes setup), not
read from the matrix under test.
"""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from secured_db import ROLES, Secured

from supervisor_app.services.security import GRANTS
from supervisor_app.store.models import Base

pytestmark = pytest.mark.pg

# Columns in the order of ROLES: admin, planner, supervisor, director, ingest.
EXPECTED_ROWS: dict[str, tuple[str, str, str, str, str]] = {
    "audit_log":              ("SI",   "SI",   "SI",   "SI",   "SI"),
    "contacts":               ("S",    "S",    "S",    "S",    "SIUD"),
    "agent_state_spans":      ("S",    "S",    "S",    "S",    "SIUD"),
    "queue_log_files":        ("S",    "S",    "S",    "S",    "SIUD"),
    "shifts":                 ("S",    "SIUD", "S",    "S",    "SI"),
    "time_off":               ("S",    "SIUD", "S",    "S",    "S"),
    "weekly_budgets":         ("S",    "SIUD", "S",    "S",    "S"),
    "forecasts":              ("S",    "SIUD", "S",    "S",    "SIUD"),
    "schedule_publications":  ("S",    "SI",   "S",    "S",    "S"),
    "escalations":            ("S",    "S",    "SIU",  "S",    "SI"),
    "adherence_approvals":    ("S",    "S",    "SIUD", "S",    "S"),
    "alert_acknowledgements": ("S",    "S",    "SI",   "S",    "S"),
    "sites":                  ("SIUD", "S",    "S",    "S",    "SI"),
    "queues":                 ("SIUD", "S",    "S",    "S",    "SI"),
    "queue_targets":          ("SIUD", "S",    "S",    "S",    "SI"),
    "teams":                  ("SIUD", "S",    "S",    "S",    "SI"),
    # the planner's agent lock needs UPDATE of ``version`` only: checked below
    "agents":                 ("SIUD", "S",    "S",    "S",    "SIU"),
    "schedule_rule_settings": ("SIUD", "S",    "S",    "S",    "S"),
    "user_sites":             ("S",    "S",    "S",    "S",    "S"),
    # the writers keep the summaries of the days they write (ingest too, since issue 16)
    "kpi_rollup_days":        ("SIUD", "SIUD", "SIUD", "SIUD", "SIUD"),
    # issue 18: admins define courses; supervisors record their agents' completions
    "training_courses":       ("SIUD", "S",    "S",    "S",    "S"),
    "training_requirements":  ("SIUD", "S",    "S",    "S",    "S"),
    "training_completions":   ("SIUD", "S",    "SI",   "S",    "S"),
    # issue 18: admins say who supervises a team; supervisors keep coaching notes and
    # restricted records, which directors, planners and ingest may not even read
    "team_supervisors":       ("SIUD", "S",    "S",    "S",    "S"),
    "coaching_notes":         ("SIUD", "S",    "SIU",  "S",    "S"),
    "restricted_records":     ("SIUD", "",     "SIU",  "",     ""),
    # issue 18: admins write forms; supervisors (and admins) write evaluations
    "qa_forms":               ("SIUD", "S",    "S",    "S",    "S"),
    "qa_form_versions":       ("SIUD", "S",    "S",    "S",    "S"),
    "qa_evaluations":         ("SIUD", "S",    "SI",   "S",    "S"),
    # bumped by the contacts triggers, which run as the owner: nobody writes it directly
    "live_bucket_versions":   ("S",    "S",    "S",    "S",    "S"),
    "live_slice_versions":    ("S",    "S",    "S",    "S",    "S"),
}  # fmt: skip
EXPECTED = {t: dict(zip(ROLES, row, strict=True)) for t, row in EXPECTED_ROWS.items()}

VERBS = {"S": "SELECT", "I": "INSERT", "U": "UPDATE", "D": "DELETE"}
CASES = [
    (role, table, verb, letter in letters)
    for table, by_role in EXPECTED.items()
    for role, letters in by_role.items()
    for letter, verb in VERBS.items()
]


def _statement(conn: psycopg.Connection, table: str, verb: str) -> sql.Composed:
    """A statement that needs exactly ``verb`` on ``table`` (beside SELECT) and changes nothing."""
    t = sql.Identifier(table)
    if verb == "SELECT":
        return sql.SQL("SELECT * FROM {} LIMIT 1").format(t)
    if verb == "INSERT":
        return sql.SQL("INSERT INTO {} SELECT * FROM {} WHERE false").format(t, t)
    if verb == "DELETE":
        return sql.SQL("DELETE FROM {} WHERE false").format(t)
    # pg_attribute, not information_schema: a role with no grant on the table
    # (restricted_records) sees none of its columns there
    column = conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 "
        "AND NOT attisdropped AND attname NOT IN ('id', 'version') ORDER BY attnum LIMIT 1",
        (table,),
    ).fetchone()
    assert column is not None
    c = sql.Identifier(column[0])
    return sql.SQL("UPDATE {} SET {} = {} WHERE false").format(t, c, c)


@pytest.mark.parametrize(("role", "table", "verb", "allowed"), CASES)
def test_role_table_verb(secured: Secured, role: str, table: str, verb: str, allowed: bool) -> None:
    with secured.connect(role) as conn:
        statement = _statement(conn, table, verb)
        if allowed:
            conn.execute(statement)
        else:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        conn.rollback()


def test_the_planner_may_lock_agents_but_not_edit_them(secured: Secured) -> None:
    with secured.connect("planner") as conn:
        conn.execute("SELECT id FROM agents ORDER BY id FOR NO KEY UPDATE")
        conn.execute("UPDATE agents SET version = version WHERE false")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE agents SET name = name WHERE false")


def test_inserting_roles_may_use_the_id_sequences(secured: Secured) -> None:
    """A real row each: the id comes from the table's sequence (USAGE granted)."""
    with secured.connect("supervisor") as conn:
        conn.execute(
            "INSERT INTO alert_acknowledgements (subject, metric, acknowledged_at, "
            "acknowledged_by) VALUES ('Sales', 'sl', now(), 'x')"
        )
        conn.execute(
            "INSERT INTO escalations (queue_id, reason, severity, status, created_at, version) "
            "VALUES (%s, 'angry', 'high', 'open', now(), 1)",
            (secured.sites.london_sales,),
        )
        conn.rollback()


def test_no_role_may_run_ddl_or_own_anything(secured: Secured) -> None:
    for role in ROLES:
        with secured.connect(role) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("CREATE TABLE sneaky (id integer)")
            conn.rollback()
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("DROP TABLE contacts")
            conn.rollback()
            owned = conn.execute(
                "SELECT count(*) FROM pg_class WHERE relowner = "
                "(SELECT oid FROM pg_roles WHERE rolname = session_user)"
            ).fetchone()
            assert owned == (0,)


def test_every_table_of_the_schema_is_in_the_matrix(secured: Secured) -> None:
    """A table added later without a row in the matrix fails here, on the model and live."""
    assert set(GRANTS) == set(Base.metadata.tables)
    with secured.connect() as conn:
        live = {
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
    assert live - {"alembic_version"} == set(GRANTS)


def test_db_roles_twice_changes_nothing(secured: Secured) -> None:
    from supervisor_app.services.database import open_database
    from supervisor_app.services.security import apply_roles

    def acl() -> list[tuple[str, str]]:
        with secured.connect() as conn:
            return conn.execute(
                "SELECT relname, relacl::text FROM pg_class WHERE relnamespace = "
                "current_schema()::regnamespace AND relkind IN ('r', 'S') ORDER BY relname"
            ).fetchall()

    before = acl()
    db = open_database(secured.owner_url, upgrade=False)
    try:
        assert apply_roles(db) == []
    finally:
        db.close()
    assert acl() == before
