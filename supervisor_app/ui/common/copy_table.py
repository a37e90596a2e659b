"""Ctrl+C on any table: the selected rows as tab-separated text with a header row.

What Excel and LibreOffice paste into cells: one line per row, a tab between
cells, the visible columns in the order the user arranged them. A model can
offer plain values for this under ``COPY_ROLE`` (``0:03:12`` for a duration,
``78.4%`` for a percentage, a bare integer for a count) when what it displays
carries decoration (markers, units, thin spaces); otherwise the display text is used.
Text a spreadsheet would run as a formula is pasted as text
(``domain.safe_text.guard``); plain numbers stay numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from supervisor_app.domain.safe_text import guard

COPY_ROLE = int(Qt.ItemDataRole.UserRole) + 100


def _clean(value: object) -> str:
    """Tabs and line breaks would split a cell; a spreadsheet gets one line per row.

    The guard comes first, so a value that begins with a tab or CR is still seen as one.
    """
    if value is None:
        return ""
    text = guard(str(value))
    return " ".join(text.split("\t")).replace("\r", " ").replace("\n", " ")


def _cell(index: QModelIndex) -> str:
    value = index.data(COPY_ROLE)
    if value is None:
        value = index.data(Qt.ItemDataRole.DisplayRole)
    return _clean(value)


def selection_as_tsv(view: QAbstractItemView) -> str:
    """The selected rows (whole rows, or the selected cells' columns) as TSV with a header."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or not selection.hasSelection():
        return ""
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    indexes = selection.selectedIndexes()
    rows = sorted({i.row() for i in indexes})
    picked = {i.column() for i in indexes}
    columns = list(range(model.columnCount()))
    if header is not None:
        columns = sorted(
            (c for c in columns if not header.isSectionHidden(c)), key=header.visualIndex
        )
    whole_rows = all(selection.isRowSelected(r, QModelIndex()) for r in rows)
    if not whole_rows:
        columns = [c for c in columns if c in picked]
    lines = ["\t".join(_clean(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)]
    for row in rows:
        lines.append("\t".join(_cell(model.index(row, c)) for c in columns))
    return "\n".join(lines) + "\n"


def copy_selection(view: QAbstractItemView) -> bool:
    text = selection_as_tsv(view)
    if not text:
        return False
    QGuiApplication.clipboard().setText(text)
    return True


class TableCopier(QObject):
    """An event filter giving an existing view the Ctrl+C above (Qt's own copies one cell)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
            and isinstance(watched, QAbstractItemView)
        ):
            copy_selection(watched)
            return True
        return super().eventFilter(watched, event)


def enable_copy(view: QAbstractItemView) -> TableCopier:
    """Install the copier on ``view`` (it is parented to the view and lives as long)."""
    copier = TableCopier(view)
    view.installEventFilter(copier)
    return copier


class CopyableTableView(QTableView):
    """A QTableView with the spreadsheet Ctrl+C built in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            copy_selection(self)
            event.accept()
            return
        super().keyPressEvent(event)
