"""Setup › Quality forms: evaluation forms, their sections, questions, weights and answers.

Saving a changed form writes its next version; evaluations already made keep the
version (and the score) they were made with, so the page says which version is
shown and how many evaluations use the form. Rows with the same section title,
one after another, make a section. Reads and saves run on a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.quality import (
    MAX_WEIGHT,
    AnswerType,
    FormDefinition,
    Question,
    Section,
    check,
)
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.services.people import FormSummary, FormVersion, current_forms, list_forms
from supervisor_app.services.people import save_form as save_form_version
from supervisor_app.ui.common.error_display import CrashDialog, is_user_error, user_message
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import CalibrationDialog

_CONTEXT = "QaFormsPage"
COLUMNS = (
    QT_TRANSLATE_NOOP("QaFormsPage", "Section"),
    QT_TRANSLATE_NOOP("QaFormsPage", "Key"),
    QT_TRANSLATE_NOOP("QaFormsPage", "Question"),
    QT_TRANSLATE_NOOP("QaFormsPage", "Weight"),
    QT_TRANSLATE_NOOP("QaFormsPage", "Answers"),
    QT_TRANSLATE_NOOP("QaFormsPage", "Auto-fail"),
)
SECTION, KEY, TEXT, WEIGHT, ANSWER, AUTO_FAIL = range(len(COLUMNS))
ANSWER_TYPES = (
    (AnswerType.YES_NO, QT_TRANSLATE_NOOP("QaFormsPage", "Yes / partly / no")),
    (AnswerType.SCALE, QT_TRANSLATE_NOOP("QaFormsPage", "1 to 5")),
)


@dataclass(frozen=True, slots=True)
class FormsState:
    forms: tuple[FormVersion, ...]
    summaries: dict[int, FormSummary]  # by form id


def load_forms(db: Database) -> FormsState:
    return FormsState(tuple(current_forms(db)), {s.form_id: s for s in list_forms(db)})


def _new_key(row: int) -> str:
    return "q" + str(row + 1)


class QaFormsPage(QWidget):
    """``saved`` carries the version written."""

    saved = Signal(object)

    def __init__(self, workers: Workers, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaFormsPage")
        self.workers, self.db = workers, db
        self.state = FormsState((), {})
        self._shown = ""
        self.forms = QListWidget()
        self.forms.setObjectName("qaFormList")
        self.forms.currentRowChanged.connect(self._show_form)
        new = QPushButton(self.tr("New form"))
        new.clicked.connect(self.new_form)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Forms")))
        left.addWidget(self.forms, 1)
        left.addWidget(new)
        calibrate = QPushButton(self.tr("Calibration…"))
        calibrate.setToolTip(self.tr("Contacts scored by several evaluators, and how far apart"))
        calibrate.clicked.connect(self.open_calibration)
        left.addWidget(calibrate)
        self.calibration: CalibrationDialog | None = None
        self.name = QLineEdit()
        self.name.setObjectName("qaFormName")
        self.name.setPlaceholderText(self.tr("Form name"))
        self.version = QLabel()
        self.version.setObjectName("qaFormVersion")
        self.version.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("qaQuestions")
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate(_CONTEXT, c) for c in COLUMNS]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        add = QPushButton(self.tr("Add question"))
        add.clicked.connect(lambda: self.add_question())
        remove = QPushButton(self.tr("Remove question"))
        remove.clicked.connect(self.remove_question)
        self.save_button = QPushButton(self.tr("Save as new version"))
        self.save_button.setObjectName("qaFormSave")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("qaFormMessage")
        row = QHBoxLayout()
        for button in (add, remove):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.name)
        right.addWidget(self.version)
        right.addWidget(self.table, 1)
        right.addLayout(row)
        right.addWidget(self.message)
        split = QSplitter()
        for part, stretch in ((left, 0), (right, 1)):
            holder = QWidget()
            holder.setLayout(part)
            split.addWidget(holder)
            split.setStretchFactor(split.count() - 1, stretch)
        split.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def open_calibration(self) -> CalibrationDialog:
        self.calibration = CalibrationDialog(self.db, self.workers, date.today(), self)
        self.calibration.open()
        return self.calibration

    def reload(self, select: str | None = None) -> None:
        db = self.db
        self.workers.run(
            lambda _report: load_forms(db),
            on_success=lambda state: self.show_state(state, select),
            on_failure=self._failed,
        )

    def show_state(self, state: FormsState, select: str | None = None) -> None:
        current = select or (self.current().name if self.current() is not None else None)
        self.state = state
        self.forms.blockSignals(True)
        self.forms.clear()
        for form in state.forms:
            used = state.summaries.get(form.form_id)
            # the name on its own line: a long one is never cut by the version and count
            text = self.tr("{name}\nversion {number} · {count} evaluation(s)").format(
                name=form.name, number=form.number, count=used.evaluations if used else 0
            )
            item = QListWidgetItem(text)
            item.setToolTip(text.replace("\n", " · "))
            self.forms.addItem(item)
        self.forms.blockSignals(False)
        names = [f.name for f in state.forms]
        self.forms.setCurrentRow(names.index(current) if current in names else 0)
        if not state.forms:
            self.new_form()

    def current(self) -> FormVersion | None:
        row = self.forms.currentRow()
        return self.state.forms[row] if 0 <= row < len(self.state.forms) else None

    def _show_form(self, *_args: object) -> None:
        form = self.current()
        if form is None:
            return
        self.name.setText(form.name)
        self.name.setReadOnly(True)
        used = self.state.summaries.get(form.form_id)
        self.version.setText(
            self.tr(
                "Version {number}, saved by {who} on {when}. {count} evaluation(s) use this "
                "form; saving a change makes version {next}, and they keep the version and "
                "the score they were made with."
            ).format(
                number=form.number,
                who=form.created_by,
                when=form.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                count=used.evaluations if used else 0,
                next=form.number + 1,
            )
        )
        self.table.setRowCount(0)
        for section in form.definition.sections:
            for question in section.questions:
                self.add_question(section.title, question)
        if form.name != self._shown:  # another form: the last save's message was about one
            self.message.setText("")
        self._shown = form.name

    def new_form(self) -> None:
        self.forms.clearSelection()
        self.name.setReadOnly(False)
        self.name.setText("")
        self.version.setText(self.tr("A new form: its first save is version 1."))
        self.message.setText("")
        self._shown = ""
        self.table.setRowCount(0)
        self.add_question(self.tr("Opening"))

    def add_question(self, section: str | None = None, question: Question | None = None) -> None:
        row = self.table.rowCount()
        if section is None:
            above = self.table.item(row - 1, SECTION) if row else None
            section = above.text() if above is not None else ""
        self.table.insertRow(row)
        self.table.setItem(row, SECTION, QTableWidgetItem(section))
        key = question.key if question else _new_key(row)  # an identifier, not a label
        self.table.setItem(row, KEY, QTableWidgetItem(key))
        self.table.setItem(row, TEXT, QTableWidgetItem(question.text if question else ""))
        weight = QDoubleSpinBox()
        weight.setRange(0.1, MAX_WEIGHT)
        weight.setDecimals(1)
        weight.setValue(question.weight if question else 1.0)
        self.table.setCellWidget(row, WEIGHT, weight)
        kind = QComboBox()
        for value, label in ANSWER_TYPES:
            kind.addItem(QCoreApplication.translate(_CONTEXT, label), value.value)
        kind.setCurrentIndex(kind.findData(question.answer if question else AnswerType.YES_NO))
        self.table.setCellWidget(row, ANSWER, kind)
        fail = QCheckBox()
        fail.setChecked(bool(question and question.auto_fail))
        fail.setToolTip(self.tr("Answered no, this question makes the whole evaluation 0 %"))
        self.table.setCellWidget(row, AUTO_FAIL, fail)

    def remove_question(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.rowCount() - 1]:
            if row >= 0:
                self.table.removeRow(row)

    def definition(self) -> FormDefinition:
        """The table as a form, checked (a ``UserError`` names the first problem)."""
        sections: list[tuple[str, list[Question]]] = []
        for row in range(self.table.rowCount()):
            title = self._text(row, SECTION) or self.tr("Questions")
            weight: Any = self.table.cellWidget(row, WEIGHT)
            kind: Any = self.table.cellWidget(row, ANSWER)
            fail: Any = self.table.cellWidget(row, AUTO_FAIL)
            question = Question(
                self._text(row, KEY),
                self._text(row, TEXT) or self._text(row, KEY),
                float(weight.value()),
                AnswerType(kind.currentData()),
                bool(fail.isChecked()),
            )
            if not sections or sections[-1][0] != title:
                sections.append((title, []))
            sections[-1][1].append(question)
        return check(FormDefinition(tuple(Section(t, tuple(qs)) for t, qs in sections)))

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def save(self) -> None:
        name = self.name.text().strip()
        try:
            if not name:
                raise UserError(self.tr("Give the form a name."))
            definition = self.definition()
        except UserError as problem:
            self.message.setText(str(problem))
            return
        db = self.db
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        self.workers.run(
            lambda _report: save_form_version(db, name, definition, current_actor()),
            on_success=self._saved,
            on_failure=self._failed,
        )

    def _saved(self, version: FormVersion) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(
            self.tr("Saved {name} as version {number}.").format(
                name=version.name, number=version.number
            )
        )
        self._shown = version.name  # the reload shows this form: keep the message
        self.saved.emit(version)
        self.reload(select=version.name)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if is_user_error(error):
            self.message.setText(user_message(error))
        else:
            self.message.setText("")
            CrashDialog.report(error, self)
