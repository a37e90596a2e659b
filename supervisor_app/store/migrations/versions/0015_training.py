"""training: courses, the queues that require them, completions with expiry (issue 18)

On PostgreSQL, the two tables that belong to a site through a queue or an agent
get the row-level policy of 0012 (``sc_site_limits()``, written out here: a
revision is frozen); courses belong to no site.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_POLICIES: dict[str, str] = {
    "training_requirements": (
        "((SELECT sc_site_limits()) IS NULL OR queue_id IN (SELECT q.id FROM queues q "
        "WHERE q.site_id = ANY ((SELECT sc_site_limits())::integer[])))"
    ),
    "training_completions": (
        "((SELECT sc_site_limits()) IS NULL OR agent_id IN (SELECT a.id FROM agents a "
        "WHERE a.site_id = ANY ((SELECT sc_site_limits())::integer[])))"
    ),
}


def upgrade() -> None:
    op.create_table(
        "training_courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "valid_days IS NULL OR valid_days > 0", name=op.f("ck_training_courses_valid_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_courses")),
        sa.UniqueConstraint("name", name=op.f("uq_training_courses_name")),
    )
    op.create_table(
        "training_requirements",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["training_courses.id"],
            name=op.f("fk_training_requirements_course_id_training_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"],
            ["queues.id"],
            name=op.f("fk_training_requirements_queue_id_queues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("course_id", "queue_id", name=op.f("pk_training_requirements")),
    )
    op.create_table(
        "training_completions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "expires_on IS NULL OR expires_on > completed_on",
            name=op.f("ck_training_completions_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_training_completions_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["training_courses.id"],
            name=op.f("fk_training_completions_course_id_training_courses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_completions")),
    )
    op.create_index(
        "ix_training_completions_agent_course",
        "training_completions",
        ["agent_id", "course_id"],
        unique=False,
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, condition in _POLICIES.items():
        op.execute(
            f"CREATE POLICY sc_site ON {table} FOR ALL USING {condition} WITH CHECK {condition}"
        )
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    op.drop_index("ix_training_completions_agent_course", table_name="training_completions")
    op.drop_table("training_completions")
    op.drop_table("training_requirements")
    op.drop_table("training_courses")
