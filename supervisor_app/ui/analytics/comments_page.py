"""Survey comments page: the customers' words, filtered by score, queue, agent and words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.analytics import (
    AnalyticsOptions,
    CommentFilter,
    CommentPage,
    survey_comments,
)
from supervisor_app.services.database import Database
from supervisor_app.ui.analytics.empty_stack import EmptyStack
from supervisor_app.ui.analytics.range_bar import Selection
from supervisor_app.ui.common.choices import refill
from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.common.workers import Op

HEADINGS = (
    QT_TRANSLATE_NOOP("CommentsPage", "Arrived"),
    QT_TRANSLATE_NOOP("CommentsPage", "Queue"),
    QT_TRANSLATE_NOOP("CommentsPage", "Agent"),
    QT_TRANSLATE_NOOP("CommentsPage", "CSAT"),
    QT_TRANSLATE_NOOP("CommentsPage", "NPS"),
    QT_TRANSLATE_NOOP("CommentsPage", "Comment"),
)
TYPING_MS = 400  # wait for a pause in typing before querying


class CommentsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_score = QSpinBox(objectName="analyticsCommentsMin", minimum=1, maximum=5, value=1)
        self.max_score = QSpinBox(objectName="analyticsCommentsMax", minimum=1, maximum=5, value=5)
        self.queue = QComboBox(objectName="analyticsCommentsQueue")
        self.agent = QComboBox(objectName="analyticsCommentsAgent")
        self.words = QLineEdit(objectName="analyticsCommentsWords")
        self.words.setPlaceholderText(self.tr("Words in the comment…"))
        self.words.setClearButtonEnabled(True)
        self.count = QLabel()
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADINGS])
        self.table = CopyableTableView()
        self.table.setObjectName("analyticsComments")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.stack = EmptyStack(self.table)
        self.typing = QTimer(self, singleShot=True, interval=TYPING_MS)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 0)
        for text, widget in (
            ("CSAT", self.min_score),
            ("to", self.max_score),
            ("Queue", self.queue),
            ("Agent", self.agent),
        ):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addWidget(self.words, 1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.words.textChanged.connect(lambda _t: self.typing.start())
        self._options: AnalyticsOptions | None = None

    def filter_changed_signals(self) -> list[Any]:
        """What should trigger a new query (the tab connects them)."""
        return [
            self.min_score.valueChanged,
            self.max_score.valueChanged,
            self.queue.currentIndexChanged,
            self.agent.currentIndexChanged,
            self.typing.timeout,
        ]

    def controls(self, by: Grouping) -> tuple[bool, bool, bool]:
        return False, False, False

    def set_options(self, options: AnalyticsOptions) -> None:
        if options is self._options:
            return
        self._options = options
        for combo, everything, items in (
            (self.queue, "All queues", options.queues),
            (self.agent, "All agents", options.agents),
        ):
            refill(combo, everything, ((item.name, item.id) for item in items))

    def current_filter(self) -> CommentFilter:
        low, high = sorted((self.min_score.value(), self.max_score.value()))
        return CommentFilter(
            min_csat=low,
            max_csat=high,
            queue_id=self.queue.currentData(),
            agent_id=self.agent.currentData(),
            words=self.words.text(),
        )

    def query(
        self, db: Database, selection: Selection, options: AnalyticsOptions
    ) -> Op[CommentPage]:
        self.set_options(options)
        first, last, where = selection.first, selection.last, self.current_filter()
        site = options.site_id
        return lambda _report: survey_comments(db, first, last, where, site_id=site)

    def show_result(self, result: Any) -> None:
        page: CommentPage = result
        self.model.removeRows(0, self.model.rowCount())
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for c in page.rows:
            cells = [
                c.arrived.strftime("%Y-%m-%d %H:%M"),
                c.queue,
                c.agent or "",
                "" if c.csat is None else str(c.csat),
                "" if c.nps is None else str(c.nps),
                c.comment,
            ]
            items = [QStandardItem(text) for text in cells]
            for item in items[3:5]:
                item.setTextAlignment(right)
            self.model.appendRow(items)
        shown = f"{len(page.rows):,} comment{'s' if len(page.rows) != 1 else ''}"
        self.count.setText(shown + (" (newest only)" if page.truncated else ""))
        if not page.rows:
            self.stack.show_message("No comments match in this range.")
            return
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        for column in range(5):
            self.table.resizeColumnToContents(column)
        self.stack.show_view()

    def show_message(self, text: str) -> None:
        self.count.setText("")
        self.stack.show_message(text)

    def save_layout(self) -> None:
        """Columns size to the comments."""
