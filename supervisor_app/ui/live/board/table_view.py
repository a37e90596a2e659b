"""The Live tab's table views: compact rows, movable columns, and a word when empty.

An empty table reads as broken; the view says why it is empty instead
("Waiting for the database…", "No agent matches the filter"), drawn over the
viewport so no extra widget has to be kept in step with the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.live.board.cells import Column


class LiveTableView(CopyableTableView):
    """Ctrl+C as TSV (from ``CopyableTableView``), rows selected whole, an empty-state text."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._empty_text = ""
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def size_columns(self, columns: Sequence[Column]) -> None:
        """Default widths: the title or the column's sample value in bold, whichever is wider."""
        bold = QFont(self.font())
        bold.setBold(True)
        wide, header = QFontMetrics(bold), self.horizontalHeader()
        for i, column in enumerate(columns):
            title = self.fontMetrics().horizontalAdvance(column.title) + 20
            header.resizeSection(i, max(title, wide.horizontalAdvance(column.sample) + 14))

    def fitted_height(self, rows: int) -> int:
        """Height showing ``rows`` rows and the header (and the scroll bar, if it will show)."""
        height = (
            self.horizontalHeader().height() + rows * self.verticalHeader().defaultSectionSize()
        )
        if self.horizontalHeader().length() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        return height + 2 * self.frameWidth() + 2

    def set_empty_text(self, text: str) -> None:
        if text != self._empty_text:
            self._empty_text = text
            self.viewport().update()

    def empty_text(self) -> str:
        return self._empty_text

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self._empty_text or (model is not None and model.rowCount() > 0):
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        area = QRect(self.viewport().rect()).adjusted(16, 12, -16, -12)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self._empty_text)
        painter.end()
