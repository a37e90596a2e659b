"""One Setup page: a sortable table of records beside a form that edits the chosen one.

The page reads and saves through worker ops (``ui.common.workers``): the GUI
thread never waits on the database. A save hands the service the record as the
page read it; when another workstation saved it meanwhile the service refuses
(``SetupConflict``), the page shows what changed and offers Reload — it never
overwrites. A value the service refuses is shown at its field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.setup_fields import FieldError
from supervisor_app.services.database import Database
from supervisor_app.services.setup import SetupConflict
from supervisor_app.ui.common.error_display import CrashDialog
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.setup.field_form import FieldForm
from supervisor_app.ui.setup.record_parts import (
    ID_ROLE,
    SORT_ROLE,
    Column,
    ConflictBanner,
    RecordTable,
    shown,
)


class RecordPage(QWidget):
    """A page of one kind of record; subclasses say what to fetch, show and save."""

    saved = Signal(object)
    loaded = Signal()
    entity = ""
    field_names: Sequence[str] = ()
    columns: Sequence[Column] = ()
    can_add = True
    add_label = "New"

    def __init__(self, workers: Workers, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workers, self.db = workers, db
        self.records: list[Any] = []
        self.context: Any = None
        self.current: Any = None  # the record the form shows as read; None when adding
        self.adding = False
        self.busy = False

        self.model = QStandardItemModel(0, len(self.columns), self)
        self.model.setHorizontalHeaderLabels([c.title for c in self.columns])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = RecordTable()
        self.table.setObjectName(f"{self.entity}Table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(self.selection_mode())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.title = QLabel()
        self.title.setObjectName("formTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.conflict = ConflictBanner()
        self.conflict.reload_requested.connect(self.reload)
        self.form = FieldForm(self.entity, self.field_names)
        self.form.edited.connect(self.update_buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("pageMessage")
        self.new_button = QPushButton(self.add_label)
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.start_adding)
        self.new_button.setVisible(self.can_add)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        self.left_layout = left_layout

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.conflict)
        right_layout.addWidget(self.form)
        for extra in self.extra_widgets():
            right_layout.addWidget(extra)
        right_layout.addStretch(1)
        right_layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(right)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([3000, 2000])  # the table first: its columns are the overview
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.show_record(None)

    # -- what subclasses say ------------------------------------------------------------
    def selection_mode(self) -> QAbstractItemView.SelectionMode:
        return QAbstractItemView.SelectionMode.SingleSelection

    def extra_widgets(self) -> list[QWidget]:
        return []

    def fetch(self, db: Database) -> tuple[list[Any], Any]:
        """On a worker: the records and whatever the page's choosers need."""
        raise NotImplementedError

    def store(self, db: Database, seen: Any, changes: dict[str, Any]) -> Any:
        """On a worker: save ``changes`` to the record read as ``seen``; the new record."""
        raise NotImplementedError

    def create(self, db: Database, values: dict[str, Any]) -> Any:
        """On a worker: add a record from ``values``; the new record."""
        raise NotImplementedError

    def defaults(self) -> dict[str, Any]:
        return {}

    def describe(self, record: Any) -> str:
        return str(getattr(record, "name", ""))

    def empty_text(self) -> str:
        return f"No {self.entity}s yet. Use {self.add_label} to add one."

    def load_extra(self, record: Any) -> None:
        """Show the record's values in the extra widgets (None: adding)."""

    def extra_changes(self) -> dict[str, Any]:
        return {}

    def extra_valid(self) -> bool:
        return True

    # -- reading ------------------------------------------------------------------------
    def reload(self, said: str = "") -> None:
        """Fetch the records again on a worker; the form shows the current one afresh,
        then ``said`` (what a save did: showing the record clears the message)."""
        self.conflict.hide()
        keep = None if self.current is None else self.current.id
        db = self.db
        self.workers.run(
            lambda _report: self.fetch(db),
            on_success=lambda result: self._loaded(result, keep, said),
            on_failure=self._failed,
        )

    def _loaded(self, result: tuple[list[Any], Any], keep: Any, said: str = "") -> None:
        self.records, self.context = result
        self.context_changed()
        self._fill()
        again = next((r for r in self.records if r.id == keep), None)
        if again is None and self.records and not self.adding:
            again = self.records[0] if keep is None else None
        if self.adding:
            self.update_buttons()
        else:
            self.select(again)
            self.show_record(again)
        self.message.setText(said or self.message.text())
        self.loaded.emit()

    def context_changed(self) -> None:
        """The choosers' lists arrived (sites, teams, queues)."""

    def _fill(self) -> None:
        sorting = self.proxy.sortColumn(), self.proxy.sortOrder()
        blocker = self.table.selectionModel().blockSignals(True)
        self.model.setRowCount(0)
        for record in self.records:
            row = []
            for column in self.columns:
                value = column.value(record)
                item = QStandardItem(shown(value))
                if value is not None:
                    item.setData(value, SORT_ROLE)
                item.setData(record.id, ID_ROLE)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                row.append(item)
            self.model.appendRow(row)
        self.proxy.sort(*sorting)
        self.table.selectionModel().blockSignals(blocker)
        self.table.fit_columns()
        self.empty.setText(self.empty_text())
        self.empty.setVisible(not self.records)

    def select(self, record: Any) -> None:
        selection = self.table.selectionModel()
        blocker = selection.blockSignals(True)
        selection.clearSelection()
        if record is not None:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(ID_ROLE) == record.id:
                    flags = (
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows
                    )
                    selection.select(index, flags)
                    self.table.scrollTo(index)
                    break
        selection.blockSignals(blocker)

    def selected(self) -> list[Any]:
        ids = {i.data(ID_ROLE) for i in self.table.selectionModel().selectedRows()}
        return [r for r in self.records if r.id in ids]

    def dirty(self) -> bool:
        """Edits not saved yet (an invalid field counts: the user typed something)."""
        if self.adding:
            return any(e.text().strip() for e in self.form.editors.values())
        return self.current is not None and (not self.form.valid() or bool(self.pending()))

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits are dropped; True to go on."""
        if not self.dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Discard your changes to {0}?").format(self.title.text()),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _on_selection(self, *_args: object) -> None:
        if not self.confirm_discard():
            self.select(self.current)
            return
        chosen = self.selected()
        self.adding = False
        self.conflict.hide()
        self.show_record(chosen[0] if len(chosen) == 1 else None, several=len(chosen) > 1)

    def show_record(self, record: Any, *, several: bool = False) -> None:
        self.current = record
        self.message.clear()
        if record is None:
            self.title.setText(
                self.tr("{0} selected").format(len(self.selected()))
                if several
                else self.tr("No {entity} chosen").format(entity=self.entity)
            )
            self.form.load(self.defaults())
            self.form.set_editable(False)
        else:
            self.title.setText(self.describe(record))
            self.form.load(record.values())
            self.form.set_editable(True)
        self.load_extra(record)
        self.update_buttons()

    def start_adding(self) -> None:
        if not self.confirm_discard():
            return
        self.select(None)
        self.current, self.adding = None, True
        self.conflict.hide()
        self.message.clear()
        self.title.setText(self.tr("New {entity}").format(entity=self.entity))
        self.form.load({})
        self.form.set_editable(True)
        for name, value in self.defaults().items():
            if name in self.form.editors:
                self.form.editors[name].set_value(value)
        self.load_extra(None)
        self.update_buttons()
        first = next(iter(self.form.editors.values()), None)
        if first is not None:
            first.editor.setFocus()

    def revert(self) -> None:
        if self.adding:
            self.adding = False
            self.show_record(None)
        else:
            self.show_record(self.current)

    # -- saving ---------------------------------------------------------------------------
    def pending(self) -> dict[str, Any]:
        return self.form.changes() | self.extra_changes()

    def can_save(self) -> bool:
        if self.busy or not self.form.valid() or not self.extra_valid():
            return False
        if self.adding:
            return True
        return self.current is not None and bool(self.pending())

    def update_buttons(self) -> None:
        self.save_button.setEnabled(self.can_save())
        self.revert_button.setEnabled(not self.busy and (self.adding or self.dirty()))
        self.new_button.setEnabled(not self.busy)

    def save(self) -> None:
        if not self.can_save():
            return
        db, seen = self.db, self.current
        if self.adding:
            values = self.form.values() | self.extra_changes()

            def op(_report: Any) -> Any:
                return self.create(db, values)
        else:
            changes = self.pending()

            def op(_report: Any) -> Any:
                return self.store(db, seen, changes)

        self.busy = True
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Saving…"))
        self.update_buttons()
        self.workers.run(op, on_success=self._saved, on_failure=self._save_failed)

    def _saved(self, record: Any) -> None:
        self.busy, self.adding = False, False
        self.current = record
        self.saved.emit(record)
        self.reload(said=self.saved_text(record))

    def saved_text(self, record: Any) -> str:
        return self.tr("Saved {0}.").format(self.describe(record))

    def _save_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.message.clear()
        if isinstance(exc, SetupConflict):
            self.conflict.show_conflict(exc)
        elif isinstance(exc, FieldError) and self.form.show_error(exc):
            pass
        else:
            self._failed(exc)
        self.update_buttons()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError | LookupError):
            set_tone(self.message, "error")
            self.message.setText(str(exc))
        else:
            CrashDialog(exc, self).show()
