"""database security: site limits, row-level security, an audit trail the database keeps (issue 14)

On every engine: ``user_sites(login, site_id)``, the sites a login is limited
to (no row: every site). Only PostgreSQL uses it; SQLite is single-user.

On PostgreSQL:

- ``audit_log``: a BEFORE INSERT trigger sets ``actor`` to ``session_user`` and
  ``at`` to ``now()`` (the transaction's start on the server's clock), whatever
  the client sent. The schema owner and superusers are exempt: they own the
  table and could drop the trigger anyway, and they run ``db upgrade``, the demo
  seed and the tests, which name their actor. BEFORE UPDATE/DELETE (per row) and
  BEFORE TRUNCATE triggers refuse, for everyone; ``db roles`` grants no one
  UPDATE or DELETE either.
- Row-level security on every table that belongs to a site, directly
  (``site_id``), through a queue, an agent, a contact, a shift or a template.
  ``sc_site_limits()`` (the login's sites, NULL when unlimited) and
  ``sc_visible_site(id)`` are STABLE SECURITY DEFINER functions with a fixed
  ``search_path``; a policy calls ``sc_site_limits()`` in a sub-select, so it runs
  once per statement (an unlimited login stops there). A row that belongs to a
  site through a queue or an agent is checked with an uncorrelated ``IN`` over
  that site's queues or agents, which PostgreSQL hashes once per statement; one
  through a contact, a shift or a template with an ``EXISTS`` on that row,
  which that table's own policy filters (a primary-key probe per row). Policies
  are FOR ALL with the same USING and WITH CHECK, so a limited login neither
  sees nor writes another site's rows. RLS is
  enabled but not forced: the owner (migrations, ``db roles``) is not filtered.
  Escalations without a queue belong to no site and are visible to everyone;
  the KPI summaries are hidden from a site-limited login.

Frozen: the SQL is written out here, no application code is imported.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SITE = "((SELECT sc_site_limits()) IS NULL OR {col} = ANY ((SELECT sc_site_limits())::integer[]))"
# A site's queues and agents as an uncorrelated IN: PostgreSQL hashes it once per
# statement, so a row costs one hash probe however many queues or agents a site has.
_QUEUE = (
    "((SELECT sc_site_limits()) IS NULL OR {col} IN (SELECT q.id FROM queues q "
    "WHERE q.site_id = ANY ((SELECT sc_site_limits())::integer[])))"
)
_AGENT = (
    "((SELECT sc_site_limits()) IS NULL OR {col} IN (SELECT a.id FROM agents a "
    "WHERE a.site_id = ANY ((SELECT sc_site_limits())::integer[])))"
)

# table -> the condition a row of it must meet for a site-limited login
_POLICIES: dict[str, str] = {
    "sites": _SITE.format(col="id"),
    "teams": _SITE.format(col="site_id"),
    "agents": _SITE.format(col="site_id"),
    "queues": _SITE.format(col="site_id"),
    "site_planning": _SITE.format(col="site_id"),
    "weekly_budgets": _SITE.format(col="site_id"),
    "shift_templates": _SITE.format(col="site_id"),
    "schedule_rule_settings": _SITE.format(col="site_id"),
    "schedule_publications": _SITE.format(col="site_id"),
    "user_sites": "true",  # readable by all; written only by the sc_user_* functions
    "contacts": _QUEUE.format(col="queue_id"),
    "forecasts": _QUEUE.format(col="queue_id"),
    "queue_targets": _QUEUE.format(col="queue_id"),
    "queue_planning": _QUEUE.format(col="queue_id"),
    "escalations": f"(queue_id IS NULL OR {_QUEUE.format(col='queue_id')})",
    "agent_skills": _AGENT.format(col="agent_id"),
    "agent_state_spans": _AGENT.format(col="agent_id"),
    "adherence_approvals": _AGENT.format(col="agent_id"),
    "shifts": _AGENT.format(col="agent_id"),
    "time_off": _AGENT.format(col="agent_id"),
    # Through a big table with a policy of its own, which the EXISTS sees: one
    # primary-key probe per row (hashing every visible contact cost more).
    "survey_responses": (
        "((SELECT sc_site_limits()) IS NULL OR EXISTS (SELECT 1 FROM contacts c "
        "WHERE c.id = contact_id))"
    ),
    "shift_activities": (
        "((SELECT sc_site_limits()) IS NULL OR EXISTS (SELECT 1 FROM shifts s "
        "WHERE s.id = shift_id))"
    ),
    # The KPI summaries are kept for a database with one site and hold all of it:
    # a site-limited login neither reads nor writes them (its reports read the raw
    # tables), so one can't see another site's figures through them.
    "kpi_rollup_days": "((SELECT sc_site_limits()) IS NULL)",
    "kpi_rollup_contacts": "((SELECT sc_site_limits()) IS NULL)",
    "kpi_rollup_agent_time": "((SELECT sc_site_limits()) IS NULL)",
    "shift_template_activities": (
        "((SELECT sc_site_limits()) IS NULL OR EXISTS (SELECT 1 FROM shift_templates t "
        "WHERE t.id = template_id))"
    ),
}


def _functions(schema: str) -> list[str]:
    path = f"SET search_path = {schema}, pg_temp"
    definer = f"LANGUAGE sql STABLE SECURITY DEFINER {path}"
    return [
        "CREATE OR REPLACE FUNCTION sc_site_limits() RETURNS integer[] "
        f"{definer} AS $$ SELECT array_agg(site_id ORDER BY site_id) FROM user_sites "
        "WHERE login = session_user $$",
        "CREATE OR REPLACE FUNCTION sc_visible_site(site integer) RETURNS boolean "
        f"{definer} AS $$ SELECT l IS NULL OR site = ANY (l) "
        "FROM (SELECT sc_site_limits() AS l) s $$",
        "CREATE OR REPLACE FUNCTION sc_audit_stamp() RETURNS trigger LANGUAGE plpgsql "
        f"{path} AS $$\nBEGIN\n"
        "  IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class "
        "WHERE oid = TG_RELID), 'MEMBER') THEN\n"
        "    NEW.actor := session_user;\n    NEW.at := now();\n"
        "  ELSE\n    NEW.actor := COALESCE(NEW.actor, session_user);\n"
        "    NEW.at := COALESCE(NEW.at, now());\n  END IF;\n  RETURN NEW;\nEND $$",
        "CREATE OR REPLACE FUNCTION sc_audit_refuse() RETURNS trigger LANGUAGE plpgsql "
        f"{path} AS $$\nBEGIN\n"
        "  RAISE EXCEPTION 'audit_log accepts INSERT only' "
        "USING ERRCODE = 'insufficient_privilege';\nEND $$",
    ]


_TRIGGERS = [
    "CREATE TRIGGER sc_audit_stamp BEFORE INSERT ON audit_log FOR EACH ROW "
    "EXECUTE FUNCTION sc_audit_stamp()",
    "CREATE TRIGGER sc_audit_refuse BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW "
    "EXECUTE FUNCTION sc_audit_refuse()",
    "CREATE TRIGGER sc_audit_refuse_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION sc_audit_refuse()",
]


def upgrade() -> None:
    op.create_table(
        "user_sites",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_user_sites_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("login", "site_id", name=op.f("pk_user_sites")),
    )
    op.create_index(op.f("ix_user_sites_site_id"), "user_sites", ["site_id"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
    for statement in [*_functions(schema), *_TRIGGERS]:
        op.execute(statement)
    for table, condition in _POLICIES.items():
        op.execute(
            f"CREATE POLICY sc_site ON {table} FOR ALL USING {condition} WITH CHECK {condition}"
            if condition != "true"
            else f"CREATE POLICY sc_site ON {table} FOR ALL USING (true) WITH CHECK (false)"
        )
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _POLICIES:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            op.execute(f"DROP POLICY IF EXISTS sc_site ON {table}")
        for name in ("sc_audit_stamp", "sc_audit_refuse", "sc_audit_refuse_truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
        for function in (
            "sc_audit_stamp()",
            "sc_audit_refuse()",
            "sc_visible_site(integer)",
            "sc_site_limits()",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.drop_index(op.f("ix_user_sites_site_id"), table_name="user_sites")
    op.drop_table("user_sites")
