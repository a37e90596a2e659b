"""The controls above the Live tables: queue and team on top, state and name over the board.

Choices follow the data (queues and teams come from each snapshot) while the
user's selection stays put; repopulating a combo never fires ``changed``
unless the selected queue or team has gone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from supervisor_app.domain.enums import AgentState
from supervisor_app.ui.live import figure_text as fmt
from supervisor_app.ui.live.board.agent_filter import AgentFilter

NO_TEAM = ""  # the Team combo's value for agents without a team


def _combo(name: str, everything: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMinimumContentsLength(14)
    combo.addItem(everything, None)
    return combo


def _set_items(combo: QComboBox, items: Sequence[tuple[str, object]]) -> bool:
    """Replace all but the first ("All …") item; True if the selection had to fall back."""
    current = combo.currentData()
    if [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())] == list(items):
        return False
    combo.blockSignals(True)
    try:
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
    finally:
        combo.blockSignals(False)
    return current is not None and index < 0


class FiltersBar(QWidget):
    """Queue and team (they filter every part of the tab), freshness, and Refresh."""

    changed = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = _combo("queueFilter", "All queues", "Show one queue in every part of the tab")
        self.team = _combo("teamFilter", "All teams", "Show one team's agents and figures")
        self.updated = QLabel("")
        self.updated.setObjectName("liveUpdated")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip(self.tr("Take a new snapshot now (F5)"))
        refresh.clicked.connect(self.refresh_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Queue")))
        layout.addWidget(self.queue)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Team")))
        layout.addWidget(self.team)
        layout.addStretch(1)
        layout.addWidget(self.updated)
        layout.addWidget(refresh)
        self.queue.currentIndexChanged.connect(self.changed)
        self.team.currentIndexChanged.connect(self.changed)

    def set_choices(self, queues: Sequence[tuple[int, str]], teams: Sequence[str]) -> None:
        fell_back = _set_items(self.queue, [(name, qid) for qid, name in queues])
        team_items = [(name or "(no team)", name) for name in teams]
        fell_back = _set_items(self.team, team_items) or fell_back
        if fell_back:
            self.changed.emit()

    def queue_id(self) -> int | None:
        data = self.queue.currentData()
        return int(data) if data is not None else None

    def team_name(self) -> str | None:
        data = self.team.currentData()
        return str(data) if data is not None else None


class AgentTools(QWidget):
    """State and name filters over the agent board, and how many agents are shown."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = _combo("stateFilter", "All states", "Show agents in one state")
        for state, label in fmt.STATE_LABELS.items():
            self.state.addItem(label, state.value)
        self.search = QLineEdit()
        self.search.setObjectName("agentSearch")
        self.search.setPlaceholderText(self.tr("Search agents by name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setObjectName("agentCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Agents")))
        layout.addWidget(self.state)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.count)
        self.state.currentIndexChanged.connect(self.changed)
        self.search.textChanged.connect(self.changed)

    def agent_filter(self, queue_id: int | None, team: str | None) -> AgentFilter:
        state = self.state.currentData()
        return AgentFilter(
            team=team,
            queue_id=queue_id,
            state=AgentState(state) if state is not None else None,
            text=self.search.text(),
        )

    def set_count(self, shown: int, total: int) -> None:
        self.count.setText(
            self.tr("{total:,} agents").format(total=total)
            if shown == total
            else self.tr("{shown:,} of {total:,} agents").format(shown=shown, total=total)
        )
