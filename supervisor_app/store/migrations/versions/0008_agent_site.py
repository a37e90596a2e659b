"""every agent at a site: agents.site_id (issue 13)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

An agent reached a site only through a team, if at all (a queue_log import
creates agents with no team), so a database with two sites could not say whose
agent an agent is. The column is backfilled from the agent's team, else from
the only site (or, with several sites and no team, the first one: an
administrator moves them afterwards; with no site at all, one named "Imported"
is made for them).

SQLite can't add a NOT NULL column with a foreign key in place, and rebuilding
``agents`` (batch mode) with foreign keys on would cascade-delete every agent's
skills and shifts when the old table is dropped. The column is added plain and
filled, then the table's definition is edited in ``sqlite_schema`` — SQLite's
documented way for a change that leaves the stored rows as they are — to the
NOT NULL, named foreign key a new database gets.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = (
    "UPDATE agents SET site_id = COALESCE("
    "(SELECT teams.site_id FROM teams WHERE teams.id = agents.team_id), "
    "(SELECT MIN(sites.id) FROM sites)) WHERE site_id IS NULL"
)
ORPHANS_SITE = (
    "INSERT INTO sites (name, timezone, interval_minutes, service_level_variant) "
    "SELECT 'Imported', 'UTC', 15, 'offered' "
    "WHERE EXISTS (SELECT 1 FROM agents WHERE site_id IS NULL) "
    "AND NOT EXISTS (SELECT 1 FROM sites)"
)
FK_NAME = "fk_agents_site_id_sites"
SQLITE_FK = f"CONSTRAINT {FK_NAME} FOREIGN KEY(site_id) REFERENCES sites (id) ON DELETE CASCADE"


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.add_column("agents", sa.Column("site_id", sa.Integer(), nullable=True))
    op.execute(ORPHANS_SITE)
    op.execute(BACKFILL)
    if sqlite:
        _sqlite_not_null_with_key(bind)
    else:
        op.alter_column("agents", "site_id", nullable=False)
        op.create_foreign_key(FK_NAME, "agents", "sites", ["site_id"], ["id"], ondelete="CASCADE")
    op.create_index("ix_agents_site_id", "agents", ["site_id"])


def _sqlite_not_null_with_key(bind: sa.Connection) -> None:
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'agents'"
    ).scalar_one()
    column = "site_id INTEGER"
    if column not in sql or not sql.rstrip().endswith(")"):
        raise RuntimeError(f"unexpected definition of agents: {sql}")
    body = sql.rstrip()[:-1].rstrip()
    edited = body.replace(column, f"{column} NOT NULL", 1) + f", {SQLITE_FK}\n)"
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'agents'", (edited,)
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def downgrade() -> None:
    op.drop_index("ix_agents_site_id", table_name="agents")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("agents") as batch_op:
            batch_op.drop_constraint(FK_NAME, type_="foreignkey")
            batch_op.drop_column("site_id")
    else:
        op.drop_constraint(FK_NAME, "agents", type_="foreignkey")
        op.drop_column("agents", "site_id")
