"""Where each part of the Live tab sits, and remembering how the user arranged it.

Filters on top, the Queues table with the what-if panel beside it (in a
splitter: drag it narrower, or shut, to give the table room), then the agent
board beside the intraday charts (above) and the Alerts and Escalations tabs
(below). Column order, widths, sort and the four splitters come back as the user
left them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from supervisor_app.ui.common.header_state import ViewStateStore
from supervisor_app.ui.common.layouts import held
from supervisor_app.ui.live.alerts.alerts_panel import AlertsPanel
from supervisor_app.ui.live.board.agent_cells import AGENT_COLUMNS
from supervisor_app.ui.live.board.agent_model import AgentModel
from supervisor_app.ui.live.board.queue_cells import QUEUE_COLUMNS
from supervisor_app.ui.live.board.queue_model import QueueModel
from supervisor_app.ui.live.board.table_view import LiveTableView
from supervisor_app.ui.live.filters_bar import AgentTools, FiltersBar
from supervisor_app.ui.live.panels.extras import Extras
from supervisor_app.ui.live.refresh.stale_banner import StaleBanner
from supervisor_app.ui.live.whatif.whatif_panel import WhatIfPanel


def _splitter(name: str, orientation: Qt.Orientation, *widgets: QWidget) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    splitter.setChildrenCollapsible(False)
    for widget in widgets:
        splitter.addWidget(widget)
    return splitter


MAX_QUEUE_ROWS = 10
WHATIF_SHARE = 0.5  # at most this share of the tab's height for the Queues and what-if row
WHATIF_WIDTH = 340


class LiveLayout:
    """Builds the widgets into ``tab`` and keeps references for the tab's wiring."""

    def __init__(
        self,
        tab: QWidget,
        queues: QueueModel,
        agents: AgentModel,
        alerts: AlertsPanel,
        extras: Extras,
    ) -> None:
        self._fitted = False
        self._restored: set[str] = set()  # the splitters the user arranged before
        self.banner = StaleBanner()
        self.filters = FiltersBar()
        self.queue_view = LiveTableView("queueTable")
        self.queue_view.setModel(queues)
        self.queue_view.size_columns(QUEUE_COLUMNS)
        self.agent_tools = AgentTools()
        self.agent_view = LiveTableView("agentTable")
        self.agent_view.setModel(agents)
        self.agent_view.size_columns(AGENT_COLUMNS)
        self.agent_view.setSortingEnabled(True)
        self.agent_view.horizontalHeader().setStretchLastSection(True)
        self.agent_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("liveSideTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(alerts, QCoreApplication.translate("LiveLayout", "Alerts"))
        self.side_tabs.addTab(
            extras.escalations_slot, QCoreApplication.translate("LiveLayout", "Escalations")
        )
        self.alerts_table = alerts.view

        self.side = _splitter("liveSide", Qt.Orientation.Vertical, extras.intraday_slot)
        self.side.addWidget(self.side_tabs)
        self.lower = _splitter(
            "liveLower",
            Qt.Orientation.Horizontal,
            held(QVBoxLayout, self.agent_tools, self.agent_view, stretch=self.agent_view),
        )
        self.lower.addWidget(self.side)
        self.whatif = WhatIfPanel()
        self.top = _splitter(
            "liveTop",
            Qt.Orientation.Horizontal,
            held(QVBoxLayout, self.queue_view, stretch=self.queue_view),
        )
        self.top.addWidget(self.whatif)
        self.top.setCollapsible(1, True)
        self.top.setStretchFactor(0, 1)
        self.top.setStretchFactor(1, 0)
        self.top.setSizes([900, WHATIF_WIDTH])
        self.main = _splitter("liveMain", Qt.Orientation.Vertical, self.top)
        self.main.addWidget(self.lower)
        self.main.setSizes([150, 600])
        self.lower.setSizes([800, 380])
        self.side.setSizes([300, 260])
        for splitter, stretch in ((self.main, (0, 1)), (self.lower, (2, 1)), (self.side, (1, 1))):
            splitter.setStretchFactor(0, stretch[0])
            splitter.setStretchFactor(1, stretch[1])

        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(self.filters)
        layout.addWidget(self.main, 1)

    def _tables(self) -> dict[str, LiveTableView]:
        return {
            "live.queues": self.queue_view,
            "live.agents": self.agent_view,
            "live.alerts": self.alerts_table,
        }

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "live.main": self.main,
            "live.top": self.top,
            "live.lower": self.lower,
            "live.side": self.side,
        }

    def fit_to_data(self) -> None:
        """Once the first data are in, give the Queues pane the height of its rows, and on a
        wide screen the what-if panel the width the Queues table does not use.

        Only for the splitters the user has not arranged before: theirs stay as left.
        """
        if self._fitted:
            return
        self._fitted = True
        if "live.top" not in self._restored:
            total = sum(self.top.sizes())
            table = self.queue_view.natural_width()
            if total - table > WHATIF_WIDTH:
                self.top.setSizes([table, total - table])
        if "live.main" in self._restored:
            return
        rows = min(max(self.queue_view.model().rowCount(), 2), MAX_QUEUE_ROWS)
        total = sum(self.main.sizes())
        # The what-if's scenarios all in view (its words beside or above them, as its width
        # now has it), but never more than half the tab: the agents need room too.
        self.whatif.arrange(self.top.sizes()[1])
        whatif = min(self.whatif.fitted_height(), int(total * WHATIF_SHARE))
        height = max(self.queue_view.fitted_height(rows), whatif)
        self.main.setSizes([height, max(total - height, 200)])

    def restore(self, store: ViewStateStore) -> None:
        for key, view in self._tables().items():
            if store.restore_header(key, view.horizontalHeader()):
                view.auto_fit = False  # the widths the user left
        for key, splitter in self._splitters().items():
            if store.restore_splitter(key, splitter):
                self._restored.add(key)
        header = self.agent_view.horizontalHeader()
        self.agent_view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save(self, store: ViewStateStore) -> None:
        for key, view in self._tables().items():
            store.save_header(key, view.horizontalHeader())
        for key, splitter in self._splitters().items():
            store.save_splitter(key, splitter)
