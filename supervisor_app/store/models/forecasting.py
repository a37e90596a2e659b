"""Planning settings the forecast, coverage and capacity views need, and the weekly budget.

Kept apart from ``sites`` and ``queues`` so planning can evolve without touching
the live tables: a row missing here means "use the documented default".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base


class SitePlanning(Base):
    """A site's holiday country (ISO 3166 alpha-2, e.g. ``GB``) and its full-time week.

    ``country_code`` null: the country is derived from the site's time zone.
    """

    __tablename__ = "site_planning"
    __table_args__ = (
        CheckConstraint("fte_weekly_hours > 0 AND fte_weekly_hours <= 80", name="fte_weekly_hours"),
    )

    site_id: Mapped[int] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True
    )
    country_code: Mapped[str | None] = mapped_column(String(8))
    subdivision: Mapped[str | None] = mapped_column(String(16))
    fte_weekly_hours: Mapped[float] = mapped_column(default=40.0)


class QueuePlanning(Base):
    """A queue's staffing parameters beyond its service-level target.

    ``shrinkage``: share of paid time away from contacts (breaks, meetings,
    absence), as in ``supervisor-app staffing --shrinkage``. ``patience_seconds``:
    callers' mean patience; null means Erlang C (nobody hangs up).
    """

    __tablename__ = "queue_planning"
    __table_args__ = (
        CheckConstraint("shrinkage >= 0 AND shrinkage < 1", name="shrinkage"),
        CheckConstraint("max_occupancy > 0 AND max_occupancy <= 1", name="max_occupancy"),
        CheckConstraint(
            "patience_seconds IS NULL OR patience_seconds > 0", name="patience_seconds"
        ),
    )

    queue_id: Mapped[int] = mapped_column(
        ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True
    )
    shrinkage: Mapped[float] = mapped_column(default=0.3)
    max_occupancy: Mapped[float] = mapped_column(default=0.85)
    patience_seconds: Mapped[float | None]


class WeeklyBudget(Base):
    """The labour budget a planner sets for one local week (Monday) of a site."""

    __tablename__ = "weekly_budgets"
    __table_args__ = (
        UniqueConstraint("site_id", "week_start"),
        CheckConstraint("amount >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    week_start: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
