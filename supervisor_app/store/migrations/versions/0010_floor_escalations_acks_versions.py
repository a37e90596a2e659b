"""people's escalations, shared alert acknowledgements, versioned forecasts and budgets (issue 13)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN on both engines: rebuilding a table (batch mode) on SQLite
    # would drop the KPI rollups' triggers. Existing rows start at version 1.
    op.add_column("escalations", sa.Column("raised_by", sa.String(120), nullable=True))
    op.add_column(
        "forecasts", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column(
        "weekly_budgets", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    op.create_table(
        "alert_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=120), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_acknowledgements")),
    )
    op.create_index("ix_alert_acknowledgements_at", "alert_acknowledgements", ["acknowledged_at"])


def downgrade() -> None:
    op.drop_index("ix_alert_acknowledgements_at", table_name="alert_acknowledgements")
    op.drop_table("alert_acknowledgements")
    op.drop_column("weekly_budgets", "version")
    op.drop_column("forecasts", "version")
    op.drop_column("escalations", "raised_by")
