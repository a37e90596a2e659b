"""A form built from the field table: one editor per field, checked as the user types.

Each editor parses its text with the same ``SetupField`` the services and the
command line use; a refused value shows the field's reason right under it, in
red, and the page's Save stays disabled until every field is valid. Checks
across fields (amber before red, the longest shift not below the shortest)
are shown at the second field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.setup_fields import (
    FieldError,
    Kind,
    SetupField,
    available_zones,
    check_across,
    field,
)
from supervisor_app.ui.common.theme import set_tone


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class FieldEditor(QWidget):
    """One field's editor and the line under it that says why a value is refused."""

    edited = Signal()

    def __init__(self, item: SetupField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = item
        self.setObjectName(f"field_{item.name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.editor: QLineEdit | QComboBox | QCheckBox
        if item.kind is Kind.BOOL:
            self.editor = QCheckBox()
            self.editor.toggled.connect(self._changed)
        elif item.kind is Kind.CHOICE:
            self.editor = QComboBox()
            self.editor.addItems(list(item.choices))
            self.editor.currentTextChanged.connect(self._changed)
        else:
            self.editor = QLineEdit()
            self.editor.setClearButtonEnabled(item.optional)
            placeholder = "none" if item.optional else ""
            if item.unit:
                placeholder = f"{placeholder} ({item.unit})".strip()
            self.editor.setPlaceholderText(placeholder)
            if item.kind is Kind.ZONE:
                completer = QCompleter(QStringListModel(sorted(available_zones()), self), self)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                self.editor.setCompleter(completer)
            self.editor.textChanged.connect(self._changed)
        self.editor.setToolTip(f"{item.label}: {item.reason}")
        self.editor.setObjectName(f"edit_{item.name}")
        self.error = QLabel()
        self.error.setObjectName(f"error_{item.name}")
        set_tone(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        self._problem: str | None = None

    def _changed(self, *_args: object) -> None:
        self.validate()
        self.edited.emit()

    def text(self) -> str:
        if isinstance(self.editor, QCheckBox):
            return "yes" if self.editor.isChecked() else "no"
        if isinstance(self.editor, QComboBox):
            return self.editor.currentText()
        return self.editor.text()

    def set_value(self, value: Any) -> None:
        blockers = self.editor.blockSignals(True)
        try:
            if isinstance(self.editor, QCheckBox):
                self.editor.setChecked(bool(value))
            elif isinstance(self.editor, QComboBox):
                self.editor.setCurrentText(_text(value))
            else:
                self.editor.setText(_text(value))
        finally:
            self.editor.blockSignals(blockers)
        self.validate()

    def value(self) -> Any:
        """The parsed value; a FieldError if the text is refused."""
        return self.field.parse(self.text())

    def validate(self) -> bool:
        try:
            self.value()
        except FieldError as exc:
            self.show_problem(str(exc))
            return False
        self.show_problem(None)
        return True

    def show_problem(self, message: str | None) -> None:
        self._problem = message
        self.error.setText(message or "")
        self.error.setVisible(message is not None)

    def problem(self) -> str | None:
        return self._problem


class FieldForm(QWidget):
    """The editors of ``names`` of ``entity``; ``changes()`` against the loaded values."""

    edited = Signal()

    def __init__(self, entity: str, names: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity = entity
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.editors: dict[str, FieldEditor] = {}
        for name in names:
            editor = FieldEditor(field(entity, name))
            editor.edited.connect(self._on_edit)
            self.editors[name] = editor
            label = QLabel(
                editor.field.label + (f" ({editor.field.unit})" if editor.field.unit else "")
            )
            label.setBuddy(editor.editor)
            self.layout_.addRow(label, editor)
        self._loaded: dict[str, Any] = {}

    def _on_edit(self) -> None:
        self.check_across()
        self.edited.emit()

    def load(self, values: Mapping[str, Any]) -> None:
        """Show ``values`` as the saved state (``changes()`` is empty afterwards)."""
        self._loaded = {k: values.get(k) for k in self.editors}
        for name, editor in self.editors.items():
            editor.set_value(values.get(name))
        self.check_across()

    def values(self) -> dict[str, Any]:
        """Every field's parsed value; a FieldError for the first that is refused."""
        return {name: editor.value() for name, editor in self.editors.items()}

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from what was loaded (only valid ones)."""
        out = {}
        for name, editor in self.editors.items():
            try:
                value = editor.value()
            except FieldError:
                continue
            if value != self._loaded.get(name):
                out[name] = value
        return out

    def check_across(self) -> None:
        problems = {n for n, e in self.editors.items() if e.problem() is not None}
        try:
            values = {n: e.value() for n, e in self.editors.items() if n not in problems}
            check_across(self.entity, values)
        except FieldError as exc:
            editor = self.editors.get(exc.field.name)
            if editor is not None:
                editor.show_problem(str(exc))
            return
        for name, editor in self.editors.items():
            if name not in problems:
                editor.validate()

    def valid(self) -> bool:
        return all(e.problem() is None for e in self.editors.values())

    def show_error(self, error: FieldError) -> bool:
        """Show a refusal from the service at its field; False if the field isn't here."""
        editor = self.editors.get(error.field.name)
        if editor is None:
            return False
        editor.show_problem(str(error))
        return True

    def set_editable(self, on: bool) -> None:
        for editor in self.editors.values():
            editor.editor.setEnabled(on)
