"""optimistic locking on sites, teams, agents and queues; inactive queues (issue 13)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_VERSIONED = ("sites", "teams", "agents", "queues")


def upgrade() -> None:
    # Plain ADD COLUMN on both engines: rebuilding these tables (batch mode) would drop
    # the KPI rollups' triggers on sites and queues.
    for table in _VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column(
        "queues", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )


def downgrade() -> None:
    op.drop_column("queues", "active")
    for table in reversed(_VERSIONED):
        op.drop_column(table, "version")
