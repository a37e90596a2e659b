"""``db roles``: the group roles, the matrix's grants, RLS on, and the people functions.

Run by the schema owner after ``db upgrade`` (and again after anything that
recreates trigger functions, such as ``demo seed``); every step is idempotent,
so running it twice changes nothing. The owner needs CREATEROLE (or to be a
superuser) to create the group roles and, through the ``sc_user_*`` functions,
the people's logins.

What runs with the owner's rights, and why (each is SECURITY DEFINER with a
fixed ``search_path``):

- every trigger function of the schema (the KPI day-version bumps, the queue
  targets' first row, the audit stamp): a writer's row must invalidate the
  rollups whatever it may touch itself, and no role may edit the versions;
- ``sc_user_add``, ``sc_user_set``, ``sc_user_remove``: creating a login role and
  writing its site limits, for an ``sc_admin`` who is no superuser. Each checks
  the caller is an ``sc_admin`` member (or the owner), touches only logins that
  are members of a group role, and grants only the group roles;
- the RLS helpers of migration 0012 (``sc_site_limits`` and its kin).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from supervisor_app.domain.errors import UsageError
from supervisor_app.domain.grants import GRANTS, GROUP_ROLES, grants
from supervisor_app.services.database import Database

SQLITE_REFUSAL = "SQLite is single-user: no roles"


def require_postgresql(db: Database) -> None:
    """Refuse the role and people commands on SQLite, in one line."""
    if db.dialect != "postgresql":
        raise UsageError(SQLITE_REFUSAL)


def apply_roles(db: Database) -> list[str]:
    """Bring the database's roles and grants to the matrix; the group roles created."""
    require_postgresql(db)
    with db.engine.begin() as conn:
        # Two runs on this database queue here (roles in other databases: see below).
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('sc_roles'))"))
        created = _create_group_roles(conn)
        schema = conn.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
        _grant_matrix(conn, schema)
        _definer_triggers(conn, schema)
        _people_functions(conn, schema)
    return created


def _ddl(conn: Connection, sql: str) -> None:
    """Run one statement as written (psycopg reads ``%`` as a placeholder, hence doubled)."""
    conn.exec_driver_sql(sql.replace("%", "%%"))


def _create_group_roles(conn: Connection) -> list[str]:
    existing = set(conn.execute(text("SELECT rolname FROM pg_roles")).scalars())
    created = [r for r in GROUP_ROLES if r not in existing]
    for role in created:
        # Roles are cluster-wide: another database's ``db roles`` may create it meanwhile.
        _ddl(
            conn,
            f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        )
    return created


def _grant_matrix(conn: Connection, schema: str) -> None:
    tables = ", ".join(GRANTS)
    everyone = ", ".join(GROUP_ROLES)
    _ddl(conn, f"REVOKE ALL ON SCHEMA {schema} FROM PUBLIC")
    _ddl(conn, f"GRANT USAGE ON SCHEMA {schema} TO {everyone}")
    _ddl(conn, f"REVOKE ALL ON {tables} FROM PUBLIC, {everyone}")
    _ddl(conn, f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM PUBLIC, {everyone}")
    # Each console checks the schema's revision before it opens.
    _ddl(conn, f"GRANT SELECT ON alembic_version TO {everyone}")
    for grant in grants():
        columns = f" ({', '.join(grant.columns)})" if grant.columns else ""
        _ddl(conn, f"GRANT {grant.verb}{columns} ON {grant.table} TO {grant.role}")
        if grant.verb == "INSERT":
            for sequence in _sequences(conn, grant.table):
                _ddl(conn, f"GRANT USAGE ON SEQUENCE {sequence} TO {grant.role}")
    for table in conn.execute(text("SELECT DISTINCT tablename FROM pg_policies")).scalars():
        _ddl(conn, f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")


def _sequences(conn: Connection, table: str) -> list[str]:
    """The sequences that number ``table``'s rows (serial or identity columns)."""
    return list(
        conn.execute(
            text(
                "SELECT s.oid::regclass::text FROM pg_class s JOIN pg_depend d "
                "ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
                "WHERE s.relkind = 'S' AND d.refobjid = CAST(:t AS regclass)"
            ),
            {"t": table},
        ).scalars()
    )


def _definer_triggers(conn: Connection, schema: str) -> None:
    functions = conn.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "WHERE p.prorettype = 'trigger'::regtype "
            "AND p.pronamespace = current_schema()::regnamespace AND NOT p.prosecdef"
        )
    ).scalars()
    for function in functions:
        _ddl(
            conn, f"ALTER FUNCTION {function} SECURITY DEFINER SET search_path = {schema}, pg_temp"
        )


