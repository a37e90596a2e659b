"""Trend: one figure over the range by day or week, with its target and a hover read-out.

The figures are ``kpi_report``'s (by day or week), so a point on the chart is
the number in the KPI table grouped the same way. Service level carries the
queues' target as a dashed line (the chosen queue's, else the strictest).
The bar's queue and team filters narrow the figures (in the query).
The plot item and its curve are made once and fed with ``setData``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from supervisor_app.domain.kpi_catalogue import REPORTED, Figure, Kind
from supervisor_app.domain.periods import Grouping, GroupKey, first_day_of
from supervisor_app.services.analytics import AnalyticsOptions
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import KpiReport
from supervisor_app.ui.analytics.empty_stack import EmptyStack
from supervisor_app.ui.analytics.kpi_model import figure_value
from supervisor_app.ui.analytics.kpi_rows import kpi_op
from supervisor_app.ui.analytics.range_bar import Selection
from supervisor_app.ui.common.kpi_text import clock, display
from supervisor_app.ui.common.theme import chart_colors
from supervisor_app.ui.common.workers import Op

LINE, TARGET, AXIS = "#1e5aa8", "#b3261e", "#4a5666"
CHOICES = tuple(f for f in REPORTED if f.field != "short_abandoned")


def plotted(kind: Kind, value: float | None) -> float:
    """The y of a value: percentages in percent, seconds as seconds; no data is a gap."""
    if value is None:
        return math.nan
    return 100.0 * value if kind is Kind.PERCENT else value


class FigureAxis(pg.AxisItem):
    """The y axis in the figure's own units: m:ss for seconds, plain numbers otherwise."""

    def __init__(self) -> None:
        super().__init__("left")
        self.kind = Kind.PERCENT

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self.kind is Kind.SECONDS and spacing >= 1.0:
            return [clock(max(v, 0.0), short=True) for v in values]
        if self.kind is Kind.SECONDS:  # ticks closer than a second: tenths, or they repeat
            return [f"{int(v // 60)}:{v % 60:04.1f}" for v in values]
        return super().tickStrings(values, scale, spacing)


class TrendPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = QComboBox(objectName="analyticsTrendFigure")
        for column in CHOICES:
            self.figure.addItem(column.title)
        self.figure.setCurrentIndex([c.field for c in CHOICES].index("service_level"))
        self.step = QComboBox(objectName="analyticsTrendStep")
        self.step.addItem(self.tr("By day"), Grouping.DAY.value)
        self.step.addItem(self.tr("By week"), Grouping.WEEK.value)
        self.readout = QLabel(objectName="analyticsTrendReadout")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.axis = FigureAxis()
        self.plot = pg.PlotWidget(background=chart_colors()[0], axisItems={"left": self.axis})
        self.plot.setObjectName("analyticsTrendPlot")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.15)
        for name in ("left", "bottom"):
            item.getAxis(name).setTextPen(AXIS)
        self.curve = item.plot(
            pen=pg.mkPen(LINE, width=2), symbol="o", symbolSize=6, symbolBrush=LINE, symbolPen=None
        )
        # The target in force on each point's day, as steps: history keeps the target
        # of its day, so a range across a change shows the line moving where it did.
        self.target = item.plot(
            pen=pg.mkPen(TARGET, width=1.5, style=Qt.PenStyle.DashLine), stepMode="center"
        )
        self.target.setVisible(False)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.stack = EmptyStack(self.plot)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(QLabel(self.tr("Figure")))
        bar.addWidget(self.figure)
        bar.addWidget(self.step)
        bar.addWidget(self.readout, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.figure.currentIndexChanged.connect(self._draw)
        self.report: KpiReport | None = None
        self.options: AnalyticsOptions | None = None
        self.chosen: frozenset[int] | None = None
        self.targets: list[float | None] = []  # per point, in force on its first day
        self.values: list[float | None] = []
        self.labels: list[str] = []

    def controls(self, by: Grouping) -> tuple[bool, bool, bool]:
        return False, True, True  # its own step replaces the grouping; filters apply

    def query(self, db: Database, selection: Selection, options: AnalyticsOptions) -> Op[KpiReport]:
        self.options = options
        self.chosen = None if selection.queue_id is None else frozenset({selection.queue_id})
        return kpi_op(db, selection, options.site_id, Grouping(self.step.currentData()))

    def show_result(self, result: Any) -> None:
        self.report = result
        self._draw()
        self.stack.show_view()

    def show_message(self, text: str) -> None:
        self.stack.show_message(text)

    def save_layout(self) -> None:
        """Nothing to remember: the chart fills the page."""

    @property
    def column(self) -> Figure:
        return CHOICES[self.figure.currentIndex()]

    def _draw(self) -> None:
        if self.report is None:
            return
        column = self.column
        rows = self.report.rows
        self.values = [figure_value(r, column) for r in rows]
        self.labels = [str(r.key[0][1]) for r in rows]
        self.targets = [self._target_of(r.key) for r in rows]
        ys = np.array([plotted(column.kind, v) for v in self.values], dtype=float)
        self.curve.setData(np.arange(len(ys), dtype=float), ys, connect="finite")
        step = max(1, len(self.labels) // 12)
        ticks = [(float(i), self._short(s)) for i, s in enumerate(self.labels) if i % step == 0]
        item = self.plot.getPlotItem()
        item.getAxis("bottom").setTicks([ticks])
        self.axis.kind = column.kind
        unit = (
            "%" if column.kind is Kind.PERCENT else ("m:ss" if column.kind is Kind.SECONDS else "")
        )
        self.axis.setLabel(f"{column.short} {unit}".strip(), color=AXIS)
        known = [t for t in self.targets if t is not None]
        show_target = column.field == "service_level" and bool(known)
        self.target.setVisible(show_target)
        if show_target:
            steps = np.array([np.nan if t is None else 100.0 * t for t in self.targets])
            self.target.setData(np.arange(len(steps) + 1, dtype=float) - 0.5, steps)
        item.setXRange(-0.5, max(len(ys) - 0.5, 0.5), padding=0.02)
        item.enableAutoRange(axis="y")
        self.readout.setText(self._summary())

    def _short(self, label: str) -> str:
        return label[5:] if len(label) == 10 else label  # "11-23" for a day, "2026-W47" kept

    def _target_of(self, key: GroupKey) -> float | None:
        if self.options is None or self.report is None:
            return None
        day = first_day_of(key, self.report.first)
        return self.options.service_level_target(self.chosen, day or self.options.today)

    def _summary(self) -> str:
        column = self.column
        text = f"{column.short} by {self.step.currentText().removeprefix('By ')}"
        known = sorted({t for t in self.targets if t is not None})
        if column.field == "service_level" and len(known) == 1:
            text += f" · target {display(Kind.PERCENT, known[0])}"
        elif column.field == "service_level" and known:
            low, high = display(Kind.PERCENT, known[0]), display(Kind.PERCENT, known[-1])
            text += f" · target {low} to {high}, as in force each day"
        return text + " · hover a point for its value"

    def _hover(self, position: QPointF) -> None:
        if not self.values:
            return
        point = self.plot.getPlotItem().vb.mapSceneToView(position)
        index = round(point.x())
        if not 0 <= index < len(self.values):
            self.readout.setText(self._summary())
            return
        self.readout.setText(self.readout_at(index))

    def readout_at(self, index: int) -> str:
        column = self.column
        text = f"{self.labels[index]}: {column.short} {display(column.kind, self.values[index])}"
        target = self.targets[index] if index < len(self.targets) else None
        if column.field == "service_level" and target is not None:
            text += f" (target {display(Kind.PERCENT, target)})"
        return text
