"""Required against scheduled agents for one day, with under- and over-staffing shaded.

After pyqtgraph's scrolling-plots example: the curves and bars are made once
and fed with ``setData`` / ``setOpts``. x is epoch seconds labelled in the site's
local time (``LocalTimeAxis``), so a DST day keeps its true 23 or 25 hours.
Red bands fill the gap where the schedule falls short, green where it is over.

Imports pyqtgraph: the panel imports this module when it is constructed.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from supervisor_app.ui.common.theme import chart_colors
from supervisor_app.ui.common.time_axis import LocalTimeAxis

REQUIRED, SCHEDULED = "#1f4e8c", "#d9822b"
UNDER_BRUSH, OVER_BRUSH = (214, 69, 65, 90), (67, 160, 71, 70)
HEADROOM = 1.2  # above the busiest interval: room for the one-row legend over the curves
MIN_HEIGHT = 170  # a chart to read: the legend, four grid lines and the time axis


class CoverageChart(pg.PlotWidget):
    def __init__(self) -> None:
        self.axis = LocalTimeAxis()
        super().__init__(axisItems={"bottom": self.axis}, background=chart_colors()[0])
        plot = self.getPlotItem()
        self.setObjectName("coverageChart")
        self.setMinimumHeight(MIN_HEIGHT)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.getAxis("left").setLabel(self.tr("agents"), **{"color": "#4a5666", "font-size": "9pt"})
        for name in ("left", "bottom"):
            plot.getAxis(name).setPen("#9aa3ad")
            plot.getAxis(name).setTextPen("#4a5666")
        # One row across the top: stacked, the four entries covered half a short chart.
        self.legend = plot.addLegend(offset=(8, 2), labelTextColor=chart_colors()[1], colCount=4)
        self.under = pg.BarGraphItem(x0=[], width=1, y0=[], height=[], brush=UNDER_BRUSH, pen=None)
        self.over = pg.BarGraphItem(x0=[], width=1, y0=[], height=[], brush=OVER_BRUSH, pen=None)
        plot.addItem(self.under)
        plot.addItem(self.over)
        self.required = pg.PlotDataItem(
            pen=pg.mkPen(REQUIRED, width=2), stepMode="center", name=self.tr("Required")
        )
        self.scheduled = pg.PlotDataItem(
            pen=pg.mkPen(SCHEDULED, width=2, style=Qt.PenStyle.DashLine),
            stepMode="center",
            name=self.tr("Scheduled"),
        )
        plot.addItem(self.required)
        plot.addItem(self.scheduled)
        self.legend.addItem(self.under, self.tr("Under-staffed"))
        self.legend.addItem(self.over, self.tr("Over-staffed"))

    def show_day(
        self,
        starts: np.ndarray,
        step: float,
        required: np.ndarray,
        scheduled: np.ndarray,
        zone: str,
    ) -> None:
        """``starts``: epoch seconds of the day's intervals; the counts are per interval."""
        self.axis.set_zone(zone)
        if starts.size == 0:
            for item in (self.required, self.scheduled):
                item.setData([], [])
            for bars in (self.under, self.over):
                bars.setOpts(x0=[], y0=[], height=[], width=1)
            return
        edges = np.append(starts, starts[-1] + step)
        self.required.setData(edges, required.astype(float))
        self.scheduled.setData(edges, scheduled.astype(float))
        gap = scheduled - required
        low = np.minimum(required, scheduled)
        short, extra = gap < -1e-9, gap > 1e-9
        self.under.setOpts(x0=starts[short], y0=low[short], height=-gap[short], width=step)
        self.over.setOpts(x0=starts[extra], y0=low[extra], height=gap[extra], width=step)
        top = float(max(required.max(initial=0), scheduled.max(initial=0), 1.0))
        self.getPlotItem().setXRange(edges[0], edges[-1], padding=0.01)
        self.getPlotItem().setYRange(0, top * HEADROOM, padding=0)
