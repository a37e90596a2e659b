"""quality evaluations: forms, frozen form versions, evaluations with their score (issue 18)

On PostgreSQL, evaluations get the row-level policy of 0012 through their
agent (``sc_site_limits()``, written out here: a revision is frozen), like
0015's training completions; forms belong to no site. A BEFORE INSERT trigger
stamps the evaluator and the time from the database (``session_user``, the
server's clock) for every login but the schema owner, as 0012 does for the
audit trail, unless the row comes from a file (``imported_from``), whose
evaluator and time are the file's (the import's audit row names who ran it).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_POLICY = (
    "((SELECT sc_site_limits()) IS NULL OR agent_id IN (SELECT a.id FROM agents a "
    "WHERE a.site_id = ANY ((SELECT sc_site_limits())::integer[])))"
)


def _stamp(schema: str) -> str:
    return (
        "CREATE OR REPLACE FUNCTION sc_qa_stamp() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = {schema}, pg_temp AS $$\nBEGIN\n"
        "  IF NEW.imported_from IS NULL AND NOT pg_has_role(session_user, "
        "(SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN\n"
        "    NEW.evaluator := session_user;\n    NEW.evaluated_at := now();\n"
        "  ELSE\n    NEW.evaluator := COALESCE(NEW.evaluator, session_user);\n"
        "    NEW.evaluated_at := COALESCE(NEW.evaluated_at, now());\n  END IF;\n"
        "  RETURN NEW;\nEND $$"
    )


def upgrade() -> None:
    op.create_table(
        "qa_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_forms")),
        sa.UniqueConstraint("name", name=op.f("uq_qa_forms_name")),
    )
    op.create_table(
        "qa_form_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_qa_form_versions_number")),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["qa_forms.id"],
            name=op.f("fk_qa_form_versions_form_id_qa_forms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_form_versions")),
        sa.UniqueConstraint("form_id", "number", name=op.f("uq_qa_form_versions_form_id_number")),
    )
    op.create_table(
        "qa_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("form_version_id", sa.Integer(), nullable=False),
        sa.Column("evaluator", sa.String(length=120), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score_pct", sa.Float(), nullable=False),
        sa.Column("auto_failed", sa.Boolean(), nullable=False),
        sa.Column("imported_from", sa.String(length=255), nullable=True),
        sa.CheckConstraint(
            "score_pct >= 0 AND score_pct <= 100", name=op.f("ck_qa_evaluations_score_pct")
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_qa_evaluations_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_qa_evaluations_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"],
            ["queues.id"],
            name=op.f("fk_qa_evaluations_queue_id_queues"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["form_version_id"],
            ["qa_form_versions.id"],
            name=op.f("fk_qa_evaluations_form_version_id_qa_form_versions"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_evaluations")),
    )
    op.create_index(
        "ix_qa_evaluations_agent_at", "qa_evaluations", ["agent_id", "evaluated_at"], unique=False
    )
    op.create_index("ix_qa_evaluations_at", "qa_evaluations", ["evaluated_at"], unique=False)
    op.create_index("ix_qa_evaluations_contact", "qa_evaluations", ["contact_id"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
    op.execute(_stamp(schema))
    op.execute(
        "CREATE TRIGGER sc_qa_stamp BEFORE INSERT ON qa_evaluations FOR EACH ROW "
        "EXECUTE FUNCTION sc_qa_stamp()"
    )
    op.execute(
        f"CREATE POLICY sc_site ON qa_evaluations FOR ALL USING {_POLICY} WITH CHECK {_POLICY}"
    )
    op.execute("ALTER TABLE qa_evaluations ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS sc_qa_stamp ON qa_evaluations")
        op.execute("DROP FUNCTION IF EXISTS sc_qa_stamp()")
    op.drop_index("ix_qa_evaluations_contact", table_name="qa_evaluations")
    op.drop_index("ix_qa_evaluations_at", table_name="qa_evaluations")
    op.drop_index("ix_qa_evaluations_agent_at", table_name="qa_evaluations")
    op.drop_table("qa_evaluations")
    op.drop_table("qa_form_versions")
    op.drop_table("qa_forms")
