"""The coverage table: one row per queue and interval, sortable, copyable.

Rows come from a ``domain.coverage.CoverageWeek``; display text is formatted
here, ``SORT_ROLE`` gives the plain number to sort by and ``COPY_ROLE`` the
plain value Ctrl+C puts on the clipboard. A new week is a new query, so it
resets the model; the same week recomputed (a draft edit) changes values in place.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from supervisor_app.domain.coverage import CoverageWeek
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.theme import INK_ON_TINT
from supervisor_app.ui.common.titled_columns import TitledColumnsModel

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
HEADERS = (
    QT_TRANSLATE_NOOP("CoverageModel", "Interval"),
    QT_TRANSLATE_NOOP("CoverageModel", "Queue"),
    QT_TRANSLATE_NOOP("CoverageModel", "Forecast"),
    QT_TRANSLATE_NOOP("CoverageModel", "AHT (s)"),
    QT_TRANSLATE_NOOP("CoverageModel", "Required"),
    QT_TRANSLATE_NOOP("CoverageModel", "Scheduled"),
    QT_TRANSLATE_NOOP("CoverageModel", "Gap"),
    QT_TRANSLATE_NOOP("CoverageModel", "Expected SL"),
)
UNDER, OVER = QColor("#fbe3e1"), QColor("#e3f3e6")
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class Row:
    queue_id: int
    start: datetime
    label: str
    holiday: str | None
    queue: str
    forecast: float
    aht: float
    required: int
    scheduled: float
    gap: float
    sl: float | None
    fallback_aht: float = 300.0  # for a first volume typed where nothing was forecast

    def value(self, column: int) -> Any:
        return (
            self.start,
            self.queue,
            self.forecast,
            self.aht,
            self.required,
            self.scheduled,
            self.gap,
            self.sl,
        )[column]


class RowMaker:
    """The table's rows of one computed week: labels and typical handle times worked out once."""

    def __init__(self, week: CoverageWeek) -> None:
        self.week = week
        zone = ZoneInfo(week.timezone)
        holidays = dict(week.holidays)
        local = [s.astimezone(zone) for s in week.starts]
        self.labels = [f"{x:%a %d %b %H:%M}" for x in local]
        self.holidays = [holidays.get(x.date()) for x in local]
        self.typical = {}
        for q in week.queues:
            volume = sum(q.forecast)
            load = sum(v * h for v, h in zip(q.forecast, q.aht_seconds, strict=True))
            self.typical[q.queue_id] = load / volume if volume > 0 else 300.0

    def of(self, week: CoverageWeek) -> RowMaker:
        """A maker for ``week``, the same intervals and forecast recomputed: labels reused."""
        maker = copy.copy(self)
        maker.week = week
        return maker

    def empty(self, q: int, i: int) -> bool:
        c = self.week.queues[q]
        return c.forecast[i] == 0 and c.scheduled[i] == 0 and c.required[i] == 0

    def row(self, q: int, i: int) -> Row:
        c = self.week.queues[q]
        return Row(c.queue_id, self.week.starts[i], self.labels[i], self.holidays[i], c.name,
                   c.forecast[i], c.aht_seconds[i], c.required[i], c.scheduled[i], c.gap[i],
                   c.expected_sl[i], self.typical[c.queue_id])  # fmt: skip

    def keys(self, queue_id: int | None, hide_empty: bool) -> list[tuple[int, int]]:
        """(interval, queue position) of the rows to show, in the table's source order."""
        picked = [q for q, c in enumerate(self.week.queues) if queue_id in (None, c.queue_id)]
        return [
            (i, q)
            for i in range(len(self.week.starts))
            for q in picked
            if not (hide_empty and self.empty(q, i))
        ]


def rows_of(week: CoverageWeek, queue_id: int | None, hide_empty: bool) -> list[Row]:
    maker = RowMaker(week)
    return [maker.row(q, i) for i, q in maker.keys(queue_id, hide_empty)]


