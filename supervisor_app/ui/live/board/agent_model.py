"""The agent board model: thousands of rows, sorted by any column, filtered, clocks ticking.

A refresh hands over rows rendered on the worker thread; only those whose
signature changed are swapped in and redrawn. The clock tick rewrites the two
clock columns of the shown rows and emits one ``dataChanged`` per column, with
no sort key touched, so nothing is re-sorted or re-filtered once a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from supervisor_app.domain.enums import AgentState
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.live.board.agent_cells import (
    ADHERENCE,
    AGENT_COLUMNS,
    COL,
    DEFAULT_RED_MINUTES,
    TIME,
    tick_agent,
)
from supervisor_app.ui.live.board.agent_filter import AgentFilter
from supervisor_app.ui.live.board.cells import Cells
from supervisor_app.ui.live.board.table_model import (
    BACKGROUND,
    DISPLAY,
    FOREGROUND,
    TOOLTIP,
    KeyedTableModel,
)

STATE_COLOURS: dict[AgentState, str] = {
    AgentState.AVAILABLE: "#2e9d4f",
    AgentState.ON_CONTACT: "#2f6db3",
    AgentState.WRAP_UP: "#7b5cc4",
    AgentState.BREAK: "#d08a00",
    AgentState.LUNCH: "#d08a00",
    AgentState.TRAINING: "#1f8f99",
    AgentState.MEETING: "#1f8f99",
    AgentState.OFFLINE: "#a7b1bc",
}
STATE = COL["state"]


def _dot(colour: str, size: int = 10) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class AgentModel(KeyedTableModel):
    """Sorted by name until the user clicks a header; ``set_filter`` narrows the rows."""

    def __init__(self, parent: Any = None, *, red_minutes: float = DEFAULT_RED_MINUTES) -> None:
        super().__init__(AGENT_COLUMNS, sortable=True, parent=parent)
        self.red_minutes = red_minutes
        self.filter = AgentFilter()
        self._dots: dict[AgentState, QIcon] = {}

    def apply(self, rows: Iterable[Cells]) -> None:
        self.rows.update(rows)

    def set_filter(self, agent_filter: AgentFilter) -> None:
        if agent_filter != self.filter:
            self.filter = agent_filter
            self.rows.set_filter(agent_filter.accepts if agent_filter.active() else None)

    def tick(self, now: datetime | None = None) -> None:
        stamp = (now or datetime.now(UTC)).timestamp()
        red = self.red_minutes
        time_rows: list[int] = []
        out_rows: list[int] = []
        for i, cells in enumerate(self.rows.shown()):
            mask = tick_agent(cells, stamp, red)
            if mask & 1:
                time_rows.append(i)
            if mask & 2:
                out_rows.append(i)
        if time_rows:
            self.emit_column(TIME, time_rows[0], time_rows[-1], [DISPLAY, COPY_ROLE])
        if out_rows:
            roles = [DISPLAY, COPY_ROLE, BACKGROUND, FOREGROUND, TOOLTIP]
            self.emit_column(ADHERENCE, out_rows[0], out_rows[-1], roles)

    def decoration(self, cells: Cells, column: int) -> Any:
        if column != STATE:
            return None
        state = cells.source.state
        icon = self._dots.get(state)
        if icon is None:
            icon = self._dots[state] = _dot(STATE_COLOURS.get(state, "#a7b1bc"))
        return icon

    def row_of(self, agent_id: int) -> int | None:
        return self.rows.row_of(agent_id)
