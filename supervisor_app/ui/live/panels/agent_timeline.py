"""An agent's day in a dialog: schedule, states, contacts and adherence exceptions on one axis,
and the exceptions listed with "Approve…".

Non-modal, so a supervisor can keep several agents open beside the live board.
The day is fetched on a worker; an approval asks for a reason (it goes in the
audit log), runs on a worker, and reloads the day so it shows as approved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from supervisor_app.ui.common.failures import ShowMessage, message_box, show_failure
from supervisor_app.ui.common.local_time import hm, span, zone
from supervisor_app.ui.common.raise_escalation import ContactChoice, RaiseEscalationDialog
from supervisor_app.ui.common.refresh_status import RefreshStatus
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Op, Report, Workers
from supervisor_app.ui.live.panels.exceptions_table import ExceptionsTable
from supervisor_app.ui.live.panels.text_prompt import AskText, ask_text
from supervisor_app.ui.live.panels.timeline_view import TimelineView

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.live import AgentDay


class AgentTimelineDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        workers: Workers,
        db: Database,
        agent_id: int,
        *,
        now: datetime | None = None,
        ask: AskText = ask_text,
        show_message: ShowMessage = message_box,
        actor: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agentTimelineDialog")
        self.setWindowTitle(self.tr("Agent's day"))
        self.setModal(False)
        self.resize(1000, 560)
        self.agent_id = agent_id
        self._workers, self._now, self._actor = workers, now, actor
        self._ask, self._show = ask, show_message
        self.day: AgentDay | None = None
        self.busy = False
        self.status = RefreshStatus("Loading the agent's day…", self)
        self.status.title.setStyleSheet("font-weight: 600; font-size: 15px;")
        set_tone(self.status.title, "heading")
        self.summary = QLabel()
        set_tone(self.summary, "muted")
        self.timeline = TimelineView()
        self.exceptions_caption = QLabel(self.tr("Adherence exceptions"))
        self.exceptions_caption.setStyleSheet("font-weight: 600;")
        set_tone(self.exceptions_caption, "heading")
        self.exceptions = ExceptionsTable()
        self.exceptions.approve_requested.connect(self.approve)
        self.exceptions.highlighted.connect(self.timeline.set_highlight)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = buttons.addButton("Refresh", QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.refresh)
        self.escalate_button = buttons.addButton(
            "Escalate a contact…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.escalate_button.setToolTip(
            self.tr("Raise an escalation about one of today's contacts")
        )
        self.escalate_button.setEnabled(False)
        self.escalate_button.clicked.connect(self.escalate)
        self.escalate_dialog: RaiseEscalationDialog | None = None
        self._db = db
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.status.note)
        layout.addWidget(self.timeline)
        layout.addSpacing(6)
        layout.addWidget(self.exceptions_caption)
        layout.addWidget(self.exceptions, 1)
        layout.addWidget(buttons)

        self.refresher = Refresher(workers, self._make_op, self._on_day, self._on_error, self)
        self.refresher.set_database(db)

    def refresh(self) -> None:
        self.refresher.request()

    def _make_op(self, db: Database) -> Op[tuple[AgentDay, datetime]]:
        agent_id, now = self.agent_id, self._now or datetime.now(UTC)

        def op(_report: Report) -> tuple[AgentDay, datetime]:
            from supervisor_app.services.live import agent_day

            return agent_day(db, agent_id, now=now), now

        return op

    def _on_day(self, result: tuple[AgentDay, datetime]) -> None:
        day, now = result
        self.day = day
        tz = day.timezone
        local_day = day.day_start.astimezone(zone(tz))
        self.setWindowTitle(f"{day.name} — {local_day:%a %d %b %Y}")
        team = f" · {day.team}" if day.team else ""
        self.status.succeeded(f"{day.name}{team}", as_of=hm(now, tz))
        adherence = "—" if day.adherence is None else f"{day.adherence * 100:.1f} %"
        shift = (
            f"{span(day.schedule[0].start, day.schedule[-1].end, tz)}" if day.schedule else "none"
        )
        open_ = sum(1 for e in day.exceptions if e.approved_by is None)
        self.summary.setText(
            self.tr(
                "{local_day:%A %d %B} · shift {shift} · adherence {adherence} · {0} "
                "contacts · {open_} open exception{1} · times in {tz}, as of {2}"
            ).format(
                len(day.contacts),
                "s" if open_ != 1 else "",
                hm(now, tz),
                local_day=local_day,
                shift=shift,
                adherence=adherence,
                open_=open_,
                tz=tz,
            )
        )
        self.timeline.set_day(day, now)
        self.escalate_button.setEnabled(bool(day.contacts))
        self.exceptions.show_exceptions(day.exceptions, tz)
        none = not day.exceptions
        self.exceptions_caption.setText(
            self.tr("Adherence exceptions — none today")
            if none
            else self.tr("Adherence exceptions")
        )
        self.exceptions.setVisible(not none)

    def escalate(self) -> RaiseEscalationDialog | None:
        """Raise an escalation about one of the day's contacts, newest first in the list."""
        day = self.day
        if day is None or not day.contacts or self._workers.closing:
            return None
        tz = day.timezone
        choices = [
            ContactChoice(
                c.id,
                f"{hm(c.arrived_at, tz)} · {c.queue} · "
                f"{(c.outcome.value if c.outcome else 'in progress').replace('_', ' ')}",
                c.queue,
            )
            for c in sorted(day.contacts, key=lambda c: c.arrived_at, reverse=True)
        ]
        queues = sorted({c.queue for c in day.contacts})
        dialog = RaiseEscalationDialog(
            self._workers, self._db, self, contacts=choices, queues=queues, actor=self._actor
        )
        dialog.finished.connect(dialog.deleteLater)
        self.escalate_dialog = dialog
        dialog.open()
        return dialog

    def _on_error(self, exc: BaseException) -> None:
        text = self.status.failed(exc)
        if self.day is None:
            self.status.title.setText(self.tr("Couldn't load the agent's day"))
            self.summary.setText(text)

    def approve(self, index: int) -> None:
        day, db = self.day, self.refresher.db
        if day is None or db is None or self.busy or not 0 <= index < len(day.exceptions):
            return
        e = day.exceptions[index]
        when = span(e.start, e.end, day.timezone)
        reason = self._ask(self, "Approve exception", f"Why is {day.name}'s {when} acceptable?")
        if not reason or self._workers.closing:
            return
        self.busy = True
        actor_of = self._actor

        def op(_report: Report) -> None:
            from supervisor_app.services import audit
            from supervisor_app.services.live import approve_exception

            actor = actor_of() if actor_of else audit.current_actor()
            approve_exception(db, day.agent_id, e.start, e.end, reason, actor)

        self._workers.run(op, on_success=self._approved, on_failure=self._approve_failed)

    def _approved(self, _result: object) -> None:
        if isValid(self):
            self.busy = False
            self.refresh()

    def _approve_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.busy = False
            show_failure(self, exc, "Can't approve the exception", self._show)
            self.refresh()


def open_agent_timeline(
    parent: QWidget | None, workers: Workers, db: Database, agent_id: int, **options: Any
) -> AgentTimelineDialog:
    """Show the agent's day in a new non-modal dialog (deleted when closed); returns it.

    ``options`` are the dialog's keywords, for tests and demos: ``now`` (default: the
    clock), ``ask``, ``show_message`` and ``actor`` (default: the login).
    """
    dialog = AgentTimelineDialog(parent, workers, db, agent_id, **options)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
