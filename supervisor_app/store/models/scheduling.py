"""What the schedule editor keeps besides the shifts: templates, rule settings, publications."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.store.base import Base, UTCDateTime, enum_column_type, utcnow


class ShiftTemplateRow(Base):
    """A saved shift pattern of a site: local start, length, and its activities."""

    __tablename__ = "shift_templates"
    __table_args__ = (
        UniqueConstraint("site_id", "name"),
        CheckConstraint("start_minute >= 0 AND start_minute < 1440", name="start_minute"),
        CheckConstraint("duration_minutes > 0", name="duration_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    start_minute: Mapped[int]
    duration_minutes: Mapped[int]
    version: Mapped[int] = mapped_column(default=1)

    activities: Mapped[list[ShiftTemplateActivityRow]] = relationship(
        back_populates="template",
        cascade="all, delete-orphan",
        order_by="ShiftTemplateActivityRow.offset_minutes",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ShiftTemplateActivityRow(Base):
    __tablename__ = "shift_template_activities"
    __table_args__ = (
        Index("ix_shift_template_activities_template", "template_id"),
        CheckConstraint("offset_minutes >= 0", name="offset_minutes"),
        CheckConstraint("duration_minutes > 0", name="duration_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("shift_templates.id", ondelete="CASCADE"))
    kind: Mapped[ActivityKind] = mapped_column(enum_column_type(ActivityKind, "activity_kind"))
    offset_minutes: Mapped[int]
    duration_minutes: Mapped[int]

    template: Mapped[ShiftTemplateRow] = relationship(back_populates="activities")


class ScheduleRuleSettingsRow(Base):
    """A site's labour-rule limits; a site without a row uses ``RuleSettings()``'s defaults."""

    __tablename__ = "schedule_rule_settings"
    __table_args__ = (
        CheckConstraint("min_shift_minutes > 0", name="min_shift_minutes"),
        CheckConstraint("max_shift_minutes >= min_shift_minutes", name="max_shift_minutes"),
        CheckConstraint("min_rest_minutes >= 0", name="min_rest_minutes"),
        CheckConstraint("weekly_tolerance_minutes >= 0", name="weekly_tolerance_minutes"),
    )

    site_id: Mapped[int] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True
    )
    min_shift_minutes: Mapped[int]
    max_shift_minutes: Mapped[int]
    min_rest_minutes: Mapped[int]
    weekly_tolerance_minutes: Mapped[int]
    lunch_is_paid: Mapped[bool] = mapped_column(default=False)
    # [{"min_shift_minutes": 360, "breaks": 2, "lunches": 1, ...}, ...]
    requirements: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SchedulePublication(Base):
    """One publishing of a site's week: who, when, and the override reason if rules were broken."""

    __tablename__ = "schedule_publications"
    __table_args__ = (
        Index("ix_schedule_publications_site_week", "site_id", "week_start"),
        CheckConstraint("violation_count >= 0", name="violation_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    week_start: Mapped[date] = mapped_column(Date)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by: Mapped[str] = mapped_column(String(120))
    shift_count: Mapped[int]
    violation_count: Mapped[int] = mapped_column(default=0)
    override_reason: Mapped[str | None] = mapped_column(String(500))
