"""The Alerts list: newest first, each one new until a supervisor acknowledges it.

Acknowledged alerts stay (greyed, and their status says who acknowledged them,
with their note in the tooltip) so the shift can see what happened; the list
keeps the latest ``LIMIT`` and lets the oldest acknowledged ones go first. An
acknowledgement made at another console arrives with a refresh
(``apply_shared``) and clears the alert here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from supervisor_app.domain.alerts import Alert
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.titled_columns import TitledColumnsModel
from supervisor_app.ui.live import figure_text as fmt
from supervisor_app.ui.live.alerts.shared_acks import Seen, covering

if TYPE_CHECKING:
    from supervisor_app.services.live import Acknowledgement

R = Qt.ItemDataRole
COLUMNS = (
    QT_TRANSLATE_NOOP("AlertsModel", "Time"),
    QT_TRANSLATE_NOOP("AlertsModel", "Status"),
    QT_TRANSLATE_NOOP("AlertsModel", "Subject"),
    QT_TRANSLATE_NOOP("AlertsModel", "Alert"),
)  # the message last: it takes the rest
LIMIT = 500
Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class Entry:
    alert: Alert
    first_look: bool = False  # raised on this console's first snapshot
    seen: Seen | None = None
    note_id: int | None = None  # a coaching follow-up: the note it names

    @property
    def acknowledged(self) -> bool:
        return self.seen is not None


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
                self._status(entry.seen),
                alert.subject,
                alert.message,
            )
            seen = entry.seen
            if role == R.ToolTipRole and column == 1 and seen is not None and not seen.here:
                text = f"Acknowledged by {seen.by} at {fmt.clock(seen.at, self.zone)}"
                return f"{text}: {seen.note}" if seen.note else text
            return values[column]
        if role == R.ForegroundRole and entry.acknowledged:
            return self._grey
        if role == R.FontRole and not entry.acknowledged and column == 1:
            return self._bold
        return None

    def column_header(self, section: int, role: int) -> Any:
        if role == R.DisplayRole:
            return self.tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def _status(self, seen: Seen | None) -> str:
        if seen is None:
            return "New"
        if seen.here:
            return "Acknowledged"
        return f"Seen by {seen.by.split('@')[0]} {seen.at.astimezone(self.zone):%H:%M}"

    def add(self, alerts: Sequence[Alert], first_look: bool = False) -> None:
        """New alerts go on top, in the order given."""
        if not alerts:
            return
        self.beginInsertRows(QModelIndex(), 0, len(alerts) - 1)
        self.entries[0:0] = [Entry(a, first_look) for a in alerts]
        self.endInsertRows()
        self._trim()

    def set_follow_ups(self, alerts: dict[int, Alert]) -> None:
        """The follow-ups due now, by note: new ones go on top, ones done (gone) leave."""
        for row in range(len(self.entries) - 1, -1, -1):
            note = self.entries[row].note_id
            if note is not None and note not in alerts:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.entries[row]
                self.endRemoveRows()
        shown = {e.note_id for e in self.entries}
        new = [(note, a) for note, a in alerts.items() if note not in shown]
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self.entries[0:0] = [Entry(a, first_look=True, note_id=note) for note, a in new]
            self.endInsertRows()
            self._trim()

    def note_at(self, row: int) -> int | None:
        return self.entries[row].note_id if 0 <= row < len(self.entries) else None

    def acknowledge(self, rows: Iterable[int], seen: Seen | None = None) -> list[Alert]:
        """Mark these rows acknowledged here; returns the alerts that were new."""
        mark = seen or Seen("", datetime.now(UTC), None, here=True)
        done = []
        for row in sorted(set(rows)):
            if 0 <= row < len(self.entries) and not self.entries[row].acknowledged:
                self.entries[row].seen = mark
                done.append(self.entries[row].alert)
                self._changed(row)
        return done

    def apply_shared(self, acks: list[Acknowledgement]) -> int:
        """Mark the alerts the database's acknowledgements cover (``acks`` oldest first).

        Rows acknowledged here get who and when from the database once it has them.
        Returns how many rows were new before.
        """
        cleared = 0
        for row, entry in enumerate(self.entries):
            if entry.seen is not None and not entry.seen.here:
                continue
            a = entry.alert
            ack = covering(a.subject, a.metric, a.raised_at, entry.first_look, acks)
            if ack is None:
                continue
            cleared += entry.seen is None
            entry.seen = Seen(ack.acknowledged_by, ack.acknowledged_at, ack.note)
            self._changed(row)
        return cleared

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def unacknowledged(self) -> int:
        return sum(not e.acknowledged for e in self.entries)

    def _trim(self) -> None:
        while len(self.entries) > LIMIT:
            acked = [i for i, e in enumerate(self.entries) if e.acknowledged]
            row = acked[-1] if acked else len(self.entries) - 1
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.entries[row]
            self.endRemoveRows()
