"""agents.hire_date: when an agent joined, for the agent profile (issue 18)

Nullable: agents added before it (and those a queue_log import creates) have no
known hire date. A plain added column, so SQLite keeps the table (and the KPI
rollup triggers on other tables are untouched); row-level security on agents
already covers the new column.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("agents", sa.Column("hire_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.drop_column("hire_date")
