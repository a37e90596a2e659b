"""The Audit page: every change (who, when, what, before → after), filtered and exported."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.setup import (
    AUDIT_HEADINGS,
    AuditRecord,
    audit_entities,
    audit_row,
    export_audit,
    list_audit,
)
from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.common.error_display import CrashDialog
from supervisor_app.ui.common.workers import Workers

SHOWN = 6  # at, actor, entity, id, action, change; the JSON columns go to the export only
ALL = QT_TRANSLATE_NOOP("AuditPage", "All entities")


class AuditPage(QWidget):
    def __init__(self, workers: Workers, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workers, self.db = workers, db
        self.records: list[AuditRecord] = []
        self.entity = QComboBox()
        self.entity.setObjectName("auditEntity")
        self.entity.addItem(self.tr(ALL), None)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit, name in ((self.since, "auditSince"), (self.until, "auditUntil")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        refresh = QPushButton(self.tr("Show"))
        refresh.clicked.connect(self.reload)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self._ask_export)
        bar = QHBoxLayout()
        for text, widget in (("Entity", self.entity), ("From", self.since), ("To", self.until)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addWidget(refresh)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        self.model = QStandardItemModel(0, SHOWN, self)
        self.model.setHorizontalHeaderLabels(list(AUDIT_HEADINGS[:SHOWN]))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = CopyableTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setObjectName("auditStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.entity.currentIndexChanged.connect(self.reload)
        self.since.dateChanged.connect(self.reload)
        self.until.dateChanged.connect(self.reload)

    def filters(self) -> tuple[str | None, date, date]:
        return (
            self.entity.currentData(),
            self.since.date().toPython(),
            self.until.date().toPython(),
        )

    def reload(self) -> None:
        db = self.db
        entity, since, until = self.filters()

        def op(_report: Any) -> tuple[list[AuditRecord], list[str]]:
            return list_audit(db, entity, since, until), audit_entities(db)

        self.workers.run(op, on_success=self._show, on_failure=self._failed)

    def _show(self, result: tuple[list[AuditRecord], list[str]]) -> None:
        self.records, entities = result
        keep = self.entity.currentData()
        blocker = self.entity.blockSignals(True)
        self.entity.clear()
        self.entity.addItem(self.tr(ALL), None)
        for name in entities:
            self.entity.addItem(name, name)
        self.entity.setCurrentIndex(max(0, self.entity.findData(keep)))
        self.entity.blockSignals(blocker)
        self.model.setRowCount(0)
        for record in self.records:
            cells = audit_row(record)[:SHOWN]
            items = [QStandardItem(c) for c in cells]
            items[-1].setToolTip(cells[-1])
            self.model.appendRow(items)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(SHOWN - 1, max(300, self.table.columnWidth(SHOWN - 1)))
        count = len(self.records)
        self.status.setText(
            self.tr("No changes in this range.")
            if not count
            else self.tr("{count} change{0}").format("s" * (count != 1), count=count)
        )
        self.export_button.setEnabled(bool(count))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit trail"),
            "audit.xlsx",
            self.tr("Excel (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        rows = list(self.records)
        self.workers.run(
            lambda _report: export_audit(rows, path),
            on_success=lambda n: self.status.setText(
                self.tr("Exported {n} changes to {name}").format(n=n, name=path.name)
            ),
            on_failure=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        """A file that can't be written or a database refusal is a message; a bug, a report."""
        if isinstance(exc, OSError | UserError):
            self.status.setText(str(exc))
        else:
            CrashDialog(exc, self).show()