_GROUPS_ARRAY = "ARRAY[" + ", ".join(f"'{r}'" for r in GROUP_ROLES) + "]"

_GUARD = f"""
  IF NOT (session_user = current_user OR pg_has_role(session_user, 'sc_admin', 'MEMBER')) THEN
    RAISE EXCEPTION 'only an sc_admin manages people' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_group IS NOT NULL AND NOT p_group = ANY ({_GROUPS_ARRAY}) THEN
    RAISE EXCEPTION 'unknown role %', p_group USING ERRCODE = 'invalid_parameter_value';
  END IF;"""

_PERSON = f"""
  IF NOT EXISTS (SELECT 1 FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid
                 JOIN pg_roles g ON g.oid = m.roleid
                 WHERE r.rolname = p_login AND r.rolcanlogin AND NOT r.rolsuper
                 AND g.rolname = ANY ({_GROUPS_ARRAY})) THEN
    RAISE EXCEPTION 'no console user %', p_login USING ERRCODE = 'undefined_object';
  END IF;"""


def _people_functions(conn: Connection, schema: str) -> None:
    header = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$"
    head = header.format(schema=schema)
    bodies = {
        "sc_user_add(p_login text, p_group text, p_sites integer[], p_verifier text)": f"""
DECLARE site integer;
BEGIN{_GUARD}
  IF p_group IS NULL THEN
    RAISE EXCEPTION 'a role is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
    RAISE EXCEPTION 'role % already exists', p_login USING ERRCODE = 'duplicate_object';
  END IF;
  IF p_verifier IS NULL THEN
    EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', p_login, p_group);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_login, p_verifier, p_group);
  END IF;
  INSERT INTO user_sites (login, site_id) SELECT p_login, unnest(COALESCE(p_sites, '{{}}'));
END $$""",
        "sc_user_set(p_login text, p_group text, p_sites integer[])": f"""
DECLARE old text;
BEGIN{_GUARD}{_PERSON}
  IF p_group IS NOT NULL THEN
    FOR old IN SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
               JOIN pg_roles r ON r.oid = m.member
               WHERE r.rolname = p_login AND g.rolname = ANY ({_GROUPS_ARRAY}) LOOP
      EXECUTE format('REVOKE %I FROM %I', old, p_login);
    END LOOP;
    EXECUTE format('GRANT %I TO %I', p_group, p_login);
  END IF;
  IF p_sites IS NOT NULL THEN
    DELETE FROM user_sites WHERE login = p_login;
    INSERT INTO user_sites (login, site_id) SELECT p_login, unnest(p_sites);
  END IF;
END $$""",
        "sc_user_remove(p_login text)": f"""
DECLARE p_group text := NULL;
BEGIN{_GUARD}{_PERSON}
  DELETE FROM user_sites WHERE login = p_login;
  EXECUTE format('DROP ROLE %I', p_login);
END $$""",
    }
    for signature, body in bodies.items():
        _ddl(conn, f"CREATE OR REPLACE FUNCTION {signature} RETURNS void {head}{body}")
        _ddl(conn, f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        _ddl(conn, f"GRANT EXECUTE ON FUNCTION {signature} TO sc_admin")
