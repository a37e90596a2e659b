"""A short trend: the agent's figure per period beside their team's median.

After pyqtgraph's scrolling-plots example the two curves are made once and fed
with ``setData``. x is the period's index, labelled with the period's name
("Dec 25", "W49"); a period without data leaves the agent's point out, and the
periods stay on the axis, so the chart always shows every period asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt

from supervisor_app.ui.common.theme import chart_colors

AGENT, MEDIAN = "#1f4e8c", "#8a94a0"
HEIGHT = 190  # readable at 1366×768 with two charts and the tables above them


class TrendChart(pg.PlotWidget):
    def __init__(self, name: str) -> None:
        super().__init__(background=chart_colors()[0])
        self.setObjectName(name)
        self.setMinimumHeight(HEIGHT)
        self.setMaximumHeight(HEIGHT + 60)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=False, y=True, alpha=0.15)
        for side in ("left", "bottom"):
            plot.getAxis(side).setPen("#9aa3ad")
            plot.getAxis(side).setTextPen("#4a5666")
        self.legend = plot.addLegend(offset=(8, 2), labelTextColor=chart_colors()[1], colCount=2)
        self.agent = pg.PlotDataItem(
            pen=pg.mkPen(AGENT, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=AGENT,
            symbolPen=None,
            name=self.tr("Agent"),
        )
        self.median = pg.PlotDataItem(
            pen=pg.mkPen(MEDIAN, width=2, style=Qt.PenStyle.DashLine), name=self.tr("Team median")
        )
        plot.addItem(self.median)
        plot.addItem(self.agent)
        self.labels: list[str] = []

    def show_points(
        self,
        labels: Sequence[str],
        agent: Sequence[float | None],
        median: Sequence[float | None],
        unit: str,
    ) -> None:
        """One point per label; ``None`` values are left out (no data that period)."""
        self.labels = list(labels)
        for item, values in ((self.agent, agent), (self.median, median)):
            xs = [float(i) for i, v in enumerate(values) if v is not None]
            ys = [float(v) for v in values if v is not None]
            item.setData(xs, ys)
        plot = self.getPlotItem()
        every = 1 if len(labels) <= 7 else 2
        ticks = [
            (float(i), text) for i, text in enumerate(labels) if (len(labels) - 1 - i) % every == 0
        ]
        plot.getAxis("bottom").setTicks([ticks, [(float(i), "") for i in range(len(labels))]])
        plot.setXRange(-0.5, len(labels) - 0.5, padding=0)
        plot.getAxis("left").setLabel(unit, **{"color": "#4a5666", "font-size": "9pt"})
