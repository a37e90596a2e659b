"""the site's service-level variant (issue 4)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on both engines: rebuilding ``sites`` (batch mode) would drop
    # the KPI rollups' triggers on it. Values are checked by the service that sets them.
    op.add_column(
        "sites",
        sa.Column("service_level_variant", sa.String(26), nullable=False, server_default="offered"),
    )


def downgrade() -> None:
    op.drop_column("sites", "service_level_variant")
