"""What is planned: shifts and their activities, time off, forecasts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from supervisor_app.domain.enums import ActivityKind, ShiftStatus, TimeOffStatus
from supervisor_app.store.base import Base, UTCDateTime, enum_column_type


class Shift(Base):
    __tablename__ = "shifts"
    __table_args__ = (
        Index("ix_shifts_agent_starts", "agent_id", "starts_at"),
        Index("ix_shifts_starts", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[ShiftStatus] = mapped_column(
        enum_column_type(ShiftStatus, "shift_status"), default=ShiftStatus.DRAFT
    )
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by: Mapped[str | None] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(default=1)

    activities: Mapped[list[ShiftActivity]] = relationship(
        back_populates="shift", cascade="all, delete-orphan", order_by="ShiftActivity.starts_at"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ShiftActivity(Base):
    __tablename__ = "shift_activities"
    __table_args__ = (
        Index("ix_shift_activities_shift", "shift_id"),
        CheckConstraint("ends_at > starts_at", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id", ondelete="CASCADE"))
    kind: Mapped[ActivityKind] = mapped_column(enum_column_type(ActivityKind, "activity_kind"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1)

    shift: Mapped[Shift] = relationship(back_populates="activities")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class TimeOff(Base):
    __tablename__ = "time_off"
    __table_args__ = (
        Index("ix_time_off_agent_starts", "agent_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[TimeOffStatus] = mapped_column(
        enum_column_type(TimeOffStatus, "time_off_status"), default=TimeOffStatus.REQUESTED
    )
    reason: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Forecast(Base):
    __tablename__ = "forecasts"
    __table_args__ = (
        UniqueConstraint("queue_id", "interval_start"),
        Index("ix_forecasts_interval_start", "interval_start"),  # the interval holding now
        CheckConstraint("volume >= 0", name="volume"),
        CheckConstraint("aht_seconds >= 0", name="aht_seconds"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id", ondelete="CASCADE"))
    interval_start: Mapped[datetime] = mapped_column(UTCDateTime())
    volume: Mapped[float]
    aht_seconds: Mapped[float]
    # Planners edit these rows: a save names the version it read (bulk writers
    # leave the server default).
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
