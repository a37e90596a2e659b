"""How the Schedules tab is laid out: toolbar; then the grid over the planning panels
(coverage, capacity and budget, forecast accuracy, as tabs in a splitter) with the legend
under them, or a message while there is no week to show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.schedules.planning.coverage_slot import scrollable

if TYPE_CHECKING:
    from supervisor_app.ui.schedules.schedules_tab import SchedulesTab

WAITING = QT_TRANSLATE_NOOP("tab_layout", "Waiting for the database…")


def lay_out(tab: SchedulesTab) -> tuple[QLabel, QSplitter, QStackedWidget]:
    """Builds the tab's layout; returns the message label, the splitter and the stack
    (page 0 the message, page 1 the editor)."""
    message = QLabel(QCoreApplication.translate("tab_layout", WAITING))
    message.setObjectName("schedulesMessage")
    message.setAlignment(Qt.AlignmentFlag.AlignCenter)
    message.setWordWrap(True)
    editor = QWidget()
    box = QVBoxLayout(editor)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(tab.grid)
    if tab.coverage is not None:
        panels = QTabWidget()
        panels.setObjectName("planningPanels")
        panels.setDocumentMode(True)
        panels.addTab(
            scrollable(tab.coverage), QCoreApplication.translate("tab_layout", "Coverage")
        )
        for panel, title in tab.planning_panels:
            panels.addTab(scrollable(panel), title)
        split.addWidget(panels)
        # The grid first, but the coverage chart below keeps room to read at 1366×768
        # (a quarter of the height left it a strip under its own legend); resizable.
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 373])
    box.addWidget(split, 1)
    box.addWidget(tab.legend)
    stack = QStackedWidget()
    stack.addWidget(message)
    stack.addWidget(editor)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(tab.toolbar)
    layout.addWidget(stack, 1)
    return message, split, stack
