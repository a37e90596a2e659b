"""forecast generation and capacity planning (issue 5)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "site_planning",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=8), nullable=True),
        sa.Column("subdivision", sa.String(length=16), nullable=True),
        sa.Column("fte_weekly_hours", sa.Double(), nullable=False),
        sa.CheckConstraint(
            "fte_weekly_hours > 0 AND fte_weekly_hours <= 80",
            name=op.f("ck_site_planning_fte_weekly_hours"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
            name=op.f("fk_site_planning_site_id_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_site_planning")),
    )
    op.create_table(
        "queue_planning",
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.Column("shrinkage", sa.Double(), nullable=False),
        sa.Column("max_occupancy", sa.Double(), nullable=False),
        sa.Column("patience_seconds", sa.Double(), nullable=True),
        sa.CheckConstraint(
            "shrinkage >= 0 AND shrinkage < 1", name=op.f("ck_queue_planning_shrinkage")
        ),
        sa.CheckConstraint(
            "max_occupancy > 0 AND max_occupancy <= 1",
            name=op.f("ck_queue_planning_max_occupancy"),
        ),
        sa.CheckConstraint(
            "patience_seconds IS NULL OR patience_seconds > 0",
            name=op.f("ck_queue_planning_patience_seconds"),
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"],
            ["queues.id"],
            name=op.f("fk_queue_planning_queue_id_queues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("queue_id", name=op.f("pk_queue_planning")),
    )
    op.create_table(
        "weekly_budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_weekly_budgets_amount")),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
            name=op.f("fk_weekly_budgets_site_id_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_budgets")),
        sa.UniqueConstraint(
            "site_id", "week_start", name=op.f("uq_weekly_budgets_site_id_week_start")
        ),
    )


def downgrade() -> None:
    op.drop_table("weekly_budgets")
    op.drop_table("queue_planning")
    op.drop_table("site_planning")
