"""The heat map as a table: local intervals down, weekdays across, colour by value.

Offered is shown per day of that weekday (a range may hold several Mondays)
and shaded from white to blue against the busiest cell; service level is
shaded red below target through amber to green at or above it. Only the
intervals from the first to the last with any contacts are listed.
"""

from __future__ import annotations

from datetime import time
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from supervisor_app.domain.kpi_catalogue import Kind
from supervisor_app.services.analytics import WEEKDAYS, Heatmap
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.kpi_text import copy_text, display
from supervisor_app.ui.common.theme import INK_ON_TINT

R = Qt.ItemDataRole
Index = QModelIndex | QPersistentModelIndex


class Measure(Enum):
    OFFERED = "Offered per day"
    SERVICE_LEVEL = "Service level"


def blend(a: str, b: str, t: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    t = min(max(t, 0.0), 1.0)
    return QColor(
        round(ca.red() + (cb.red() - ca.red()) * t),
        round(ca.green() + (cb.green() - ca.green()) * t),
        round(ca.blue() + (cb.blue() - ca.blue()) * t),
    )


def sl_colour(value: float, target: float) -> QColor:
    """Red 20 points or more under target, amber in between, green at or above it."""
    if value >= target:
        return QColor("#b7e1c1")
    t = (target - value) / 0.20
    return blend("#ffe8a3", "#f4b4ac", t)


class HeatmapModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.heatmap: Heatmap | None = None
        self.measure = Measure.OFFERED
        self.target = 0.8
        self.slots: tuple[time, ...] = ()
        self._values: list[list[float | None]] = []
        self._brushes: list[list[QBrush | None]] = []

    def set_heatmap(self, heatmap: Heatmap | None, measure: Measure, target: float) -> None:
        self.beginResetModel()
        self.heatmap, self.measure, self.target = heatmap, measure, target
        self.slots = self._busy_slots(heatmap) if heatmap else ()
        self._values = [[self._value(d, s) for d in range(7)] for s in self.slots]
        peak = max((v for row in self._values for v in row if v is not None), default=0.0)
        self._brushes = [[self._brush(v, peak) for v in row] for row in self._values]
        self.endResetModel()

    @staticmethod
    def _busy_slots(heatmap: Heatmap) -> tuple[time, ...]:
        used = [s for s in heatmap.slots if any(heatmap.offered(d, s) for d in range(7))]
        if not used:
            return ()
        return tuple(s for s in heatmap.slots if used[0] <= s <= used[-1])

    def _value(self, weekday: int, slot: time) -> float | None:
        assert self.heatmap is not None
        if self.measure is Measure.OFFERED:
            return self.heatmap.mean_offered(weekday, slot)
        return self.heatmap.service_level(weekday, slot)

    def _brush(self, value: float | None, peak: float) -> QBrush | None:
        if value is None:
            return None
        if self.measure is Measure.OFFERED:
            return QBrush(blend("#ffffff", "#4f86c6", value / peak if peak else 0.0))
        return QBrush(sl_colour(value, self.target))

    def first_busy_row(self) -> int:
        """The first interval with a tenth of the busiest interval's contacts: the day's start,
        past the trickle of overnight emails."""
        if self.heatmap is None or not self.slots:
            return 0
        totals = [sum(self.heatmap.offered(d, s) for d in range(7)) for s in self.slots]
        peak = max(totals)
        return next(i for i, total in enumerate(totals) if total >= 0.1 * peak)

    @property
    def kind(self) -> Kind:
        return Kind.PERCENT if self.measure is Measure.SERVICE_LEVEL else Kind.COUNT

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.slots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(self, index: Index, role: int = int(R.DisplayRole)) -> Any:
        if not index.isValid():
            return None
        value = self._values[index.row()][index.column()]
        if role == int(R.DisplayRole):
            if self.measure is Measure.OFFERED:
                return "" if not value else f"{value:.1f}"
            return "" if value is None else display(Kind.PERCENT, value)
        if role == COPY_ROLE:
            if self.measure is Measure.OFFERED:
                return "" if value is None else f"{value:.2f}"
            return copy_text(Kind.PERCENT, value)
        if role == int(R.BackgroundRole):
            return self._brushes[index.row()][index.column()]
        if role == int(R.ForegroundRole) and self._brushes[index.row()][index.column()]:
            return QBrush(QColor(INK_ON_TINT))
        if role == int(R.TextAlignmentRole):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == int(R.ToolTipRole) and self.heatmap is not None:
            slot, weekday = self.slots[index.row()], index.column()
            offered = self.heatmap.offered(weekday, slot)
            days = self.heatmap.days.get(weekday, 0)
            sl = display(Kind.PERCENT, self.heatmap.service_level(weekday, slot))
            return (
                f"{WEEKDAYS[weekday]} {slot:%H:%M}: {offered:,} offered over {days} day(s), SL {sl}"
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = int(R.DisplayRole)
    ) -> Any:
        if role != int(R.DisplayRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return WEEKDAYS[section]
        return f"{self.slots[section]:%H:%M}"
