"""KPI rollup tables kept current by writers (issue 4)

Per local day summaries of the KPI history (``kpi_rollup_*``) and the per UTC
day versions that guard them, bumped by triggers on every table that feeds a
KPI (row triggers on SQLite, statement triggers with transition tables on
PostgreSQL).

The trigger DDL is written out at the end of this file, exactly as
``store.models.rollups`` produced it when this revision was made: a revision is
frozen, so changing the triggers there never changes what upgrading through 0006
does (a new revision replaces them instead).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

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
    for statement in _for_this_engine(_SQLITE_TRIGGERS, _POSTGRESQL_TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    for statement in _for_this_engine(_SQLITE_DROPS, _POSTGRESQL_DROPS):
        op.execute(statement)
    op.drop_index("ix_kpi_rollup_agent_time_day", table_name="kpi_rollup_agent_time")
    op.drop_table("kpi_rollup_agent_time")
    op.drop_index("ix_kpi_rollup_contacts_day_grain", table_name="kpi_rollup_contacts")
    op.drop_table("kpi_rollup_contacts")
    op.drop_table("kpi_rollup_days")
    op.drop_table("kpi_day_versions")


def _for_this_engine(sqlite: tuple[str, ...], postgresql: tuple[str, ...]) -> tuple[str, ...]:
    return postgresql if op.get_bind().dialect.name == "postgresql" else sqlite


# The version triggers: row triggers on SQLite; on PostgreSQL statement triggers that
# read the transition tables, and one function per watched table. The day of a
# timestamp is its UTC day number (days since 1970-01-01).
_SQLITE_TRIGGERS = (
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_contacts_ins AFTER INSERT ON contacts FOR EACH ROW "
        "BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.arrived_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.arrived_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_contacts_upd AFTER UPDATE ON contacts FOR EACH ROW "
        "BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.arrived_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.arrived_at)) - 2440587.5 AS INTEGER); "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.arrived_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.arrived_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_contacts_del AFTER DELETE ON contacts FOR EACH ROW "
        "BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.arrived_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.arrived_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_survey_responses_ins AFTER INSERT ON survey_responses "
        "FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = NEW.contact_id))) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = NEW.contact_id))) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_survey_responses_upd AFTER "
        "UPDATE ON survey_responses FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = OLD.contact_id))) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = OLD.contact_id))) - 2440587.5 AS INTEGER); "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = NEW.contact_id))) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = NEW.contact_id))) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_survey_responses_del AFTER DELETE ON survey_responses "
        "FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = OLD.contact_id))) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday(((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = OLD.contact_id))) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_agent_state_spans_ins AFTER INSERT ON "
        "agent_state_spans FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.started_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((COALESCE(NEW.ended_at, 'now'))) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_agent_state_spans_upd AFTER "
        "UPDATE ON agent_state_spans FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.started_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((COALESCE(OLD.ended_at, 'now'))) - 2440587.5 AS INTEGER); "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.started_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((COALESCE(NEW.ended_at, 'now'))) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_agent_state_spans_del AFTER DELETE ON "
        "agent_state_spans FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.started_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((COALESCE(OLD.ended_at, 'now'))) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_shifts_ins AFTER INSERT ON shifts FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_shifts_upd AFTER UPDATE ON shifts FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.ends_at)) - 2440587.5 AS INTEGER); "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_shifts_del AFTER DELETE ON shifts FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_shift_activities_ins AFTER INSERT ON shift_activities "
        "FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_shift_activities_upd AFTER "
        "UPDATE ON shift_activities FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.ends_at)) - 2440587.5 AS INTEGER); "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_shift_activities_del AFTER DELETE ON shift_activities "
        "FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_adherence_approvals_ins AFTER INSERT ON "
        "adherence_approvals FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_adherence_approvals_upd AFTER "
        "UPDATE ON adherence_approvals FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.ends_at)) - 2440587.5 AS INTEGER); "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((NEW.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((NEW.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_adherence_approvals_del AFTER DELETE ON "
        "adherence_approvals FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 "
        "WHERE day BETWEEN CAST(julianday((OLD.starts_at)) - 2440587.5 AS INTEGER) "
        "AND CAST(julianday((OLD.ends_at)) - 2440587.5 AS INTEGER); END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_queues_upd AFTER "
        "UPDATE OF answer_threshold_seconds, short_abandon_seconds ON queues FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 WHERE day = -1; END"
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS kpi_v_sites_upd AFTER "
        "UPDATE OF timezone, interval_minutes ON sites FOR EACH ROW BEGIN "
        "UPDATE kpi_day_versions SET version = version + 1 WHERE day = -1; END"
    ),
)

_POSTGRESQL_TRIGGERS = (
    (
        "CREATE OR REPLACE FUNCTION kpi_v_contacts() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  IF TG_OP <> 'DELETE' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.arrived_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.arrived_at)) / 86400)::int) AS hi FROM kpi_new r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  IF TG_OP <> 'INSERT' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.arrived_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.arrived_at)) / 86400)::int) AS hi FROM kpi_old r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_contacts_ins AFTER INSERT ON contacts "
        "REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_contacts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_contacts_upd AFTER UPDATE ON contacts "
        "REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_contacts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_contacts_del AFTER DELETE ON contacts "
        "REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_contacts()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_survey_responses() RETURNS trigger LANGUAGE plpgsql AS "
        "$$\n"
        "BEGIN\n"
        "  IF TG_OP <> 'DELETE' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM ((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = r.contact_id))) / 86400)::int) AS lo, max(floor(extract(epoch FROM ((SELECT "
        "c.arrived_at FROM contacts c WHERE c.id = r.contact_id))) / 86400)::int) AS hi "
        "FROM kpi_new r) b WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  IF TG_OP <> 'INSERT' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM ((SELECT c.arrived_at FROM contacts c "
        "WHERE c.id = r.contact_id))) / 86400)::int) AS lo, max(floor(extract(epoch FROM ((SELECT "
        "c.arrived_at FROM contacts c WHERE c.id = r.contact_id))) / 86400)::int) AS hi "
        "FROM kpi_old r) b WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_survey_responses_ins AFTER INSERT ON survey_responses "
        "REFERENCING NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_survey_responses()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_survey_responses_upd AFTER UPDATE ON survey_responses "
        "REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_survey_responses()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_survey_responses_del AFTER DELETE ON survey_responses "
        "REFERENCING OLD TABLE AS kpi_old "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_survey_responses()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_agent_state_spans() RETURNS trigger LANGUAGE plpgsql AS "
        "$$\n"
        "BEGIN\n"
        "  IF TG_OP <> 'DELETE' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.started_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (COALESCE(r.ended_at, now()))) / 86400)::int) AS hi "
        "FROM kpi_new r) b WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  IF TG_OP <> 'INSERT' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.started_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (COALESCE(r.ended_at, now()))) / 86400)::int) AS hi "
        "FROM kpi_old r) b WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_agent_state_spans_ins AFTER INSERT ON agent_state_spans "
        "REFERENCING NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_agent_state_spans()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_agent_state_spans_upd AFTER UPDATE ON agent_state_spans "
        "REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_agent_state_spans()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_agent_state_spans_del AFTER DELETE ON agent_state_spans "
        "REFERENCING OLD TABLE AS kpi_old "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_agent_state_spans()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_shifts() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  IF TG_OP <> 'DELETE' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.starts_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.ends_at)) / 86400)::int) AS hi FROM kpi_new r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  IF TG_OP <> 'INSERT' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.starts_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.ends_at)) / 86400)::int) AS hi FROM kpi_old r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_shifts_ins AFTER INSERT ON shifts "
        "REFERENCING NEW TABLE AS kpi_new FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_shifts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_shifts_upd AFTER UPDATE ON shifts "
        "REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_shifts()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_shifts_del AFTER DELETE ON shifts "
        "REFERENCING OLD TABLE AS kpi_old FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_shifts()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_shift_activities() RETURNS trigger LANGUAGE plpgsql AS "
        "$$\n"
        "BEGIN\n"
        "  IF TG_OP <> 'DELETE' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.starts_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.ends_at)) / 86400)::int) AS hi FROM kpi_new r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  IF TG_OP <> 'INSERT' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.starts_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.ends_at)) / 86400)::int) AS hi FROM kpi_old r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_shift_activities_ins AFTER INSERT ON shift_activities "
        "REFERENCING NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_shift_activities()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_shift_activities_upd AFTER UPDATE ON shift_activities "
        "REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_shift_activities()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_shift_activities_del AFTER DELETE ON shift_activities "
        "REFERENCING OLD TABLE AS kpi_old "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_shift_activities()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_adherence_approvals() RETURNS trigger LANGUAGE plpgsql "
        "AS $$\n"
        "BEGIN\n"
        "  IF TG_OP <> 'DELETE' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.starts_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.ends_at)) / 86400)::int) AS hi FROM kpi_new r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  IF TG_OP <> 'INSERT' THEN UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(floor(extract(epoch FROM (r.starts_at)) / 86400)::int) AS lo, "
        "max(floor(extract(epoch FROM (r.ends_at)) / 86400)::int) AS hi FROM kpi_old r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi; END IF;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_adherence_approvals_ins AFTER INSERT ON "
        "adherence_approvals REFERENCING NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_adherence_approvals()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_adherence_approvals_upd AFTER "
        "UPDATE ON adherence_approvals REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_adherence_approvals()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_adherence_approvals_del AFTER DELETE ON "
        "adherence_approvals REFERENCING OLD TABLE AS kpi_old "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_adherence_approvals()"
    ),
    (
        "CREATE OR REPLACE FUNCTION kpi_v_every_day() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  UPDATE kpi_day_versions SET version = version + 1 WHERE day = -1;\n"
        "  RETURN NULL;\n"
        "END $$"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_queues_upd AFTER "
        "UPDATE OF answer_threshold_seconds, short_abandon_seconds ON queues "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_every_day()"
    ),
    (
        "CREATE OR REPLACE TRIGGER kpi_v_sites_upd AFTER "
        "UPDATE OF timezone, interval_minutes ON sites "
        "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_every_day()"
    ),
)


# What downgrade drops, engine by engine.
_SQLITE_DROPS = (
    "DROP TRIGGER IF EXISTS kpi_v_contacts_ins",
    "DROP TRIGGER IF EXISTS kpi_v_contacts_upd",
    "DROP TRIGGER IF EXISTS kpi_v_contacts_del",
    "DROP TRIGGER IF EXISTS kpi_v_survey_responses_ins",
    "DROP TRIGGER IF EXISTS kpi_v_survey_responses_upd",
    "DROP TRIGGER IF EXISTS kpi_v_survey_responses_del",
    "DROP TRIGGER IF EXISTS kpi_v_agent_state_spans_ins",
    "DROP TRIGGER IF EXISTS kpi_v_agent_state_spans_upd",
    "DROP TRIGGER IF EXISTS kpi_v_agent_state_spans_del",
    "DROP TRIGGER IF EXISTS kpi_v_shifts_ins",
    "DROP TRIGGER IF EXISTS kpi_v_shifts_upd",
    "DROP TRIGGER IF EXISTS kpi_v_shifts_del",
    "DROP TRIGGER IF EXISTS kpi_v_shift_activities_ins",
    "DROP TRIGGER IF EXISTS kpi_v_shift_activities_upd",
    "DROP TRIGGER IF EXISTS kpi_v_shift_activities_del",
    "DROP TRIGGER IF EXISTS kpi_v_adherence_approvals_ins",
    "DROP TRIGGER IF EXISTS kpi_v_adherence_approvals_upd",
    "DROP TRIGGER IF EXISTS kpi_v_adherence_approvals_del",
    "DROP TRIGGER IF EXISTS kpi_v_queues_upd",
    "DROP TRIGGER IF EXISTS kpi_v_sites_upd",
)

_POSTGRESQL_DROPS = (
    "DROP TRIGGER IF EXISTS kpi_v_contacts_ins ON contacts",
    "DROP TRIGGER IF EXISTS kpi_v_contacts_upd ON contacts",
    "DROP TRIGGER IF EXISTS kpi_v_contacts_del ON contacts",
    "DROP TRIGGER IF EXISTS kpi_v_survey_responses_ins ON survey_responses",
    "DROP TRIGGER IF EXISTS kpi_v_survey_responses_upd ON survey_responses",
    "DROP TRIGGER IF EXISTS kpi_v_survey_responses_del ON survey_responses",
    "DROP TRIGGER IF EXISTS kpi_v_agent_state_spans_ins ON agent_state_spans",
    "DROP TRIGGER IF EXISTS kpi_v_agent_state_spans_upd ON agent_state_spans",
    "DROP TRIGGER IF EXISTS kpi_v_agent_state_spans_del ON agent_state_spans",
    "DROP TRIGGER IF EXISTS kpi_v_shifts_ins ON shifts",
    "DROP TRIGGER IF EXISTS kpi_v_shifts_upd ON shifts",
    "DROP TRIGGER IF EXISTS kpi_v_shifts_del ON shifts",
    "DROP TRIGGER IF EXISTS kpi_v_shift_activities_ins ON shift_activities",
    "DROP TRIGGER IF EXISTS kpi_v_shift_activities_upd ON shift_activities",
    "DROP TRIGGER IF EXISTS kpi_v_shift_activities_del ON shift_activities",
    "DROP TRIGGER IF EXISTS kpi_v_adherence_approvals_ins ON adherence_approvals",
    "DROP TRIGGER IF EXISTS kpi_v_adherence_approvals_upd ON adherence_approvals",
    "DROP TRIGGER IF EXISTS kpi_v_adherence_approvals_del ON adherence_approvals",
    "DROP TRIGGER IF EXISTS kpi_v_queues_upd ON queues",
    "DROP TRIGGER IF EXISTS kpi_v_sites_upd ON sites",
    "DROP FUNCTION IF EXISTS kpi_v_contacts()",
    "DROP FUNCTION IF EXISTS kpi_v_survey_responses()",
    "DROP FUNCTION IF EXISTS kpi_v_agent_state_spans()",
    "DROP FUNCTION IF EXISTS kpi_v_shifts()",
    "DROP FUNCTION IF EXISTS kpi_v_shift_activities()",
    "DROP FUNCTION IF EXISTS kpi_v_adherence_approvals()",
    "DROP FUNCTION IF EXISTS kpi_v_every_day()",
)
