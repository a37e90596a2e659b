"""live slice versions: the live view re-sums the ten-second slices a write touched (issue 16)

``live_bucket_versions`` (0014) lets the live view keep each closed quarter-hour
of today; but the quarter-hour in progress, and the one before it while its
contacts are still being answered and ended, move at every write, and were
summed whole at every refresh. On a floor taking a hundred arrivals a second that
was 14,000 contacts and 22 ms of the server's time per refresh, per console.

``live_slice_versions`` keeps a version per ten-second slice (seconds since 1970
// 10) in 256 slots (``slice % 256``, 42 minutes): triggers on ``contacts`` bump
the slot of every row inserted, updated (old and new arrival) or deleted. A
slot is reused as time goes on, so the table holds at most 256 rows; a write to
an older slice of the same slot only makes the live view read the recent slice
again. Row triggers on
SQLite; on PostgreSQL one statement trigger per verb reading the transition
tables, which upserts each slot a statement touched once, in slot order.

The functions run as invoker here; ``db roles`` makes every trigger function of
the schema SECURITY DEFINER with a fixed ``search_path``, as for 0014's. Frozen:
the DDL is written out here.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "live_slice_versions",
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("slot", name=op.f("pk_live_slice_versions")),
    )
    for statement in _for_this_engine(_SQLITE_TRIGGERS, _POSTGRESQL_TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    for statement in _for_this_engine(_SQLITE_DROPS, _POSTGRESQL_DROPS):
        op.execute(statement)
    op.drop_table("live_slice_versions")


def _for_this_engine(sqlite: tuple[str, ...], postgresql: tuple[str, ...]) -> tuple[str, ...]:
    return postgresql if op.get_bind().dialect.name == "postgresql" else sqlite


def _sqlite_bump(row: str) -> str:
    # Whole seconds of the stored text, as 0014 cuts them (strftime alone rounds).
    slice_ = f"(CAST(strftime('%s', substr({row}.arrived_at, 1, 19)) AS INTEGER) / 10)"
    return (
        "INSERT INTO live_slice_versions (slot, version) "
        f"VALUES ({slice_} % 256, 1) "
        "ON CONFLICT (slot) DO UPDATE SET version = version + 1;"
    )


_SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS live_s_contacts_ins AFTER INSERT ON contacts FOR EACH ROW "
    f"BEGIN {_sqlite_bump('NEW')} END",
    "CREATE TRIGGER IF NOT EXISTS live_s_contacts_upd AFTER UPDATE ON contacts FOR EACH ROW "
    f"BEGIN {_sqlite_bump('OLD')} {_sqlite_bump('NEW')} END",
    "CREATE TRIGGER IF NOT EXISTS live_s_contacts_del AFTER DELETE ON contacts FOR EACH ROW "
    f"BEGIN {_sqlite_bump('OLD')} END",
)


def _pg_bump(rows: str) -> str:
    # DISTINCT slots: two slices 256 apart in one statement share one.
    return (
        "INSERT INTO live_slice_versions AS v (slot, version) "
        "SELECT DISTINCT floor(extract(epoch FROM r.arrived_at) / 10)::bigint % 256, 1 "
        f"FROM {rows} r ORDER BY 1 "
        "ON CONFLICT (slot) DO UPDATE SET version = v.version + 1;"
    )


_POSTGRESQL_TRIGGERS = (
    (
        "CREATE OR REPLACE FUNCTION live_s_contacts() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"  IF TG_OP <> 'DELETE' THEN {_pg_bump('live_new')} END IF;\n"
        f"  IF TG_OP <> 'INSERT' THEN {_pg_bump('live_old')} END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER live_s_contacts_ins AFTER INSERT ON contacts "
        "REFERENCING NEW TABLE AS live_new FOR EACH STATEMENT EXECUTE FUNCTION live_s_contacts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER live_s_contacts_upd AFTER UPDATE ON contacts "
        "REFERENCING OLD TABLE AS live_old NEW TABLE AS live_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION live_s_contacts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER live_s_contacts_del AFTER DELETE ON contacts "
        "REFERENCING OLD TABLE AS live_old FOR EACH STATEMENT EXECUTE FUNCTION live_s_contacts()"
    ),
)

_SQLITE_DROPS = (
    "DROP TRIGGER IF EXISTS live_s_contacts_ins",
    "DROP TRIGGER IF EXISTS live_s_contacts_upd",
    "DROP TRIGGER IF EXISTS live_s_contacts_del",
)

_POSTGRESQL_DROPS = (
    "DROP TRIGGER IF EXISTS live_s_contacts_ins ON contacts",
    "DROP TRIGGER IF EXISTS live_s_contacts_upd ON contacts",
    "DROP TRIGGER IF EXISTS live_s_contacts_del ON contacts",
    "DROP FUNCTION IF EXISTS live_s_contacts()",
)
