"""The Alerts list: newest first, each one new until a supervisor acknowledges it.

Acknowledged alerts stay (greyed, and their status says so in words) so the
shift can see what happened; the list keeps the latest ``LIMIT`` and lets the
oldest acknowledged ones go first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from supervisor_app.domain.alerts import Alert
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.titled_columns import TitledColumnsModel
from supervisor_app.ui.live import figure_text as fmt

R = Qt.ItemDataRole
COLUMNS = ("Time", "Status", "Subject", "Alert")  # the message last: it takes the rest
LIMIT = 500
Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class Entry:
    alert: Alert
    acknowledged: bool = False


class AlertsModel(TitledColumnsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.zone: tzinfo | None = None
        self._grey = QBrush(QColor("#8a94a0"))
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = R.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry, column = self.entries[index.row()], index.column()
        if role in (R.DisplayRole, COPY_ROLE, R.ToolTipRole):
            alert = entry.alert
            values = (
                fmt.clock(alert.raised_at, self.zone),
                "Acknowledged" if entry.acknowledged else "New",
                alert.subject,
                alert.message,
            )
            return values[column]
        if role == R.ForegroundRole and entry.acknowledged:
            return self._grey
        if role == R.FontRole and not entry.acknowledged and column == 1:
            return self._bold
        return None

    def column_header(self, section: int, role: int) -> Any:
        if role == R.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def add(self, alerts: Sequence[Alert]) -> None:
        """New alerts go on top, in the order given."""
        if not alerts:
            return
        self.beginInsertRows(QModelIndex(), 0, len(alerts) - 1)
        self.entries[0:0] = [Entry(a) for a in alerts]
        self.endInsertRows()
        self._trim()

    def acknowledge(self, rows: Iterable[int]) -> int:
        """Mark these rows acknowledged; returns how many were new."""
        done = 0
        for row in sorted(set(rows)):
            if 0 <= row < len(self.entries) and not self.entries[row].acknowledged:
                self.entries[row].acknowledged = True
                done += 1
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return done

    def unacknowledged(self) -> int:
        return sum(not e.acknowledged for e in self.entries)

    def _trim(self) -> None:
        while len(self.entries) > LIMIT:
            acked = [i for i, e in enumerate(self.entries) if e.acknowledged]
            row = acked[-1] if acked else len(self.entries) - 1
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.entries[row]
            self.endRemoveRows()
