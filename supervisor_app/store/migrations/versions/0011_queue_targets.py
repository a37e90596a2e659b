"""queue targets by date: the values in force on each day (issue 13)

A queue's service-level target, answer threshold and short-abandon seconds
become effective-dated: ``queue_targets`` holds the values in force from a local
date until the queue's next row. Every existing queue gets a row from 1900-01-01
with its current values, and a trigger gives every queue inserted later such a
row too, whoever inserts it.

The KPI rollups no longer depend on the ``queues`` columns (they now keep the
values in force today, for lists): their every-day trigger goes, and triggers on
``queue_targets`` bump the days a row governs instead. The trigger DDL is
written out below exactly as ``store.models.rollups`` produced it when this
revision was made: a revision is frozen.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "queue_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("sl_target_percent", sa.Double(), nullable=False),
        sa.Column("threshold_seconds", sa.Integer(), nullable=False),
        sa.Column("short_abandon_seconds", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "sl_target_percent > 0 AND sl_target_percent <= 100",
            name=op.f("ck_queue_targets_sl_target_percent"),
        ),
        sa.CheckConstraint(
            "threshold_seconds > 0", name=op.f("ck_queue_targets_threshold_seconds")
        ),
        sa.CheckConstraint(
            "short_abandon_seconds >= 0", name=op.f("ck_queue_targets_short_abandon_seconds")
        ),
        sa.ForeignKeyConstraint(
            ["queue_id"],
            ["queues.id"],
            name=op.f("fk_queue_targets_queue_id_queues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_targets")),
        sa.UniqueConstraint(
            "queue_id", "effective_from", name=op.f("uq_queue_targets_queue_id_effective_from")
        ),
    )
    op.execute(
        "INSERT INTO queue_targets (queue_id, effective_from, sl_target_percent, "
        "threshold_seconds, short_abandon_seconds) SELECT id, '1900-01-01', "
        "service_level_target_pct, answer_threshold_seconds, short_abandon_seconds FROM queues"
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    statements = (
        (_POSTGRESQL_SEED, _POSTGRESQL_DROP_QUEUES, _POSTGRESQL_TRIGGERS)
        if postgresql
        else (_SQLITE_SEED, _SQLITE_DROP_QUEUES, _SQLITE_TRIGGERS)
    )
    for group in statements:
        for statement in group:
            op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    statements = (
        (_POSTGRESQL_DROPS, _POSTGRESQL_QUEUES) if postgresql else (_SQLITE_DROPS, _SQLITE_QUEUES)
    )
    for group in statements:
        for statement in group:
            op.execute(statement)
    op.drop_table("queue_targets")


# Every queue inserted gets its first row, from before all data, with its own values.
_SQLITE_SEED = (
    "CREATE TRIGGER IF NOT EXISTS queue_targets_seed AFTER INSERT ON queues FOR EACH ROW "
    "BEGIN INSERT INTO queue_targets (queue_id, effective_from, sl_target_percent, "
    "threshold_seconds, short_abandon_seconds) VALUES (NEW.id, '1900-01-01', "
    "NEW.service_level_target_pct, NEW.answer_threshold_seconds, NEW.short_abandon_seconds); "
    "END",
)
_POSTGRESQL_SEED = (
    "CREATE OR REPLACE FUNCTION queue_targets_seed() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  INSERT INTO queue_targets (queue_id, effective_from, sl_target_percent, "
    "threshold_seconds, short_abandon_seconds) VALUES (NEW.id, DATE '1900-01-01', "
    "NEW.service_level_target_pct, NEW.answer_threshold_seconds, NEW.short_abandon_seconds);\n"
    "  RETURN NULL;\n"
    "END $$",
    "CREATE OR REPLACE TRIGGER queue_targets_seed AFTER INSERT ON queues "
    "FOR EACH ROW EXECUTE FUNCTION queue_targets_seed()",
)

# The rollups' every-day trigger on the queues' columns, as revision 0006 made it.
_SQLITE_DROP_QUEUES = ("DROP TRIGGER IF EXISTS kpi_v_queues_upd",)
_POSTGRESQL_DROP_QUEUES = ("DROP TRIGGER IF EXISTS kpi_v_queues_upd ON queues",)
_SQLITE_QUEUES = (
    "CREATE TRIGGER IF NOT EXISTS kpi_v_queues_upd AFTER "
    "UPDATE OF answer_threshold_seconds, short_abandon_seconds ON queues FOR EACH ROW BEGIN "
    "UPDATE kpi_day_versions SET version = version + 1 WHERE day = -1; END",
)
_POSTGRESQL_QUEUES = (
    "CREATE OR REPLACE TRIGGER kpi_v_queues_upd AFTER "
    "UPDATE OF answer_threshold_seconds, short_abandon_seconds ON queues "
    "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_every_day()",
)

_SQLITE_DROPS = (
    "DROP TRIGGER IF EXISTS queue_targets_seed",
    "DROP TRIGGER IF EXISTS kpi_v_queue_targets_ins",
    "DROP TRIGGER IF EXISTS kpi_v_queue_targets_upd",
    "DROP TRIGGER IF EXISTS kpi_v_queue_targets_del",
)
_POSTGRESQL_DROPS = (
    "DROP TRIGGER IF EXISTS queue_targets_seed ON queues",
    "DROP FUNCTION IF EXISTS queue_targets_seed()",
    "DROP TRIGGER IF EXISTS kpi_v_queue_targets_ins ON queue_targets",
    "DROP TRIGGER IF EXISTS kpi_v_queue_targets_upd ON queue_targets",
    "DROP TRIGGER IF EXISTS kpi_v_queue_targets_del ON queue_targets",
    "DROP FUNCTION IF EXISTS kpi_v_queue_targets_ins()",
    "DROP FUNCTION IF EXISTS kpi_v_queue_targets_upd()",
    "DROP FUNCTION IF EXISTS kpi_v_queue_targets_del()",
)

# The version triggers on queue_targets: a row bumps the UTC days of the local days it
# governs, from its date to the queue's next row (one day either side for the zone).
_SQLITE_TRIGGERS = (
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_queue_targets_ins AFTER INSERT ON "
        "queue_targets FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version "
        "+ 1 WHERE day <> -1 AND day BETWEEN CAST(julianday(NEW.effective_from) - "
        "2440587.5 AS INTEGER) - 1 AND COALESCE((SELECT "
        "CAST(julianday(min(n.effective_from)) - 2440587.5 AS INTEGER) FROM "
        "queue_targets n WHERE n.queue_id = NEW.queue_id AND n.effective_from > "
        "NEW.effective_from), 2147483647) AND EXISTS (SELECT 1 FROM contacts c WHERE "
        "c.queue_id = NEW.queue_id); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_queue_targets_upd AFTER UPDATE ON "
        "queue_targets FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version "
        "+ 1 WHERE day <> -1 AND day BETWEEN CAST(julianday(OLD.effective_from) - "
        "2440587.5 AS INTEGER) - 1 AND COALESCE((SELECT "
        "CAST(julianday(min(n.effective_from)) - 2440587.5 AS INTEGER) FROM "
        "queue_targets n WHERE n.queue_id = OLD.queue_id AND n.effective_from > "
        "OLD.effective_from), 2147483647); UPDATE kpi_day_versions SET version = "
        "version + 1 WHERE day <> -1 AND day BETWEEN CAST(julianday(NEW.effective_from) "
        "- 2440587.5 AS INTEGER) - 1 AND COALESCE((SELECT "
        "CAST(julianday(min(n.effective_from)) - 2440587.5 AS INTEGER) FROM "
        "queue_targets n WHERE n.queue_id = NEW.queue_id AND n.effective_from > "
        "NEW.effective_from), 2147483647); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_queue_targets_del AFTER DELETE ON "
        "queue_targets FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version "
        "+ 1 WHERE day <> -1 AND day BETWEEN CAST(julianday(OLD.effective_from) - "
        "2440587.5 AS INTEGER) - 1 AND COALESCE((SELECT "
        "CAST(julianday(min(n.effective_from)) - 2440587.5 AS INTEGER) FROM "
        "queue_targets n WHERE n.queue_id = OLD.queue_id AND n.effective_from > "
        "OLD.effective_from), 2147483647); END"
    ),
)

_POSTGRESQL_TRIGGERS = (
    (
        "CREATE OR REPLACE FUNCTION kpi_v_queue_targets_ins() RETURNS trigger LANGUAGE "
        "plpgsql AS $$\nBEGIN\n  UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(r.effective_from - DATE '1970-01-01') - 1 AS lo, "
        "max(COALESCE((SELECT min(n.effective_from) FROM queue_targets n WHERE "
        "n.queue_id = r.queue_id AND n.effective_from > r.effective_from) - DATE "
        "'1970-01-01', 2147483647)) AS hi FROM kpi_new r WHERE EXISTS (SELECT 1 FROM "
        "contacts c WHERE c.queue_id = r.queue_id)) b WHERE v.day <> -1 AND v.day "
        "BETWEEN b.lo AND b.hi;\n  RETURN NULL;\nEND $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_queue_targets_ins AFTER INSERT ON "
        "queue_targets REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE "
        "FUNCTION kpi_v_queue_targets_ins()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_queue_targets_upd() RETURNS trigger LANGUAGE "
        "plpgsql AS $$\nBEGIN\n  UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(r.effective_from - DATE '1970-01-01') - 1 AS lo, "
        "max(COALESCE((SELECT min(n.effective_from) FROM queue_targets n WHERE "
        "n.queue_id = r.queue_id AND n.effective_from > r.effective_from) - DATE "
        "'1970-01-01', 2147483647)) AS hi FROM kpi_old r) b WHERE v.day <> -1 AND v.day "
        "BETWEEN b.lo AND b.hi; UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(r.effective_from - DATE '1970-01-01') - 1 AS lo, "
        "max(COALESCE((SELECT min(n.effective_from) FROM queue_targets n WHERE "
        "n.queue_id = r.queue_id AND n.effective_from > r.effective_from) - DATE "
        "'1970-01-01', 2147483647)) AS hi FROM kpi_new r) b WHERE v.day <> -1 AND v.day "
        "BETWEEN b.lo AND b.hi;\n  RETURN NULL;\nEND $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_queue_targets_upd AFTER UPDATE ON "
        "queue_targets REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new FOR EACH "
        "STATEMENT EXECUTE FUNCTION kpi_v_queue_targets_upd()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_queue_targets_del() RETURNS trigger LANGUAGE "
        "plpgsql AS $$\nBEGIN\n  UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(r.effective_from - DATE '1970-01-01') - 1 AS lo, "
        "max(COALESCE((SELECT min(n.effective_from) FROM queue_targets n WHERE "
        "n.queue_id = r.queue_id AND n.effective_from > r.effective_from) - DATE "
        "'1970-01-01', 2147483647)) AS hi FROM kpi_old r) b WHERE v.day <> -1 AND v.day "
        "BETWEEN b.lo AND b.hi;\n  RETURN NULL;\nEND $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_queue_targets_del AFTER DELETE ON "
        "queue_targets REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE "
        "FUNCTION kpi_v_queue_targets_del()"
    ),
)