class CoverageModel(TitledColumnsModel):
    """Forecast and AHT cells are editable; an edit is announced, not applied: the panel
    saves it and reloads, so the table never shows a figure the database doesn't hold."""

    # queue id, UTC start, volume, AHT seconds, and the (volume, AHT) the edit replaces
    edited = Signal(int, object, float, float, object)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.keys: list[tuple[int, int]] | None = None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in (2, 3):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in (2, 3):
            return False
        try:
            number = float(str(value).replace(",", "").strip())
        except ValueError:
            return False
        row = self.rows[index.row()]
        volume, aht = (number, row.aht) if index.column() == 2 else (row.forecast, number)
        if volume > 0 and aht <= 0 and index.column() == 2:
            aht = row.fallback_aht  # a first volume needs a handle time: the week's for the queue
        self.edited.emit(row.queue_id, row.start, volume, aht, (row.forecast, row.aht))
        return True

    def set_rows(self, rows: list[Row], keys: list[tuple[int, int]] | None = None) -> None:
        """All rows anew; ``keys`` ((interval, queue position) per row, ascending) lets a later
        ``patch`` find rows without a rebuild."""
        self.keys = keys
        same = [(r.start, r.queue) for r in rows] == [(r.start, r.queue) for r in self.rows]
        if same and rows:
            self.rows = rows
            last = self.index(len(rows) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def patch(self, maker: RowMaker, cells: list[tuple[int, int]], hide_empty: bool) -> bool:
        """Apply recomputed (interval, queue position) ``cells`` of ``maker``'s week in place:
        changed rows send ``dataChanged`` for their scheduled, gap and SL cells; rows that
        become empty or not are removed or inserted. False (nothing done) without keys."""
        keys = self.keys
        if keys is None:
            return False
        for key in sorted(cells):
            pos = bisect.bisect_left(keys, key)
            here = pos < len(keys) and keys[pos] == key
            show = not (hide_empty and maker.empty(key[1], key[0]))
            if here and show:
                self.rows[pos] = maker.row(key[1], key[0])
                self.dataChanged.emit(self.index(pos, 5), self.index(pos, 7))
            elif here:
                self.beginRemoveRows(ROOT, pos, pos)
                del self.rows[pos], keys[pos]
                self.endRemoveRows()
            elif show:
                self.beginInsertRows(ROOT, pos, pos)
                self.rows.insert(pos, maker.row(key[1], key[0]))
                keys.insert(pos, key)
                self.endInsertRows()
        return True

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def column_header(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return (row.forecast, row.aht)[col - 2] if col in (2, 3) else _text(row, col)
        if role == SORT_ROLE:
            value = row.value(col)
            return value.timestamp() if isinstance(value, datetime) else value
        if role == COPY_ROLE:
            return _copy(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col == 6 and abs(row.gap) > 1e-9:
            return QBrush(UNDER if row.gap < 0 else OVER)
        if role == Qt.ItemDataRole.ForegroundRole and col == 6 and abs(row.gap) > 1e-9:
            return QBrush(QColor(INK_ON_TINT))
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and row.holiday:
            return f"Public holiday: {row.holiday}"
        return None


def _text(row: Row, col: int) -> str:
    if col == 0:
        return f"{row.label}  ★ {row.holiday}" if row.holiday else row.label
    if col == 1:
        return row.queue
    if col == 2:
        return f"{row.forecast:.1f}"
    if col == 3:
        return f"{row.aht:.0f}" if row.forecast else ""
    if col == 4:
        return str(row.required)
    if col == 5:
        return f"{row.scheduled:.2f}".rstrip("0").rstrip(".")
    if col == 6:
        return f"{row.gap:+.2f}".rstrip("0").rstrip(".") if row.gap else "0"
    return "—" if row.sl is None else f"{100 * row.sl:.1f} %"


def _copy(row: Row, col: int) -> Any:
    if col == 0:
        return row.label
    if col == 7:
        return "" if row.sl is None else round(row.sl, 4)
    value = row.value(col)
    return round(value, 3) if isinstance(value, float) else value
