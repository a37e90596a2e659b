"""The KPI table page: sortable, Ctrl+C to a spreadsheet, double-click to drill down.

Column layout (order, widths, sort) is remembered per grouping, since each
grouping has its own label columns. The two extra service-level variants
stay hidden until "All SL variants" is on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.kpi_catalogue import VARIANTS
from supervisor_app.domain.periods import Grouping, GroupKey
from supervisor_app.services.analytics import AnalyticsOptions
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import KpiReport, KpiRow
from supervisor_app.ui.analytics.empty_stack import EmptyStack
from supervisor_app.ui.analytics.kpi_model import SORT_ROLE, KpiTableModel
from supervisor_app.ui.analytics.kpi_rows import kpi_op
from supervisor_app.ui.analytics.range_bar import Selection
from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.common.header_state import ViewStateStore
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Op

TITLE_PADDING = 14  # the header section's margins around its title


class KpiPage(QWidget):
    drill_requested = Signal(object, str)  # the row's GroupKey, the figure's name

    def __init__(self, store: ViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = KpiTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = CopyableTableView()
        self.table.setObjectName("analyticsKpiTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.doubleClicked.connect(self._double_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the keyboard's double-click
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._enter)
        self.variants = QToolButton(text="All SL variants", objectName="analyticsVariants")
        self.variants.setCheckable(True)
        self.variants.setToolTip(
            self.tr(
                "Show service level three ways side by side: ÷ (offered − short abandons), "
                "÷ answered, ÷ (answered + abandons after the threshold)"
            )
        )
        self.variants.toggled.connect(self._show_variants)
        self.hint = QLabel(
            self.tr(
                "Double-click (or Enter on) a figure for the contacts behind it · Ctrl+C copies"
            )
        )
        set_tone(self.hint, "muted")
        self.stack = EmptyStack(self.table)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(self.variants)
        bar.addStretch(1)
        bar.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._layout_key: str | None = None

    def controls(self, by: Grouping) -> tuple[bool, bool, bool]:
        return True, True, True  # the filters narrow every grouping, in the query

    def query(self, db: Database, selection: Selection, options: AnalyticsOptions) -> Op[KpiReport]:
        return kpi_op(db, selection, options.site_id)

    def show_result(self, result: Any) -> None:
        self.show_report(result, result.rows)

    def show_report(self, report: KpiReport, rows: tuple[KpiRow, ...]) -> None:
        self.save_layout()
        self.model.set_report(report, rows)
        if not rows:
            self.stack.show_message("No groups match the filters in this range.")
            return
        self._layout_key = f"analytics/kpi/{report.by.value}"
        header = self.table.horizontalHeader()
        if not self.store.restore_header(self._layout_key, header):
            # A grouping never arranged: the default order, not the last grouping's.
            for logical in range(header.count()):
                header.moveSection(header.visualIndex(logical), logical)
            self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            self._fit_columns()
        else:
            self._widen_to_fit()
        self._show_variants(self.variants.isChecked())
        self.stack.show_view()

    def _fit_columns(self) -> None:
        """Each column as wide as its figures or its title, whichever is wider.

        Not ``resizeColumnsToContents``: with sorting on, Qt sizes every title with room
        for a sort arrow as well, some 20 px a column, which pushed a by-queue table of
        twenty columns past a 1366-pixel screen into sideways scrolling.
        """
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(header.count()):
            title = str(self.proxy.headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = metrics.horizontalAdvance(title) + TITLE_PADDING
            header.resizeSection(column, max(self.table.sizeHintForColumn(column), wanted))

    def _widen_to_fit(self) -> None:
        """A remembered layout, but never a figure cut to "100…": widen what no longer fits."""
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            wanted = self.table.sizeHintForColumn(column)
            if header.sectionSize(column) < wanted:
                header.resizeSection(column, wanted)

    def show_message(self, text: str) -> None:
        self.stack.show_message(text)

    def save_layout(self) -> None:
        if self._layout_key is not None and self.model.rowCount():
            self.store.save_header(self._layout_key, self.table.horizontalHeader())

    def _show_variants(self, shown: bool) -> None:
        for variant in VARIANTS:
            if self.model.rowCount() or self.model.key_count:
                self.table.setColumnHidden(self.model.figure_column(variant.field), not shown)

    def _enter(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._double_clicked(index)

    def _double_clicked(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        column = self.model.column_of(source.column())
        key: GroupKey = self.model.row_key(source.row())
        self.drill_requested.emit(key, "offered" if column is None else column.source)
