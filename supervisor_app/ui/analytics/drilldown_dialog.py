"""The contacts behind a figure, in a dialog: sortable, Ctrl+C, exportable to CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.errors import UserError
from supervisor_app.services.analytics import HEADINGS, DrillContact, DrillDown, export_csv
from supervisor_app.ui.analytics.kpi_model import SORT_ROLE
from supervisor_app.ui.common.copy_table import COPY_ROLE, CopyableTableView
from supervisor_app.ui.common.kpi_text import NO_DATA, clock

NUMERIC = frozenset({5, 6, 9, 10})  # wait, handle, CSAT, NPS


def _cells(row: DrillContact) -> list[tuple[str, object]]:
    """(display text, sort key) per column, in ``HEADINGS`` order."""

    def seconds(value: float | None) -> tuple[str, object]:
        return (NO_DATA, -1.0) if value is None else (clock(value, short=True), value)

    def score(value: int | None) -> tuple[str, object]:
        return ("", -1) if value is None else (str(value), value)

    return [
        (row.external_id, row.contact_id),
        (row.arrived.strftime("%Y-%m-%d %H:%M:%S"), row.arrived.isoformat()),
        (row.queue, row.queue),
        (row.agent or "", row.agent or ""),
        ((row.outcome or "open").replace("_", " "), row.outcome or ""),
        seconds(row.wait_seconds),
        seconds(row.handle_seconds),
        ("yes" if row.in_time else "no", row.in_time),
        ("yes" if row.short_abandon else "no", row.short_abandon),
        score(row.csat),
        score(row.nps),
    ]


# (the drill-down dialog, the contact) -> the escalation dialog it opened, if any
Escalate = Callable[[QWidget, DrillContact], object]


class DrillDownDialog(QDialog):
    def __init__(
        self,
        drill: DrillDown,
        parent: QWidget | None = None,
        escalate: Escalate | None = None,
        evaluate: Escalate | None = None,
    ) -> None:
        """``escalate``: raise an escalation about the selected contact (Escalate…, Ctrl+E);
        ``evaluate``: score the selected contact's agent with a quality form (Evaluate…, in
        a row's context menu)."""
        super().__init__(parent)
        self._escalate = escalate
        self._evaluate = evaluate
        self.setObjectName("analyticsDrillDown")
        self.drill = drill
        self.setWindowTitle(self.tr("Contacts behind {title}").format(title=drill.title))
        self.resize(900, 480)
        count = f"{len(drill.rows):,} contact{'s' if len(drill.rows) != 1 else ''}"
        if drill.truncated:
            count += " (the first ones only: narrow the range or the group to see all)"
        self.summary = QLabel(f"{drill.title} · {count}")
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([h.removesuffix(" s") for h in HEADINGS])
        self.model.setSortRole(SORT_ROLE)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in drill.rows:
            items = []
            for column, (text, key) in enumerate(_cells(row)):
                item = QStandardItem(text)
                item.setData(key, SORT_ROLE)
                item.setEditable(False)
                if column in NUMERIC:
                    item.setTextAlignment(right)
                if column in (5, 6) and isinstance(key, float) and key >= 0:
                    item.setData(clock(key, short=False), COPY_ROLE)
                items.append(item)
            self.model.appendRow(items)
        self.table = CopyableTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # in arrival order until a header is clicked
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(
            "Export CSV…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setEnabled(bool(drill.rows))
        self.export_button.clicked.connect(self._ask_export)
        self.escalate_button = buttons.addButton(
            "Escalate…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.escalate_button.setToolTip(
            self.tr("Raise an escalation about the selected contact (Ctrl+E)")
        )
        self.escalate_button.setVisible(escalate is not None)
        self.escalate_button.setEnabled(False)
        self.escalate_button.clicked.connect(self.escalate_selected)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.activated.connect(self.escalate_selected)
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._sync)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def selected_contact(self) -> DrillContact | None:
        rows = self.table.selectionModel().selectedRows() or [
            i for i in self.table.selectionModel().selectedIndexes() if i.column() == 0
        ]
        if not rows:
            return None
        contact_id = self.model.item(rows[0].row(), 0).data(SORT_ROLE)
        return next((r for r in self.drill.rows if r.contact_id == contact_id), None)

    def escalate_selected(self) -> object:
        contact = self.selected_contact()
        if contact is None or self._escalate is None:
            return None
        return self._escalate(self, contact)

    def evaluate_selected(self) -> object:
        contact = self.selected_contact()
        if contact is None or self._evaluate is None or contact.agent is None:
            return None
        return self._evaluate(self, contact)

    def context_menu(self) -> QMenu:
        """The selected row's actions: Evaluate… (answered contacts) and Escalate…."""
        menu = QMenu(self)
        contact = self.selected_contact()
        evaluate = menu.addAction(self.tr("Evaluate…"))
        evaluate.setVisible(self._evaluate is not None)  # None: the role may not evaluate
        evaluate.setEnabled(
            self._evaluate is not None and contact is not None and contact.agent is not None
        )
        evaluate.triggered.connect(self.evaluate_selected)
        escalate = menu.addAction(self.tr("Escalate…"))
        escalate.setEnabled(self._escalate is not None and contact is not None)
        escalate.triggered.connect(self.escalate_selected)
        return menu

    def _context_menu(self, point: QPoint) -> None:
        self.context_menu().popup(self.table.viewport().mapToGlobal(point))

    def _sync(self, *_args: object) -> None:
        self.escalate_button.setEnabled(self.selected_contact() is not None)

    def export_to(self, path: Path) -> None:
        export_csv(self.drill.rows, path)

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export contacts"), "contacts.csv", self.tr("CSV files (*.csv)")
        )
        if not name:
            return
        try:
            self.export_to(Path(name))
        except (OSError, UserError) as exc:  # a FileProblem says what to do
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
