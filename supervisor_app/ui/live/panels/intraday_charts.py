"""The pyqtgraph side of the intraday panel: plot items made once, fed with ``setData``.

After pyqtgraph's scrolling-plots example: every curve and bar item is created
here and kept; a refresh hands them new arrays. Re-plotting would rebuild the
scene graph every few seconds and drop the hover state. x is epoch seconds, and
``LocalTimeAxis`` labels it in the site's zone (see ``time_axis``).

Imports pyqtgraph: the panel imports this module when it is constructed.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from supervisor_app.ui.common.theme import chart_colors
from supervisor_app.ui.common.time_axis import LocalTimeAxis
from supervisor_app.ui.live.panels import intraday_style as st
from supervisor_app.ui.live.panels.intraday_arrays import IntradayArrays, waiting_arrays

LEFT_AXIS_WIDTH = 46
MIN_CHARTS_HEIGHT = 250
# Each chart's name sits in its top-left corner; the data stay below this share of the
# height, so a curve never runs through the name on a chart eighty pixels high.
NAME_HEADROOM = 1.25
RIGHT_MARGIN = 14  # room for half the last time label at the right edge


def _plot(layout: pg.GraphicsLayoutWidget, row: int, label: str) -> pg.PlotItem:
    plot = layout.addPlot(row=row, col=0, axisItems={"bottom": LocalTimeAxis()})
    _style(plot, label)
    return plot


def _style(plot: pg.PlotItem, label: str) -> None:
    """A chart to read, not to explore: no pan, zoom, context menu or auto-range button."""
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    plot.showGrid(x=True, y=True, alpha=st.GRID_ALPHA)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(st.AXIS_LINE)
        axis.setTextPen(st.axis_ink())  # after setPen, which recolours the label too
    # The name inside the chart, not a rotated axis label: stacked charts a hundred pixels
    # high left the rotated labels overlapping each other.
    if label:
        name = pg.TextItem(label, color=st.axis_ink(), anchor=(0, 0))
        name.setParentItem(plot.getViewBox())  # pixel coordinates: stays top-left
        name.setPos(2, 0)
    plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)


def _line(plot: pg.PlotItem, colour: str, width: float = 2.0, **kwargs: object) -> pg.PlotDataItem:
    style = kwargs.pop("style", Qt.PenStyle.SolidLine)
    item = pg.PlotDataItem(pen=pg.mkPen(colour, width=width, style=style), antialias=True, **kwargs)
    plot.addItem(item)
    return item


def _step(
    plot: pg.PlotItem, colour: str, width: float = 2.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> pg.PlotDataItem:
    """A value per interval drawn as a step across it; gaps (NaN) break the line."""
    return _line(plot, colour, width, stepMode="center", connect="finite", style=style)


def _vline(plot: pg.PlotItem, colour: str, style: Qt.PenStyle) -> pg.InfiniteLine:
    line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(colour, width=1, style=style))
    line.setZValue(-5)
    line.hide()
    plot.addItem(line, ignoreBounds=True)
    return line


def _steps(curve: pg.PlotDataItem, edges: np.ndarray, values: np.ndarray) -> None:
    """One level per interval; an all-empty series clears the curve (the item stays).

    pyqtgraph takes nanmin/nanmax of the data for its bounds, and an all-NaN series
    (a quiet queue has no service level yet) raises numpy's "All-NaN slice" warning
    inside a paint.
    """
    if not np.isfinite(values).any():
        curve.clear()
        return
    curve.setData(edges, values, stepMode="center", connect="finite")


def whole_step(top: float) -> float:
    """Tick spacing for a count: whole numbers only (half a waiting caller means nothing)."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if top / step <= 6:
            return float(step)
    return 1000.0


