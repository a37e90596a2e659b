"""every agent at a site: agents.site_id (issue 13)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

An agent reached a site only through a team, if at all (a queue_log import
creates agents with no team), so a database with two sites could not say whose
agent an agent is. The column is backfilled from the agent's team, else from
the only site (or, with several sites and no team, the first one: an
administrator moves them afterwards).

SQLite can't add a NOT NULL column with a foreign key in place, and rebuilding
``agents`` with foreign keys on would cascade-delete their skills; there the
column is added nullable and two triggers refuse a NULL, which is the same rule.
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
    "(SELECT MIN(sites.id) FROM sites))"
)
REFUSE_NULL = (
    "CREATE TRIGGER agents_site_required_{verb} BEFORE {event} ON agents "
    "FOR EACH ROW WHEN NEW.site_id IS NULL BEGIN "
    "SELECT RAISE(ABORT, 'NOT NULL constraint failed: agents.site_id'); END"
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # ADD COLUMN may carry a REFERENCES clause when its default is NULL
        op.execute(
            "ALTER TABLE agents ADD COLUMN site_id INTEGER REFERENCES sites (id) ON DELETE CASCADE"
        )
    else:
        op.add_column("agents", sa.Column("site_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_agents_site_id_sites", "agents", "sites", ["site_id"], ["id"], ondelete="CASCADE"
        )
    op.execute(BACKFILL)
    op.create_index("ix_agents_site_id", "agents", ["site_id"])
    if sqlite:
        op.execute(REFUSE_NULL.format(verb="ins", event="INSERT"))
        op.execute(REFUSE_NULL.format(verb="upd", event="UPDATE OF site_id"))
    else:
        op.alter_column("agents", "site_id", nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS agents_site_required_ins")
        op.execute("DROP TRIGGER IF EXISTS agents_site_required_upd")
    op.drop_index("ix_agents_site_id", table_name="agents")
    with op.batch_alter_table("agents") as batch_op:
        batch_op.drop_column("site_id")
