"""KPI rollup tables kept current by writers (issue 4)

Per local day summaries of the KPI history (``kpi_rollup_*``) and the per UTC
day versions that guard them, bumped by triggers on every table that feeds a
KPI (row triggers on SQLite, statement triggers with transition tables on
PostgreSQL): see ``supervisor_app.store.models.rollups``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from supervisor_app.store.models.rollups import drop_rollup_trigger_ddl, rollup_trigger_ddl

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONTACT_COUNTS = (
    "offered",
    "answered",
    "abandoned",
    "short_abandoned",
    "abandoned_after_threshold",
    "answered_within_threshold",
    "timed_out",
    "transferred",
    "escalated",
)
_QUALITY = (
    "csat_satisfied",
    "csat_responses",
    "nps_promoters",
    "nps_detractors",
    "nps_responses",
    "fcr_resolved",
    "fcr_handled",
)
_AGENT_TIME = ("handling_seconds", "available_seconds", "scheduled_seconds", "adherent_seconds")


def upgrade() -> None:
    op.create_table(
        "kpi_day_versions",
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_kpi_day_versions")),
    )
    op.create_table(
        "kpi_rollup_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dep_first", sa.Integer(), nullable=False),
        sa.Column("dep_last", sa.Integer(), nullable=False),
        sa.Column("version_sum", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_kpi_rollup_days")),
    )
    op.create_table(
        "kpi_rollup_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("grain", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        *(sa.Column(n, sa.Integer(), nullable=False) for n in _CONTACT_COUNTS),
        sa.Column("answer_wait_seconds", sa.Float(), nullable=False),
        sa.Column("handled", sa.Integer(), nullable=False),
        sa.Column("handle_seconds", sa.Float(), nullable=False),
        sa.Column("longest_wait_seconds", sa.Float(), nullable=True),
        *(sa.Column(n, sa.Integer(), nullable=False) for n in _QUALITY),
        sa.Column("waits", sa.LargeBinary(), nullable=False),
        sa.Column("handles", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["day"],
            ["kpi_rollup_days.day"],
            ondelete="CASCADE",
            name=op.f("fk_kpi_rollup_contacts_day_kpi_rollup_days"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_rollup_contacts")),
    )
    op.create_index(
        "ix_kpi_rollup_contacts_day_grain", "kpi_rollup_contacts", ["day", "grain"], unique=False
    )
    op.create_table(
        "kpi_rollup_agent_time",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        *(sa.Column(n, sa.Float(), nullable=False) for n in _AGENT_TIME),
        sa.ForeignKeyConstraint(
            ["day"],
            ["kpi_rollup_days.day"],
            ondelete="CASCADE",
            name=op.f("fk_kpi_rollup_agent_time_day_kpi_rollup_days"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_rollup_agent_time")),
    )
    op.create_index("ix_kpi_rollup_agent_time_day", "kpi_rollup_agent_time", ["day"], unique=False)
    for statement in rollup_trigger_ddl(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_rollup_trigger_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_index("ix_kpi_rollup_agent_time_day", table_name="kpi_rollup_agent_time")
    op.drop_table("kpi_rollup_agent_time")
    op.drop_index("ix_kpi_rollup_contacts_day_grain", table_name="kpi_rollup_contacts")
    op.drop_table("kpi_rollup_contacts")
    op.drop_table("kpi_rollup_days")
    op.drop_table("kpi_day_versions")
