"""forecasts by interval start: the Live tab's what-if reads the interval holding now

``forecast_now`` asks every queue's forecast of the current interval
(``interval_start`` in one interval's range, any queue) at every live refresh. The
only index on ``forecasts`` led with ``queue_id``, so that read scanned the whole
table: 12 ms of the server's time per refresh on the live benchmark's floor (100
queues, a week ahead), more than the snapshot's own queries together, for every
console on a shared database. An index on ``interval_start`` makes it a range read.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_forecasts_interval_start", "forecasts", ["interval_start"])


def downgrade() -> None:
    op.drop_index("ix_forecasts_interval_start", table_name="forecasts")
