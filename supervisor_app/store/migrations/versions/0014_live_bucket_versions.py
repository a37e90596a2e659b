"""live bucket versions: the live view sums each closed quarter-hour of today once (issue 16)

``live_bucket_versions`` keeps, per UTC quarter-hour (seconds since 1970 // 900),
a version that triggers on ``contacts`` bump for the quarter-hour of every row
inserted, updated (old and new arrival) or deleted. The live view keeps each
closed quarter-hour's sums and reads one again only when its version moves, so
a refresh costs the same at 23:59 as at 08:00. Row triggers on SQLite; on
PostgreSQL one statement trigger per verb reading the transition tables, which
upserts each bucket a statement touched once, in bucket order (two writers
never wait on each other's buckets in opposite orders).

Rows are never deleted: one per quarter-hour that received a contact, 35,040 a
year. The DDL is written out here, frozen: a later change is a revision of its own.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "live_bucket_versions",
        sa.Column("bucket", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", name=op.f("pk_live_bucket_versions")),
    )
    for statement in _for_this_engine(_SQLITE_TRIGGERS, _POSTGRESQL_TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    for statement in _for_this_engine(_SQLITE_DROPS, _POSTGRESQL_DROPS):
        op.execute(statement)
    op.drop_table("live_bucket_versions")


def _for_this_engine(sqlite: tuple[str, ...], postgresql: tuple[str, ...]) -> tuple[str, ...]:
    return postgresql if op.get_bind().dialect.name == "postgresql" else sqlite


def _sqlite_bump(row: str) -> str:
    # The stored text cut to whole seconds: strftime() alone rounds to the millisecond,
    # which would put 00:14:59.9996 in the next quarter-hour.
    return (
        "INSERT INTO live_bucket_versions (bucket, version) "
        f"VALUES (CAST(strftime('%s', substr({row}.arrived_at, 1, 19)) AS INTEGER) / 900, 1) "
        "ON CONFLICT (bucket) DO UPDATE SET version = version + 1;"
    )


_SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS live_b_contacts_ins AFTER INSERT ON contacts FOR EACH ROW "
    f"BEGIN {_sqlite_bump('NEW')} END",
    "CREATE TRIGGER IF NOT EXISTS live_b_contacts_upd AFTER UPDATE ON contacts FOR EACH ROW "
    f"BEGIN {_sqlite_bump('OLD')} {_sqlite_bump('NEW')} END",
    "CREATE TRIGGER IF NOT EXISTS live_b_contacts_del AFTER DELETE ON contacts FOR EACH ROW "
    f"BEGIN {_sqlite_bump('OLD')} END",
)


def _pg_bump(rows: str) -> str:
    return (
        "INSERT INTO live_bucket_versions AS v (bucket, version) "
        "SELECT DISTINCT floor(extract(epoch FROM r.arrived_at) / 900)::bigint, 1 "
        f"FROM {rows} r ORDER BY 1 "
        "ON CONFLICT (bucket) DO UPDATE SET version = v.version + 1;"
    )


_POSTGRESQL_TRIGGERS = (
    (
        "CREATE OR REPLACE FUNCTION live_b_contacts() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"  IF TG_OP <> 'DELETE' THEN {_pg_bump('live_new')} END IF;\n"
        f"  IF TG_OP <> 'INSERT' THEN {_pg_bump('live_old')} END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER live_b_contacts_ins AFTER INSERT ON contacts "
        "REFERENCING NEW TABLE AS live_new FOR EACH STATEMENT EXECUTE FUNCTION live_b_contacts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER live_b_contacts_upd AFTER UPDATE ON contacts "
        "REFERENCING OLD TABLE AS live_old NEW TABLE AS live_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION live_b_contacts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER live_b_contacts_del AFTER DELETE ON contacts "
        "REFERENCING OLD TABLE AS live_old FOR EACH STATEMENT EXECUTE FUNCTION live_b_contacts()"
    ),
)

_SQLITE_DROPS = (
    "DROP TRIGGER IF EXISTS live_b_contacts_ins",
    "DROP TRIGGER IF EXISTS live_b_contacts_upd",
    "DROP TRIGGER IF EXISTS live_b_contacts_del",
)

_POSTGRESQL_DROPS = (
    "DROP TRIGGER IF EXISTS live_b_contacts_ins ON contacts",
    "DROP TRIGGER IF EXISTS live_b_contacts_upd ON contacts",
    "DROP TRIGGER IF EXISTS live_b_contacts_del ON contacts",
    "DROP FUNCTION IF EXISTS live_b_contacts()",
)
