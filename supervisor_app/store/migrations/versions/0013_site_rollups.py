"""KPI rollups kept per site (issue 16)

The rollup tables of revision 0006 held one zone's local days, so a database
with several sites read the raw tables for every report. Rollup days are now
keyed by (site, local day) and their cells carry the site, so each site keeps
its own days in its own zone and "all sites" sums the sites' rollups.

Rollups are a cache rebuilt from the raw tables on demand, so the three tables
are dropped and created anew (their rows would need a site to keep). The day
versions (``kpi_day_versions``) and the triggers that bump them are untouched:
they number UTC days, the same for every site.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
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


# Row-level security on the summaries, written out (a revision is frozen; the tables
# are recreated here and a policy goes with its table): now that each row belongs to
# a site, a site-limited login reads its sites' rows (so its reports are as fast as an
# unlimited one's) but writes none; only unlimited logins build and keep summaries.
_SUMMARIES = ("kpi_rollup_days", "kpi_rollup_contacts", "kpi_rollup_agent_time")
_UNLIMITED = "((SELECT sc_site_limits()) IS NULL)"
_ITS_SITES = (
    "((SELECT sc_site_limits()) IS NULL OR site_id = ANY ((SELECT sc_site_limits())::integer[]))"
)


def upgrade() -> None:
    _drop()
    _create(per_site=True)
    _secure(per_site=True)


def downgrade() -> None:
    _drop()
    _create(per_site=False)
    _secure(per_site=False)


def _secure(*, per_site: bool) -> None:
    """On PostgreSQL: reading by site for everyone, writing for unlimited logins only
    (permissive policies add up: SELECT passes either, a write only ``sc_site``);
    without sites (the downgrade), 0012's policy alone: unlimited logins only."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _SUMMARIES:
        op.execute(
            f"CREATE POLICY sc_site ON {table} FOR ALL USING {_UNLIMITED} WITH CHECK {_UNLIMITED}"
        )
        if per_site:
            op.execute(f"CREATE POLICY sc_site_read ON {table} FOR SELECT USING {_ITS_SITES}")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")


def _drop() -> None:
    op.drop_table("kpi_rollup_agent_time")
    op.drop_table("kpi_rollup_contacts")
    op.drop_table("kpi_rollup_days")


def _site_column(per_site: bool) -> list[sa.Column[int]]:
    return [sa.Column("site_id", sa.Integer(), nullable=False)] if per_site else []


def _create(*, per_site: bool) -> None:
    """The rollup tables keyed by (site, day), or by day alone as revision 0006 made them."""
    key = ["site_id", "day"] if per_site else ["day"]
    days = [
        *_site_column(per_site),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dep_first", sa.Integer(), nullable=False),
        sa.Column("dep_last", sa.Integer(), nullable=False),
        sa.Column("version_sum", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_kpi_rollup_days")),
    ]
    if per_site:
        days.append(
            sa.ForeignKeyConstraint(
                ["site_id"],
                ["sites.id"],
                ondelete="CASCADE",
                name=op.f("fk_kpi_rollup_days_site_id_sites"),
            )
        )
    op.create_table("kpi_rollup_days", *days)

    def day_fk(table: str) -> sa.ForeignKeyConstraint:
        suffix = "site_id" if per_site else "day"
        return sa.ForeignKeyConstraint(
            key,
            [f"kpi_rollup_days.{c}" for c in key],
            ondelete="CASCADE",
            name=op.f(f"fk_{table}_{suffix}_kpi_rollup_days"),
        )

    op.create_table(
        "kpi_rollup_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        *_site_column(per_site),
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
        day_fk("kpi_rollup_contacts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_rollup_contacts")),
    )
    name = (
        "ix_kpi_rollup_contacts_site_day_grain" if per_site else "ix_kpi_rollup_contacts_day_grain"
    )
    op.create_index(name, "kpi_rollup_contacts", [*key, "grain"], unique=False)
    op.create_table(
        "kpi_rollup_agent_time",
        sa.Column("id", sa.Integer(), nullable=False),
        *_site_column(per_site),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        *(sa.Column(n, sa.Float(), nullable=False) for n in _AGENT_TIME),
        day_fk("kpi_rollup_agent_time"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_rollup_agent_time")),
    )
    name = "ix_kpi_rollup_agent_time_site_day" if per_site else "ix_kpi_rollup_agent_time_day"
    op.create_index(name, "kpi_rollup_agent_time", key, unique=False)
