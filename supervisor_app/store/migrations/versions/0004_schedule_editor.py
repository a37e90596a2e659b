"""schedule editor: templates, publications, labour rules (issue 6)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACTIVITY_KINDS = ("break", "lunch", "training", "meeting", "coaching", "off_phone")


def _utc() -> sa.DateTime:
    """The DDL of the models' ``UTCDateTime``, whose UTC handling lives in Python, not SQL."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "shift_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "start_minute >= 0 AND start_minute < 1440",
            name=op.f("ck_shift_templates_start_minute"),
        ),
        sa.CheckConstraint(
            "duration_minutes > 0", name=op.f("ck_shift_templates_duration_minutes")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
            name=op.f("fk_shift_templates_site_id_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_templates")),
        sa.UniqueConstraint("site_id", "name", name=op.f("uq_shift_templates_site_id_name")),
    )
    op.create_table(
        "shift_template_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                *_ACTIVITY_KINDS, name="activity_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("offset_minutes", sa.Integer(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "offset_minutes >= 0", name=op.f("ck_shift_template_activities_offset_minutes")
        ),
        sa.CheckConstraint(
            "duration_minutes > 0", name=op.f("ck_shift_template_activities_duration_minutes")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["shift_templates.id"],
            name=op.f("fk_shift_template_activities_template_id_shift_templates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_template_activities")),
    )
    with op.batch_alter_table("shift_template_activities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_shift_template_activities_template", ["template_id"], unique=False
        )

    op.create_table(
        "schedule_rule_settings",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("min_shift_minutes", sa.Integer(), nullable=False),
        sa.Column("max_shift_minutes", sa.Integer(), nullable=False),
        sa.Column("min_rest_minutes", sa.Integer(), nullable=False),
        sa.Column("weekly_tolerance_minutes", sa.Integer(), nullable=False),
        sa.Column("lunch_is_paid", sa.Boolean(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "min_shift_minutes > 0", name=op.f("ck_schedule_rule_settings_min_shift_minutes")
        ),
        sa.CheckConstraint(
            "max_shift_minutes >= min_shift_minutes",
            name=op.f("ck_schedule_rule_settings_max_shift_minutes"),
        ),
        sa.CheckConstraint(
            "min_rest_minutes >= 0", name=op.f("ck_schedule_rule_settings_min_rest_minutes")
        ),
        sa.CheckConstraint(
            "weekly_tolerance_minutes >= 0",
            name=op.f("ck_schedule_rule_settings_weekly_tolerance_minutes"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
            name=op.f("fk_schedule_rule_settings_site_id_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_schedule_rule_settings")),
    )

    op.create_table(
        "schedule_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("published_at", _utc(), nullable=False),
        sa.Column("published_by", sa.String(length=120), nullable=False),
        sa.Column("shift_count", sa.Integer(), nullable=False),
        sa.Column("violation_count", sa.Integer(), nullable=False),
        sa.Column("override_reason", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "violation_count >= 0", name=op.f("ck_schedule_publications_violation_count")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
            name=op.f("fk_schedule_publications_site_id_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_publications")),
    )
    with op.batch_alter_table("schedule_publications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_schedule_publications_site_week", ["site_id", "week_start"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("schedule_publications", schema=None) as batch_op:
        batch_op.drop_index("ix_schedule_publications_site_week")
    op.drop_table("schedule_publications")
    op.drop_table("schedule_rule_settings")
    with op.batch_alter_table("shift_template_activities", schema=None) as batch_op:
        batch_op.drop_index("ix_shift_template_activities_template")
    op.drop_table("shift_template_activities")
    op.drop_table("shift_templates")
