"""Open escalations as a table model keyed by id, updated in place.

A refresh is applied as differences: rows that went away are removed, new ones
inserted, moved ones moved, changed ones announced with ``dataChanged`` — never
a model reset, so the supervisor's selection and scroll position survive the
refresh that lands just as they reach for "Take". The age column ticks by a
``dataChanged`` on that column alone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from supervisor_app.domain.enums import EscalationStatus, Severity
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.local_time import duration, local_hm
from supervisor_app.ui.common.titled_columns import TitledColumnsModel

if TYPE_CHECKING:
    from supervisor_app.services.live import EscalationRow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
# Severity and age first: what a supervisor scans for, still in view on a narrow panel.
COLUMNS = (
    QT_TRANSLATE_NOOP("EscalationsModel", "Severity"),
    QT_TRANSLATE_NOOP("EscalationsModel", "Age"),
    QT_TRANSLATE_NOOP("EscalationsModel", "Customer"),
    QT_TRANSLATE_NOOP("EscalationsModel", "Queue"),
    QT_TRANSLATE_NOOP("EscalationsModel", "Reason"),
    QT_TRANSLATE_NOOP("EscalationsModel", "Status"),
    QT_TRANSLATE_NOOP("EscalationsModel", "Owner"),
)
SEVERITY, AGE, CUSTOMER, QUEUE, REASON, STATUS, OWNER = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}
COLOUR = {
    Severity.LOW: QColor("#5d6b7d"),
    Severity.MEDIUM: QColor("#9a7b00"),
    Severity.HIGH: QColor("#c26a00"),
    Severity.CRITICAL: QColor("#b3261e"),
}
OLD_OPEN_SECONDS = 10 * 60  # an untaken escalation older than this is shown in red


class EscalationsModel(TitledColumnsModel):
    def __init__(self, now: datetime | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EscalationRow] = []
        self._now = now or datetime.now(UTC)

    # -- reading -----------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def column_header(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def row(self, position: int) -> EscalationRow:
        return self._rows[position]

    def position_of(self, escalation_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == escalation_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        age = r.age_seconds(self._now)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col, age)
        if role == COPY_ROLE:  # what a spreadsheet wants: no dashes for blanks, age as h:mm:ss
            return self._copy(r, col, age)
        if role == SORT_ROLE:
            if col == SEVERITY:  # most severe first, then oldest first, when sorted descending
                return RANK[r.severity] * 1e12 - r.created_at.timestamp()
            return age if col == AGE else (self._text(r, col, age) or "").lower()
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == SEVERITY:
                return COLOUR[r.severity]
            if col == AGE and r.status == EscalationStatus.OPEN and age > OLD_OPEN_SECONDS:
                return COLOUR[Severity.CRITICAL]
        if role == Qt.ItemDataRole.FontRole and col == SEVERITY and r.severity == Severity.CRITICAL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == AGE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r)
        return None

    @staticmethod
    def _text(r: EscalationRow, col: int, age: float) -> str:
        if col == SEVERITY:
            return r.severity.value.capitalize()
        if col == STATUS:
            taken = f" {local_hm(r.taken_at)}" if r.taken_at else ""
            return f"{r.status.value.capitalize()}{taken}"
        if col == AGE:
            return duration(age)
        if col == OWNER:
            return r.owner or "—"
        return {CUSTOMER: r.customer_ref, QUEUE: r.queue_name, REASON: r.reason}.get(col) or "—"

    @classmethod
    def _copy(cls, r: EscalationRow, col: int, age: float) -> str:
        if col == AGE:
            minutes, seconds = divmod(int(age), 60)
            return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
        if col == OWNER:
            return r.owner or ""
        if col == CUSTOMER:
            return r.customer_ref or ""
        return cls._text(r, col, age)

    @staticmethod
    def _tooltip(r: EscalationRow) -> str:
        lines = [r.reason, f"Raised at {local_hm(r.created_at)}"]
        if r.owner:
            lines.append(f"Taken by {r.owner} at {local_hm(r.taken_at)}")
        if r.notes:
            lines += ["", r.notes]
        return "\n".join(lines)

    # -- updating ----------------------------------------------------------------------
    def apply(self, rows: list[EscalationRow]) -> None:
        """Make the model show ``rows`` in that order, by removals, moves, inserts and changes."""
        keep = {r.id for r in rows}
        i = len(self._rows) - 1
        while i >= 0:  # bottom up, a contiguous block at a time
            if self._rows[i].id in keep:
                i -= 1
                continue
            first = i
            while first > 0 and self._rows[first - 1].id not in keep:
                first -= 1
            self.beginRemoveRows(QModelIndex(), first, i)
            del self._rows[first : i + 1]
            self.endRemoveRows()
            i = first - 1
        for pos, row in enumerate(rows):
            if pos < len(self._rows) and self._rows[pos].id == row.id:
                self._replace(pos, row)
                continue
            at = self.position_of(row.id)
            if at is None:
                self.beginInsertRows(QModelIndex(), pos, pos)
                self._rows.insert(pos, row)
                self.endInsertRows()
            else:  # at > pos: rows before pos already match
                self.beginMoveRows(QModelIndex(), at, at, QModelIndex(), pos)
                self._rows.insert(pos, self._rows.pop(at))
                self.endMoveRows()
                self._replace(pos, row)

    def put(self, row: EscalationRow) -> None:
        """One row as a command returned it: replaced in place, or removed once resolved."""
        at = self.position_of(row.id)
        if at is None:
            return
        if row.status == EscalationStatus.RESOLVED:
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._rows[at]
            self.endRemoveRows()
        elif self._rows[at].version <= row.version:
            self._replace(at, row)

    def tick(self, now: datetime) -> None:
        self._now = now
        if self._rows:
            top, bottom = self.index(0, AGE), self.index(len(self._rows) - 1, AGE)
            self.dataChanged.emit(top, bottom)

    def _replace(self, pos: int, row: EscalationRow) -> None:
        if self._rows[pos] != row:
            self._rows[pos] = row
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, len(COLUMNS) - 1))