class IntradayCharts(QWidget):
    """Three stacked charts over today's intervals, and waiting contacts over the last hour."""

    hovered = Signal(object)  # interval index under the mouse, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground(chart_colors()[0])
        self.canvas.ci.setSpacing(2)
        self.volume = _plot(self.canvas, 0, self.tr("Contacts"))
        self.service = _plot(self.canvas, 1, self.tr("SL %"))
        self.staff = _plot(self.canvas, 2, self.tr("Agents"))
        self.plots = (self.volume, self.service, self.staff)
        for plot in self.plots[1:]:
            plot.setXLink(self.volume)
        for plot in self.plots[:-1]:  # one time scale, under the bottom chart; grid lines align
            plot.getAxis("bottom").setStyle(showValues=False)
            plot.getAxis("bottom").setHeight(6)

        self.offered_bars = pg.BarGraphItem(x=[], height=[], width=1, brush=st.OFFERED, pen=None)
        self.volume.addItem(self.offered_bars)
        self.forecast_curve = _step(self.volume, st.forecast_ink())
        self.reforecast_curve = _step(self.volume, st.forecast_ink(), 1.5, Qt.PenStyle.DotLine)
        # A step per interval, like the others: no scatter symbols (ScatterPlotItem's paint
        # path crashed PySide6 6.11 under live updates), and a lone interval still shows.
        self.sl_curve = _step(self.service, st.SERVICE_LEVEL)
        self.target_curve = _step(self.service, st.TARGET, 1.5, Qt.PenStyle.DashLine)
        self.agents_curve = _step(self.staff, st.AGENTS)
        self.now_lines = [_vline(p, st.NOW, Qt.PenStyle.DashLine) for p in self.plots]
        self.cursor_lines = [_vline(p, "#5d6b7d", Qt.PenStyle.SolidLine) for p in self.plots]
        self.service.setYRange(0, 100 * NAME_HEADROOM, padding=0)
        self.service.getAxis("left").setTickSpacing(50, 25)  # 0, 50, 100: room at any height

        self.waiting_chart = pg.PlotWidget(
            axisItems={"bottom": LocalTimeAxis()}, background=chart_colors()[0]
        )
        self.waiting = self.waiting_chart.getPlotItem()
        _style(self.waiting, "")
        self.waiting.setTitle(self.tr("Waiting"), color=st.forecast_ink(), size="9pt")
        self.waiting_curve = _line(
            self.waiting,
            st.WAITING,
            stepMode="center",
            fillLevel=0,
            brush=pg.mkBrush(194, 106, 0, 50),
        )
        self.waiting_chart.setMinimumWidth(200)
        self.waiting.layout.setContentsMargins(0, 0, RIGHT_MARGIN, 0)
        self.waiting_note = pg.TextItem(
            self.tr("Nobody waiting"), color=st.axis_ink(), anchor=(0.5, 0.5)
        )
        self.waiting.addItem(self.waiting_note, ignoreBounds=True)

        # Three charts of at least ~70 px each, whatever the splitter is dragged to.
        self.canvas.setMinimumHeight(MIN_CHARTS_HEIGHT)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 3)
        layout.addWidget(self.waiting_chart, 1)

        self._arrays: IntradayArrays | None = None
        self.canvas.scene().sigMouseMoved.connect(self._mouse_moved)
        self.canvas.installEventFilter(self)

    def show_data(
        self,
        arrays: IntradayArrays,
        waiting: tuple[tuple[datetime, int], ...],
        now: datetime,
        zone_name: str,
    ) -> None:
        """Hand the kept items their new arrays; nothing is added to or removed from a plot."""
        self._arrays = arrays
        for plot in (*self.plots, self.waiting):
            plot.getAxis("bottom").set_zone(zone_name)
        a = arrays
        self.offered_bars.setOpts(x=a.mids, height=a.offered, width=a.step * 0.8)
        _steps(self.forecast_curve, a.edges, a.forecast)
        _steps(self.reforecast_curve, a.rest_edges, a.reforecast)
        _steps(self.sl_curve, a.edges, a.service_level)
        _steps(self.target_curve, a.edges, a.target)
        _steps(self.agents_curve, a.edges, a.agents)
        self.volume.setXRange(*a.view, padding=0.005)
        self.volume.setYRange(0, a.volume_top * NAME_HEADROOM, padding=0)
        self.staff.setYRange(0, a.agents_top * NAME_HEADROOM, padding=0)
        for line in self.now_lines:
            line.setPos(now.timestamp())
            line.setVisible(bool(a.edges[0] <= now.timestamp() <= a.edges[-1]))

        w = waiting_arrays(waiting, now)
        self.waiting_curve.setData(w.edges, w.counts, stepMode="center", fillLevel=0)
        self.waiting.setXRange(w.edges[0], w.edges[-1], padding=0)
        self.waiting.setYRange(0, w.top, padding=0)
        self.waiting.getAxis("left").setTickSpacing(*[whole_step(w.top)] * 2)
        latest = int(w.counts[-1]) if len(w.counts) else 0
        self.waiting.setTitle(
            self.tr("Waiting now: {latest}").format(latest=latest),
            color=st.forecast_ink(),
            size="9pt",
        )
        self.waiting_note.setVisible(not w.counts.any())
        self.waiting_note.setPos((w.edges[0] + w.edges[-1]) / 2, w.top / 2)

    # -- hover -------------------------------------------------------------------------
    def _mouse_moved(self, pos: QPointF) -> None:
        a = self._arrays
        for plot in self.plots:
            if a is not None and len(a.mids) and plot.vb.sceneBoundingRect().contains(pos):
                x = plot.vb.mapSceneToView(pos).x()
                index = int(np.floor((x - a.edges[0]) / a.step))
                if 0 <= index < len(a.mids):
                    self._set_cursor(a.mids[index])
                    self.hovered.emit(index)
                    return
        self._leave()

    def _set_cursor(self, x: float | None) -> None:
        for line in self.cursor_lines:
            line.setVisible(x is not None)
            if x is not None:
                line.setPos(x)

    def _leave(self) -> None:
        self._set_cursor(None)
        self.hovered.emit(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and event.type() == QEvent.Type.Leave:
            self._leave()
        return super().eventFilter(watched, event)
