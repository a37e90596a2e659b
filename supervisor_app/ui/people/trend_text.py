"""How a scorecard figure is drawn on a trend chart and named in a period's label.

The KPI catalogue says what kind a figure is; a fraction is charted as a
percentage and seconds as seconds, so the axis reads like the table beside it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from supervisor_app.domain.kpi_catalogue import BY_FIELD, Kind


def charted(field: str, value: float | None) -> float | None:
    if value is None:
        return None
    return 100.0 * value if BY_FIELD[field].kind is Kind.PERCENT else value


def unit(field: str) -> str:
    kind = BY_FIELD[field].kind
    if kind is Kind.PERCENT:
        return "%"
    if kind is Kind.SECONDS:
        return QCoreApplication.translate("TrendChart", "seconds")
    if kind is Kind.POINTS:
        return QCoreApplication.translate("TrendChart", "points")
    return QCoreApplication.translate("TrendChart", "contacts")


def month_label(first: date) -> str:
    return f"{first:%b %y}"


def week_label(first: date) -> str:
    return f"W{first.isocalendar().week:02d}"
