"""Every tab at a supervisor's screen sizes: tables without sideways scrolling, charts with
room to read. Renders the real window on a demo database at 1366×768 and 1920×1080.

``SUPERVISOR_TAB_SHOTS=folder`` keeps the pictures (the user guide's come from here).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database
from supervisor_app.ui.shell import MainWindow

SIZES = ((1366, 768), (1920, 1080))
TABS = ("live", "schedules", "analytics", "reports")
MIN_CHART_HEIGHT = 60  # the plotting area of any chart, in pixels
MIN_COVERAGE_SHOWN = 150  # of the coverage chart under the grid, in view without scrolling
TEXT_MARGIN = 6  # a cell's padding: text wider than the column less this is elided
MAX_EMPTY_BESIDE_QUEUES = 40  # px the Queues table may leave blank (the what-if wants it)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('screens') / 'demo.db'}"
    db = open_database(url)
    seed_demo(db, days=2, agents=60, queues=6, seed=5)
    db.close()
    yield url


def _settle(qtbot: QtBot, window: MainWindow, quiet_s: float = 1.0) -> None:
    """Wait until no query has run for ``quiet_s`` (the tab shows its data)."""
    deadline = time.monotonic() + 60
    calm_since = time.monotonic()
    while time.monotonic() < deadline:
        qtbot.wait(100)
        if window.workers.busy():
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since >= quiet_s:
            return


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _problems(page: QWidget) -> list[str]:
    found = []
    for view in page.findChildren(QAbstractItemView):
        if _visible(view) and view.horizontalScrollBar().isVisible():
            found.append(f"{view.objectName() or type(view).__name__} scrolls sideways")
    for chart in page.findChildren(pg.GraphicsView):
        if not _visible(chart):
            continue
        for item in chart.scene().items():
            if isinstance(item, pg.ViewBox) and item.isVisible():
                height = item.sceneBoundingRect().height()
                if height < MIN_CHART_HEIGHT:
                    found.append(f"a chart in {chart.objectName() or 'a tab'} is {height:.0f} px")
    return found


def _names_cut(page: QWidget) -> list[str]:
    """The queue names the Live tab's Queues table cuts short ("Customer e…")."""
    view = page.findChild(QAbstractItemView, "queueTable")
    if view is None or not _visible(view):
        return ["no Queues table"]
    model, metrics = view.model(), view.fontMetrics()
    width = view.columnWidth(0)
    cut = []
    for row in range(model.rowCount()):
        name = str(model.index(row, 0).data() or "")
        font = model.index(row, 0).data(Qt.ItemDataRole.FontRole)
        needed = (QFontMetrics(font) if font is not None else metrics).horizontalAdvance(name)
        if needed + TEXT_MARGIN > width:
            cut.append(f"queue name {name!r} needs {needed} px in a {width} px column")
    return cut


def _queues_waste_width(page: QWidget) -> list[str]:
    """Blank space right of the Queues table's last column, which the what-if panel lacks."""
    view = page.findChild(QAbstractItemView, "queueTable")
    if view is None or not _visible(view):
        return ["no Queues table"]
    blank = view.viewport().width() - view.horizontalHeader().length()
    if blank > MAX_EMPTY_BESIDE_QUEUES:
        return [f"the Queues table leaves {blank} px blank beside the what-if panel"]
    return []


def _kpi_rows_shown(page: QWidget) -> list[str]:
    """The KPI table has rows (else the sideways-scrolling check saw an empty page)."""
    table = page.findChild(QAbstractItemView, "analyticsKpiTable")
    if table is None or not _visible(table) or table.model().rowCount() == 0:
        return ["the KPI table shows no rows"]
    return []


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def _coverage_cramped(page: QWidget) -> list[str]:
    """The coverage chart, as far as it shows without scrolling the planning panel."""
    chart = page.findChild(pg.PlotWidget, "coverageChart")
    if chart is None or not _visible(chart):
        return ["no coverage chart"]
    holder = next(w for w in _ancestors(chart) if isinstance(w, QScrollArea))
    viewport = holder.viewport()
    area = QRect(chart.mapTo(viewport, QPoint(0, 0)), chart.size())
    shown = area.intersected(viewport.rect()).height()
    if shown < MIN_COVERAGE_SHOWN:
        return [f"the coverage chart shows {shown} px"]
    return []


CHECKS = {
    "live": (_names_cut, _queues_waste_width),
    "schedules": (_coverage_cramped,),
    "analytics": (_kpi_rows_shown,),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_tab_is_readable(
    qtbot: QtBot, demo_url: str, size: tuple[int, int], tmp_path: Path
) -> None:
    shots = Path(os.environ.get("SUPERVISOR_TAB_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    window = MainWindow(demo_url)
    qtbot.addWidget(window)
    try:
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        problems = []
        for name in TABS:
            index = next(
                i for i in range(window.tabs.count()) if window.tabs.widget(i).objectName() == name
            )
            window.tabs.setCurrentIndex(index)
            if name == "analytics":  # "This week" may hold none of the demo's two days
                _settle(qtbot, window)
                since = window.tabs.widget(index).findChild(QDateEdit, "analyticsFrom")
                since.setDate(QDate.currentDate().addDays(-7))
            _settle(qtbot, window)
            QApplication.processEvents()
            window.grab().save(str(shots / f"{name}-{size[0]}x{size[1]}.png"))
            page = window.tabs.widget(index)
            problems += [f"{name}: {p}" for p in _problems(page)]
            for check in CHECKS.get(name, ()):
                problems += [f"{name}: {p}" for p in check(page)]
        assert not problems, "\n".join(problems)
    finally:
        window.close()
