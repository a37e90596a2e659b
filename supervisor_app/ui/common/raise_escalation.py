"""Raise an escalation: by hand (queue, customer, reason, priority) or about a stored contact.

Opened from the Live tab's Escalations panel (Ctrl+E), an agent's day on the
Live tab, and the contacts behind an Analytics figure. Each field says what is
wrong with it as the supervisor types (the same checks as ``escalation add``
and ``import escalations``, from ``domain.escalation_fields``); Raise stays
disabled until every field is right. The save runs on a worker; a refusal
that only the database can make (a queue removed meanwhile) comes back to its
field, and the dialog stays open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from supervisor_app.domain.escalation_fields import (
    CUSTOMER_MAX,
    DEFAULT_PRIORITY,
    PRIORITIES,
    REASON_MAX,
    EscalationDraft,
    field_errors,
)
from supervisor_app.ui.common.failures import first_line
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Report, Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.live import EscalationRow


@dataclass(frozen=True, slots=True)
class ContactChoice:
    """A stored contact the escalation is about, as the dialog lists it."""

    contact_id: int
    label: str  # "09:14 · Sales · answered"
    queue: str


class RaiseEscalationDialog(QDialog):
    raised = Signal(object)  # the EscalationRow as stored

    def __init__(
        self,
        workers: Workers,
        db: Database,
        parent: QWidget | None = None,
        *,
        contacts: Sequence[ContactChoice] = (),
        queues: Sequence[str] | None = None,
        actor: Callable[[], str] | None = None,
        site_id: int | None = None,
    ) -> None:
        """``contacts``: raise about one of these (its queue and customer go with it);
        none: by hand. ``queues``: the choices (default: read from the database, the
        queues of ``site_id`` when given: two sites may each have a "Support voice")."""
        super().__init__(parent)
        self.setObjectName("raiseEscalation")
        self.setWindowTitle(self.tr("Raise an escalation"))
        self._workers, self._db, self._actor = workers, db, actor
        self._site_id = site_id
        self.contacts = list(contacts)
        self.busy = False

        self.contact = QComboBox()
        for choice in self.contacts:
            self.contact.addItem(choice.label, choice.contact_id)
        self.queue = QComboBox()
        self.queue.setEditable(True)
        self.queue.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.queue.lineEdit().setPlaceholderText(self.tr("the queue the customer came in on"))
        self.customer = QLineEdit()
        self.customer.setMaxLength(CUSTOMER_MAX + 1)  # one over: the field says why
        self.customer.setPlaceholderText(self.tr("account, ticket or phone number"))
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX + 1)
        self.reason.setPlaceholderText(self.tr("why the customer needs a supervisor"))
        self.priority = QComboBox()
        for word in PRIORITIES:
            self.priority.addItem(word.capitalize(), word)
        self.priority.setCurrentIndex(list(PRIORITIES).index(DEFAULT_PRIORITY))
        self.errors = {name: _error_label() for name in ("queue", "customer", "reason", "priority")}

        form = QFormLayout()
        if self.contacts:
            form.addRow(self.tr("&Contact:"), self.contact)
            self.queue.setEnabled(False)
            self.customer.setEnabled(False)
            self.customer.setPlaceholderText(self.tr("the contact's customer"))
        form.addRow(self.tr("&Queue:"), _with_error(self.queue, self.errors["queue"]))
        form.addRow(self.tr("C&ustomer:"), _with_error(self.customer, self.errors["customer"]))
        form.addRow(self.tr("&Reason:"), _with_error(self.reason, self.errors["reason"]))
        form.addRow(self.tr("&Priority:"), _with_error(self.priority, self.errors["priority"]))
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_tone(self.message, "error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.raise_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.raise_button.setText(self.tr("Raise"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

        self.touched: set[str] = set()
        self.queue.currentTextChanged.connect(lambda _t: self._edited("queue"))
        self.customer.textChanged.connect(lambda _t: self._edited("customer"))
        self.reason.textChanged.connect(lambda _t: self._edited("reason"))
        self.contact.currentIndexChanged.connect(self._contact_chosen)
        if self.contacts:
            self._contact_chosen()
        if queues is not None:
            self.set_queues(queues)
        else:
            self._load_queues()
        self._check()

    # -- the fields ----------------------------------------------------------------------
    def draft(self) -> EscalationDraft:
        customer = "(from the contact)" if self.contacts else self.customer.text()
        return EscalationDraft(
            self.queue.currentText(),
            customer,
            self.reason.text(),
            str(self.priority.currentData()),
        )

    def set_queues(self, names: Sequence[str]) -> None:
        typed = self.queue.currentText()
        self.queue.blockSignals(True)
        self.queue.clear()
        self.queue.addItems(list(names))
        self.queue.setCurrentText(typed)
        self.queue.blockSignals(False)
        if self.contacts:
            self._contact_chosen()

    def _contact_chosen(self, *_args: object) -> None:
        if self.contacts:
            self.queue.setCurrentText(self.contacts[max(self.contact.currentIndex(), 0)].queue)

    def _edited(self, field: str) -> None:
        self.touched.add(field)
        self.message.clear()
        self._check()

    def _check(self) -> bool:
        """Show each touched field's problem under it; Raise only when none has one."""
        errors = field_errors(self.draft())
        for name, label in self.errors.items():
            text = errors.get(name, "") if name in self.touched else ""
            label.setText(text)
            label.setVisible(bool(text))
        self.raise_button.setEnabled(not errors and not self.busy)
        return not errors

    # -- saving --------------------------------------------------------------------------
    def submit(self) -> None:
        self.touched.update(self.errors)
        if self.busy or not self._check():
            return
        draft, db, actor, site_id = self.draft(), self._db, self._actor, self._site_id
        contact_id = self.contact.currentData() if self.contacts else None
        self.busy = True
        self._check()
        self.message.setText(self.tr("Raising…"))

        def op(_report: Report) -> EscalationRow:
            from supervisor_app.services import audit, live

            who = actor() if actor else audit.current_actor()
            if contact_id is not None:
                return live.raise_for_contact(db, contact_id, draft.reason, draft.priority, who)
            return live.raise_escalation(db, draft, who, site_id=site_id)

        self._workers.run(op, on_success=self._raised, on_failure=self._failed)

    def _raised(self, row: EscalationRow) -> None:
        if not isValid(self):
            return
        self.busy = False
        self.raised.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from supervisor_app.services.live import EscalationFieldError

        if not isValid(self):
            return
        self.busy = False
        if isinstance(exc, EscalationFieldError) and exc.field in self.errors:
            self.message.clear()
            label = self.errors[exc.field]
            label.setText(exc.reason)
            label.setVisible(True)
        else:
            self.message.setText(self.tr("Not raised: {0}").format(first_line(exc)))
        self.raise_button.setEnabled(True)

    def _load_queues(self) -> None:
        db, site_id = self._db, self._site_id

        def op(_report: Report) -> list[str]:
            from supervisor_app.services.live import queue_names

            return queue_names(db, site_id)

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self.message.setText(
                    self.tr("The queues could not be read: {0}").format(first_line(exc))
                )

        def loaded(names: list[str]) -> None:
            if isValid(self):
                self.set_queues(names)

        self._workers.run(op, on_success=loaded, on_failure=failed)


def _error_label() -> QLabel:
    label = QLabel()
    set_tone(label, "error")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _with_error(field: QWidget, error: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    box.setFocusProxy(field)
    return box
