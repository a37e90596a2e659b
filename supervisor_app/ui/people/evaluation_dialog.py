"""Evaluate…: score an agent's contact with a form, the score shown live as you answer.

Opened from the Analytics drill-down (a contact's row) and from the profile's
quality section (the agent). The forms and the contact are read on a worker;
the score shown as questions are answered is ``domain.quality``'s, the same
function the service keeps the score with, so what the supervisor sees before
saving is what is kept. Saving runs on a worker too; the database (on a shared
one) names the evaluator and the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.quality import (
    NOT_APPLICABLE,
    AnswerType,
    FormDefinition,
    Question,
    partial_score,
)
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.services.people import (
    ContactRef,
    EvaluationLine,
    FormVersion,
    contact_by_id,
    current_forms,
    evaluate,
)
from supervisor_app.ui.common.error_display import CrashDialog, is_user_error, user_message
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Workers

_CONTEXT = "EvaluationDialog"
LABEL_WIDTH = 380


def _choice_label(value: str) -> str:
    labels = {
        "yes": QCoreApplication.translate(_CONTEXT, "Yes"),
        "partial": QCoreApplication.translate(_CONTEXT, "Partly"),
        "no": QCoreApplication.translate(_CONTEXT, "No"),
        NOT_APPLICABLE: QCoreApplication.translate(_CONTEXT, "Not applicable"),
    }
    return labels.get(value, value)


@dataclass(frozen=True, slots=True)
class EvaluationStart:
    """What the dialog reads before it can be filled in (on a worker)."""

    forms: tuple[FormVersion, ...]
    contact: ContactRef | None


def load_start(db: Database, contact_id: int | None) -> EvaluationStart:
    contact = None if contact_id is None else contact_by_id(db, contact_id)
    return EvaluationStart(tuple(current_forms(db)), contact)


class EvaluationDialog(QDialog):
    """``saved`` carries the kept evaluation (its score is the service's)."""

    saved = Signal(object)

    def __init__(
        self,
        db: Database,
        workers: Workers,
        *,
        agent_id: int | None = None,
        agent_name: str = "",
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationDialog")
        self.setWindowTitle(self.tr("Evaluate — Supervisor Console"))
        self.resize(640, 640)
        self.db, self.workers = db, workers
        self.agent_id, self.agent_name, self.contact_id = agent_id, agent_name, contact_id
        self.forms: tuple[FormVersion, ...] = ()
        self.answer_boxes: dict[str, QComboBox] = {}
        self.subject = QLabel(self.tr("Loading…"))
        self.subject.setObjectName("evaluationSubject")
        self.form_choice = QComboBox()
        self.form_choice.setObjectName("evaluationForm")
        self.form_choice.currentIndexChanged.connect(self._show_form)
        self.questions = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.questions)
        self.score = QLabel()
        self.score.setObjectName("evaluationScore")
        self.score.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow(self.tr("Evaluating"), self.subject)
        top.addRow(self.tr("Form"), self.form_choice)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.score)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.workers.run(
            lambda _report: load_start(db, contact_id),
            on_success=self.show_start,
            on_failure=self._failed,
        )

    def show_start(self, start: EvaluationStart) -> None:
        self.forms = start.forms
        if start.contact is not None:
            if self.agent_id is None:
                self.agent_id = start.contact.agent_id
                self.agent_name = start.contact.agent_name or ""
            self.subject.setText(
                self.tr("{agent} · contact {ref} ({queue})").format(
                    agent=self.agent_name, ref=start.contact.external_id, queue=start.contact.queue
                )
            )
        else:
            self.subject.setText(self.agent_name)
        if self.agent_id is None:
            self.message.setText(self.tr("This contact was not answered by an agent."))
        if not self.forms:
            self.message.setText(
                self.tr("No evaluation form yet: add one in Setup › Quality forms.")
            )
        self.form_choice.blockSignals(True)
        self.form_choice.clear()
        for form in self.forms:
            label = self.tr("{name} (version {number})").format(name=form.name, number=form.number)
            self.form_choice.addItem(label, form.version_id)
        self.form_choice.blockSignals(False)
        self._show_form()

    def form(self) -> FormVersion | None:
        index = self.form_choice.currentIndex()
        return self.forms[index] if 0 <= index < len(self.forms) else None

    def _show_form(self, *_args: object) -> None:
        form = self.form()
        old = self.questions.layout()
        if old is not None:
            QWidget().setLayout(old)  # drop the previous form's rows with their widgets
        self.answer_boxes = {}
        layout = QVBoxLayout(self.questions)
        if form is not None:
            for section in form.definition.sections:
                box = QGroupBox(section.title)
                rows = QFormLayout(box)
                rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
                for question in section.questions:
                    rows.addRow(self._question_label(question), self._answer_box(question))
                layout.addWidget(box)
        layout.addStretch(1)
        self._rescore()

    def _question_label(self, question: Question) -> QLabel:
        text = self.tr("{text} (weight {weight:g})").format(
            text=question.text, weight=question.weight
        )
        if question.auto_fail:
            text += " " + self.tr("· auto-fail")
        label = QLabel(text)
        label.setWordWrap(True)
        label.setFixedWidth(LABEL_WIDTH)  # one width in every section: the answers line up
        return label

    def _answer_box(self, question: Question) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"answer_{question.key}")
        box.setMinimumWidth(180)
        box.addItem(self.tr("—"), "")
        for value in question.choices():
            shown = value if question.answer is AnswerType.SCALE and value != "na" else None
            box.addItem(shown or _choice_label(value), value)
        box.currentIndexChanged.connect(self._rescore)
        self.answer_boxes[question.key] = box
        return box

    def answers(self) -> dict[str, str]:
        return {key: str(box.currentData() or "") for key, box in self.answer_boxes.items()}

    def set_answer(self, key: str, value: str) -> None:
        box = self.answer_boxes[key]
        box.setCurrentIndex(box.findData(value))

    def _definition(self) -> FormDefinition | None:
        form = self.form()
        return None if form is None else form.definition

    def _rescore(self, *_args: object) -> None:
        definition = self._definition()
        answers = self.answers()
        now = None if definition is None else partial_score(definition, answers)
        complete = bool(answers) and all(answers.values())
        if now is None:
            self.score.setText(self.tr("Score: — (answer the questions)"))
        elif now.auto_failed:
            self.score.setText(self.tr("Score: 0 % (an auto-fail question is failed)"))
        elif complete:
            self.score.setText(self.tr("Score: {pct:.1f} %").format(pct=now.pct))
        else:
            self.score.setText(self.tr("Score so far: {pct:.1f} %").format(pct=now.pct))
        self.save_button.setEnabled(complete and now is not None and self.agent_id is not None)

    def save(self) -> None:
        form, agent_id = self.form(), self.agent_id
        if form is None or agent_id is None:
            return
        answers, contact_id, db = self.answers(), self.contact_id, self.db
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))

        def op(_report: Any) -> EvaluationLine:
            return evaluate(
                db,
                agent_id=agent_id,
                form_version_id=form.version_id,
                answers=answers,
                actor=current_actor(),
                contact_id=contact_id,
            )

        self.workers.run(op, on_success=self._saved, on_failure=self._failed)

    def _saved(self, line: EvaluationLine) -> None:
        self.message.setText("")
        self.saved.emit(line)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        """A known error (a refusal by the database, a form changed meanwhile) is shown in
        the dialog, which stays open with the answers; a bug goes to the crash dialog."""
        if is_user_error(error):
            self.message.setText(user_message(error))
        else:
            self.message.setText("")
            CrashDialog.report(error, self)
        self._rescore()
