"""coaching notes, team supervisors and restricted records (issue 18)

On every engine: ``team_supervisors(team_id, login)``, ``coaching_notes`` and
``restricted_records`` (both with a ``version`` for optimistic locking).

On PostgreSQL:

- ``coaching_notes.author``/``noted_at`` and ``restricted_records.recorded_by``/
  ``recorded_at`` are the database's: a BEFORE INSERT trigger sets them to
  ``session_user`` and ``now()``, and a BEFORE UPDATE one keeps the first values,
  for every login but the schema owner (who seeds and migrates and names its
  author), as migration 0012 stamps the audit trail.
- Row-level security by site (``sc_site_limits()``, as 0012 and 0015) on all
  three; on ``restricted_records`` also by person: a row is visible and writable
  only for a member of ``sc_admin`` or a login in ``team_supervisors`` for the
  agent's team. Both conditions sit in uncorrelated sub-selects, run once per
  statement. The ``sc_admin`` test reads ``pg_roles`` first, so a database whose
  roles ``db roles`` has not made yet refuses rather than fails.

Frozen: the SQL is written out here, no application code is imported.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AGENT_SITE = (
    "((SELECT sc_site_limits()) IS NULL OR agent_id IN (SELECT a.id FROM agents a "
    "WHERE a.site_id = ANY ((SELECT sc_site_limits())::integer[])))"
)
_TEAM_SITE = (
    "((SELECT sc_site_limits()) IS NULL OR team_id IN (SELECT t.id FROM teams t "
    "WHERE t.site_id = ANY ((SELECT sc_site_limits())::integer[])))"
)
_ADMIN_OR_TEAM_SUPERVISOR = (
    "((SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'sc_admin' "
    "AND pg_has_role(session_user, r.oid, 'MEMBER'))) "
    "OR agent_id IN (SELECT a.id FROM agents a JOIN team_supervisors s "
    "ON s.team_id = a.team_id WHERE s.login = session_user))"
)

_POLICIES: dict[str, str] = {
    "team_supervisors": _TEAM_SITE,
    "coaching_notes": _AGENT_SITE,
    "restricted_records": f"({_AGENT_SITE} AND {_ADMIN_OR_TEAM_SUPERVISOR})",
}

# table -> (who column, when column): stamped by the database for every login but the owner
_STAMPED: dict[str, tuple[str, str]] = {
    "coaching_notes": ("author", "noted_at"),
    "restricted_records": ("recorded_by", "recorded_at"),
}


def _stamp_function(table: str, who: str, when: str, schema: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION sc_{table}_stamp() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = {schema}, pg_temp AS $$\nBEGIN\n"
        "  IF pg_has_role(session_user, (SELECT relowner FROM pg_class "
        "WHERE oid = TG_RELID), 'MEMBER') THEN\n"
        f"    NEW.{who} := COALESCE(NEW.{who}, session_user);\n"
        f"    NEW.{when} := COALESCE(NEW.{when}, now());\n"
        "  ELSIF TG_OP = 'INSERT' THEN\n"
        f"    NEW.{who} := session_user;\n    NEW.{when} := now();\n"
        "  ELSE\n"
        f"    NEW.{who} := OLD.{who};\n    NEW.{when} := OLD.{when};\n"
        "  END IF;\n  RETURN NEW;\nEND $$"
    )


def upgrade() -> None:
    op.create_table(
        "team_supervisors",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_supervisors_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "login", name=op.f("pk_team_supervisors")),
    )
    op.create_index(op.f("ix_team_supervisors_login"), "team_supervisors", ["login"], unique=False)
    op.create_table(
        "coaching_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("noted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("topic", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("followed_up_on", sa.Date(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "(period_start IS NULL) = (period_end IS NULL) AND "
            "(period_start IS NULL OR period_start <= period_end)",
            name=op.f("ck_coaching_notes_period"),
        ),
        sa.CheckConstraint(
            "contact_id IS NULL OR period_start IS NULL", name=op.f("ck_coaching_notes_one_subject")
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_coaching_notes_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_coaching_notes_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_notes")),
    )
    op.create_index(
        "ix_coaching_notes_agent_noted", "coaching_notes", ["agent_id", "noted_at"], unique=False
    )
    op.create_index("ix_coaching_notes_follow_up", "coaching_notes", ["follow_up_on"], unique=False)
    op.create_table(
        "restricted_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "warning",
                "improvement_plan",
                "other",
                name="record_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "review_on IS NULL OR review_on >= issued_on",
            name=op.f("ck_restricted_records_review_after_issue"),
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_restricted_records_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restricted_records")),
    )
    op.create_index("ix_restricted_records_agent", "restricted_records", ["agent_id"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
    for table, (who, when) in _STAMPED.items():
        op.execute(_stamp_function(table, who, when, schema))
        op.execute(
            f"CREATE TRIGGER sc_{table}_stamp BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION sc_{table}_stamp()"
        )
    for table, condition in _POLICIES.items():
        op.execute(
            f"CREATE POLICY sc_site ON {table} FOR ALL USING {condition} WITH CHECK {condition}"
        )
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _STAMPED:
            op.execute(f"DROP TRIGGER IF EXISTS sc_{table}_stamp ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS sc_{table}_stamp()")
    op.drop_index("ix_restricted_records_agent", table_name="restricted_records")
    op.drop_table("restricted_records")
    op.drop_index("ix_coaching_notes_follow_up", table_name="coaching_notes")
    op.drop_index("ix_coaching_notes_agent_noted", table_name="coaching_notes")
    op.drop_table("coaching_notes")
    op.drop_index(op.f("ix_team_supervisors_login"), table_name="team_supervisors")
    op.drop_table("team_supervisors")
