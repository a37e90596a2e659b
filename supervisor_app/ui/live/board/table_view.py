"""The Live tab's table views: compact rows, movable columns, and a word when empty.

An empty table reads as broken; the view says why it is empty instead
("Waiting for the database…", "No agent matches the filter"), drawn over the
viewport so no extra widget has to be kept in step with the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.live.board.cells import Column

MIN_COLUMN = 40  # a column narrowed to fit keeps at least this much (and its title)
PADDING = 14  # the cell's margins around its text


class LiveTableView(CopyableTableView):
    """Ctrl+C as TSV (from ``CopyableTableView``), rows selected whole, an empty-state text."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._empty_text = ""
        self._natural: list[int] = []
        self._keep: list[int] = []  # narrowed first down to this (``Column.narrow``)
        self._least: list[int] = []
        self._fitting = False
        self.auto_fit = False
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
        """Default widths: the title or the column's sample value in bold, whichever is wider.

        Until the user resizes a column (or a saved layout is restored), the columns then
        follow the view's width: first the columns with a ``narrow`` part give way down to
        it, then all of them together down to what their titles need, so a table on a
        1366-pixel screen shows every column without sideways scrolling.
        """
        bold = QFont(self.font())
        bold.setBold(True)
        wide, header = QFontMetrics(bold), self.horizontalHeader()
        self._natural = []
        self._keep = []
        self._least = []
        model = self.model()
        for i, column in enumerate(columns):
            shown = model.headerData(i, Qt.Orientation.Horizontal) if model else None
            lines = str(shown or column.title).splitlines() or [""]
            title = max(self.fontMetrics().horizontalAdvance(line) for line in lines) + PADDING
            natural = max(title, wide.horizontalAdvance(column.sample) + PADDING)
            least = min(natural, max(title, MIN_COLUMN))
            keep = natural
            if column.narrow is not None:
                keep = min(natural, max(least, wide.horizontalAdvance(column.narrow) + PADDING))
            self._natural.append(natural)
            self._keep.append(keep)
            self._least.append(least)
            header.resizeSection(i, natural)
        self.auto_fit = True
        header.sectionResized.connect(self._user_resized)

    def _user_resized(self, index: int, _old: int, _new: int) -> None:
        header = self.horizontalHeader()
        last = header.logicalIndex(header.count() - 1)
        if header.stretchLastSection() and index == last:
            return  # the stretched last section follows the view's width by itself
        if not self._fitting:
            self.auto_fit = False  # the user's widths win from now on

    def fit_columns(self) -> None:
        """Narrow the columns to the viewport (never below their titles), or give them back
        their natural widths when there is room.

        Two rounds: the columns that may lose a tail (``Column.narrow``) give up to that
        first; only if that is not enough do all columns narrow, in proportion to what
        each can spare, down to their titles.
        """
        if not self.auto_fit or not self._natural:
            return
        header = self.horizontalHeader()
        shown = [i for i in range(min(header.count(), len(self._natural)))]
        shown = [i for i in shown if not header.isSectionHidden(i)]
        over = max(sum(self._natural[i] for i in shown) - self.viewport().width(), 0)
        tails = sum(self._natural[i] - self._keep[i] for i in shown)
        first = min(over / tails, 1.0) if tails else 0.0
        over = max(over - tails, 0)
        rest = sum(self._keep[i] - self._least[i] for i in shown)
        second = min(over / rest, 1.0) if rest else 0.0
        self._fitting = True
        try:
            for i in shown:
                width = self._natural[i] - (self._natural[i] - self._keep[i]) * first
                width -= (self._keep[i] - self._least[i]) * second
                header.resizeSection(i, int(width))
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def natural_width(self) -> int:
        """Width showing every column at its natural width, frame and scroll bar included."""
        bar = self.verticalScrollBar().sizeHint().width()
        return sum(self._natural) + 2 * self.frameWidth() + bar

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
