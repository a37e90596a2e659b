"""The escalations queue: open escalations, and Take / Add note… / Resolve… on the selected one.

Two supervisors may reach for the same customer. Each command carries the
version of the row the supervisor was looking at; if someone else changed it
first, the service refuses (``EscalationConflict``) and this panel says who has
it, shows the row as it now stands, and refreshes — nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QToolButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from supervisor_app.domain.enums import EscalationStatus
from supervisor_app.ui.common.failures import ShowMessage, message_box, show_failure
from supervisor_app.ui.common.local_time import local_hm
from supervisor_app.ui.common.raise_escalation import RaiseEscalationDialog
from supervisor_app.ui.common.refresh_status import RefreshStatus
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.site_refreshed import SiteRefreshed
from supervisor_app.ui.common.workers import Op, Report, Workers
from supervisor_app.ui.live.panels.escalations_model import EscalationsModel
from supervisor_app.ui.live.panels.escalations_view import (
    escalations_table,
    panel_action,
    placeholder,
    sorted_proxy,
)
from supervisor_app.ui.live.panels.text_prompt import AskText, ask_text

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.live import EscalationRow

Clock = Callable[[], datetime]
# (the escalations service module, database, actor) -> the row as the command left it
Command = Callable[[Any, "Database", str], "EscalationRow"]
TICK_MS = 1000
EMPTY = QT_TRANSLATE_NOOP(
    "EscalationsPanel",
    "No open escalations.\nNew ones appear here as they are raised; "
    "press Ctrl+E to raise one yourself.",
)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _note_question(row: EscalationRow) -> str:
    return f"Note on {row.customer_ref or 'this'} — {row.reason}:"


def _resolve_question(row: EscalationRow) -> str:
    return f"How was “{row.reason}” resolved?"


def _fetch(db: Database, site_id: int | None = None) -> Op[list[EscalationRow]]:
    def op(_report: Report) -> list[EscalationRow]:
        from supervisor_app.services.live import open_escalations

        return open_escalations(db, site_id)

    return op


class EscalationsPanel(SiteRefreshed, QWidget):
    def __init__(
        self,
        workers: Workers,
        parent: QWidget | None = None,
        *,
        clock: Clock = _utcnow,
        show_message: ShowMessage = message_box,
        ask: AskText = ask_text,
        actor: Callable[[], str] | None = None,
    ) -> None:
        """``clock``, ``show_message``, ``ask`` and ``actor`` (default: the login) are for tests."""
        super().__init__(parent)
        self.setObjectName("escalationsPanel")
        self._workers, self._clock, self._show, self._ask = workers, clock, show_message, ask
        self._actor = actor
        self.busy = False
        self.loaded = False
        self._pending_select: int | None = None
        self.model = EscalationsModel(clock(), self)
        self.proxy = sorted_proxy(self.model, self)
        self.view = escalations_table(self.proxy)
        self.status = RefreshStatus("Escalations", self)
        self.site_id: int | None = None  # the window's site: its queues' escalations
        self.refresher = Refresher(
            workers, lambda db: _fetch(db, self.site_id), self._on_data, self._on_error, self
        )
        self.placeholder = placeholder("Loading escalations…")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        self.take_action = panel_action(self, self.view, "&Take", "Ctrl+T", self.take)
        self.note_action = panel_action(self, self.view, "Add &note…", "Ctrl+N", self.add_note)
        self.resolve_action = panel_action(self, self.view, "&Resolve…", "Ctrl+R", self.resolve)
        self.raise_action = panel_action(
            self, self.view, "Rais&e…", "Ctrl+E", self.raise_escalation
        )
        self.raise_dialog: RaiseEscalationDialog | None = None
        self.may_change = True  # False for roles that only read escalations
        bar = QHBoxLayout()
        bar.addWidget(self.status.title)
        bar.addStretch(1)
        bar.addWidget(self.status.note)
        actions = (self.raise_action, self.take_action, self.note_action, self.resolve_action)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(lambda: self.model.tick(self._clock()))
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._sync_actions)
        self.view.selectionModel().selectionChanged.connect(self._sync_actions)
        self._sync_actions()

    # -- what the Live tab calls -------------------------------------------------------
    def _on_data(self, rows: list[EscalationRow]) -> None:
        self.loaded = True
        self.model.tick(self._clock())
        self.model.apply(rows)
        if self._pending_select is not None:  # the one just raised here
            self.select_id(self._pending_select)
            self._pending_select = None
        title = f"Escalations · {len(rows)} open" if rows else "Escalations"
        self.status.succeeded(title, as_of=local_hm(self._clock()))
        self.placeholder.setText(self.tr(EMPTY))
        self.stack.setCurrentWidget(self.view if rows else self.placeholder)

    def _on_error(self, exc: BaseException) -> None:
        text = self.status.failed(exc)
        if not self.loaded:
            self.placeholder.setText(text)

    # -- commands ----------------------------------------------------------------------
    def selected(self) -> EscalationRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(self.proxy.mapToSource(rows[0]).row())

    def select_id(self, escalation_id: int) -> None:
        position = self.model.position_of(escalation_id)
        if position is not None:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(position, 0)).row())

    def set_may_change(self, allowed: bool) -> None:
        """Hide Raise, Take, Add note and Resolve from a role that may only read them."""
        self.may_change = allowed
        for action in (self.raise_action, self.take_action, self.note_action, self.resolve_action):
            action.setVisible(allowed)
        self._sync_actions()

    def raise_escalation(self) -> RaiseEscalationDialog | None:
        """Open the dialog to raise one by hand (Ctrl+E); the list refreshes when it is raised."""
        db = self.refresher.db
        if db is None or self._workers.closing or not self.may_change:
            return None
        dialog = RaiseEscalationDialog(
            self._workers, db, self, actor=self._actor, site_id=self.site_id
        )
        dialog.raised.connect(lambda row: (self.refresh(), self._select_later(row.id)))
        dialog.finished.connect(dialog.deleteLater)
        self.raise_dialog = dialog
        dialog.open()
        return dialog

    def _select_later(self, escalation_id: int) -> None:
        self._pending_select = escalation_id

    def take(self) -> None:
        row = self.selected()
        if row is not None and row.status == EscalationStatus.OPEN:
            self._run(lambda s, db, actor: s.take_escalation(db, row.id, row.version, actor))

    def add_note(self) -> None:
        self._run_with_text("add_escalation_note", "Add note", _note_question)

    def resolve(self) -> None:
        self._run_with_text("resolve_escalation", "Resolve escalation", _resolve_question)

    def _run_with_text(
        self, service: str, title: str, question: Callable[[EscalationRow], str]
    ) -> None:
        """Ask about the selected row; if the supervisor types something, run the live
        service's ``service`` command with it (``add_escalation_note``, ``resolve_escalation``)."""
        row = self.selected()
        if row is None:
            return
        text = self._ask(self, title, question(row))
        if text:
            self._run(
                lambda s, db, actor: getattr(s, service)(db, row.id, row.version, actor, text)
            )

    def _run(self, command: Command) -> None:
        db, actor = self.refresher.db, self._actor
        if db is None or self.busy or self._workers.closing:
            return
        self.busy = True
        self._sync_actions()

        def op(_report: Report) -> EscalationRow:
            from supervisor_app.services import audit, live

            return command(live, db, actor() if actor else audit.current_actor())

        self._workers.run(op, on_success=self._done, on_failure=self._failed)

    def _done(self, row: EscalationRow) -> None:
        if isValid(self):
            self.busy = False
            self.model.put(row)
            self._sync_actions()
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        from supervisor_app.services.live import EscalationConflict

        self.busy = False
        if isinstance(exc, EscalationConflict):
            self.model.put(exc.current)  # who has it now, before the refresh lands
            self._show(self, "Someone else got there first", str(exc))
        else:
            show_failure(self, exc, "Can't update the escalation", self._show)
        self._sync_actions()
        self.refresh()

    def _sync_actions(self, *_args: object) -> None:
        row = None if self.busy or not self.may_change else self.selected()
        self.raise_action.setEnabled(self.may_change)
        self.take_action.setEnabled(row is not None and row.status == EscalationStatus.OPEN)
        self.note_action.setEnabled(row is not None)
        self.resolve_action.setEnabled(row is not None)

    # -- the age ticks while someone can see it ----------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.tick(self._clock())
        self.ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.ticker.stop()
        super().hideEvent(event)
