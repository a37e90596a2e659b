"""The Alerts panel: the list, Acknowledge (button or Del), and a tray message when away.

A supervisor acknowledges an alert to say "seen, on it" (optionally with a
note); it greys out and its status reads "Acknowledged". The panel announces
it (``acknowledged``) for the Live tab to store, so the other consoles clear it
too; theirs arrive through ``apply_shared``. When the console is not the active
window as an alert arrives, the notifier (a tray balloon where there is a tray)
says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from supervisor_app.domain.alerts import Alert
from supervisor_app.ui.live.alerts.alerts_model import AlertsModel
from supervisor_app.ui.live.alerts.notifier import Notifier
from supervisor_app.ui.live.board.table_view import LiveTableView
from supervisor_app.ui.live.panels.text_prompt import AskText, ask_text

if TYPE_CHECKING:
    from supervisor_app.services.live import Acknowledgement

NO_ALERTS = QT_TRANSLATE_NOOP(
    "AlertsPanel",
    "No alerts. Queues past their red limits, agents long out of adherence and coaching "
    "follow-ups due show here.",
)


class AlertsPanel(QWidget):
    count_changed = Signal(int)  # alerts not yet acknowledged
    acknowledged = Signal(object, object)  # the alerts acknowledged here, the note (or None)
    follow_up_opened = Signal(int)  # a coaching follow-up's alert opened: its note's id

    def __init__(
        self,
        notifier: Notifier | None = None,
        is_window_active: Callable[[], bool] | None = None,
        parent: QWidget | None = None,
        ask: AskText = ask_text,
    ) -> None:
        super().__init__(parent)
        self._ask = ask
        self.setObjectName("alertsPanel")
        self.notifier = notifier
        self._is_active = is_window_active or (lambda: self.window().isActiveWindow())
        self.model = AlertsModel(self)
        self.view = LiveTableView("alertsTable")
        self.view.setModel(self.model)
        self.view.set_empty_text(self.tr(NO_ALERTS))
        self.view.setAlternatingRowColors(False)
        header = self.view.horizontalHeader()
        for column, chars in enumerate((8, 18, 14)):
            header.resizeSection(column, self.view.fontMetrics().averageCharWidth() * chars + 16)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda index: self._open(index.row()))

        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.setToolTip(self.tr("Mark the selected alerts as seen (Del)"))
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        acknowledge_all = QPushButton(self.tr("Acknowledge all"))
        acknowledge_all.clicked.connect(self.acknowledge_all)
        self.note_button = QPushButton(self.tr("With note…"))
        self.note_button.setToolTip(
            self.tr("Acknowledge the selected alerts with a note for the others")
        )
        self.note_button.clicked.connect(self.acknowledge_with_note)
        self.summary = QLabel()
        self.summary.setObjectName("alertsSummary")
        self.view.installEventFilter(self)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.note_button)
        buttons.addWidget(acknowledge_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().selectionChanged.connect(self._sync)
        self._sync()

    def set_zone(self, zone: tzinfo | None) -> None:
        self.model.zone = zone

    def add(self, alerts: Sequence[Alert], first_look: bool = False) -> None:
        """``first_look``: raised on the console's first snapshot (see ``shared_acks``)."""
        if not alerts:
            return
        self.model.add(alerts, first_look)
        self._sync()
        if self.notifier is not None and not self._is_active():
            first = alerts[0]
            title = f"{first.subject}: alert" if len(alerts) == 1 else f"{len(alerts)} new alerts"
            message = first.message if len(alerts) == 1 else f"{first.subject}: {first.message} …"
            self.notifier.notify(title, message)

    def set_follow_ups(self, alerts: dict[int, Alert]) -> None:
        """Coaching follow-ups due now, by note id (``follow_ups.FollowUpAlerts``)."""
        before = {e.note_id for e in self.model.entries if e.note_id is not None}
        self.model.set_follow_ups(alerts)
        self._sync()
        fresh = [a for note, a in alerts.items() if note not in before]
        if fresh and self.notifier is not None and not self._is_active():
            self.notifier.notify(f"{fresh[0].subject}: alert", fresh[0].message)

    def _open(self, row: int) -> None:
        """Double-click: a follow-up opens its note (once acknowledged); others are acknowledged."""
        note = self.model.note_at(row)
        if note is not None and self.model.entries[row].acknowledged:
            self.follow_up_opened.emit(note)  # seen already: only open it
        else:
            self._acknowledge([row])  # a follow-up acknowledged alone opens its note

    def acknowledge_selected(self) -> None:
        self._acknowledge(index.row() for index in self.view.selectionModel().selectedRows())

    def acknowledge_all(self) -> None:
        self._acknowledge(range(self.model.rowCount()))

    def acknowledge_with_note(self) -> None:
        rows = [index.row() for index in self.view.selectionModel().selectedRows()]
        if not any(not self.model.entries[r].acknowledged for r in rows):
            return
        note = self._ask(self, "Acknowledge with a note", "Note for the other supervisors:")
        if note is not None:
            self._acknowledge(rows, note.strip() or None)

    def apply_shared(self, acks: list[Acknowledgement]) -> None:
        """Acknowledgements stored by any console (this one included), oldest first."""
        self.model.apply_shared(acks)
        self._sync()

    def _acknowledge(self, rows: Iterable[int], note: str | None = None) -> None:
        rows = list(rows)
        done = self.model.acknowledge(rows)
        if done:
            self._sync()
            self.acknowledged.emit(done, note)
            notes = {self.model.note_at(r) for r in rows} - {None}
            if len(rows) == 1 and len(notes) == 1:  # one follow-up acknowledged: its note
                self.follow_up_opened.emit(notes.pop())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Del (Backspace on a Mac keyboard) on the list acknowledges the selection."""
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.acknowledge_selected()
            return True
        return super().eventFilter(watched, event)

    def _sync(self, *_args: object) -> None:
        new = self.model.unacknowledged()
        self.summary.setText(
            self.tr("{new} new").format(new=new)
            if new
            else self.tr("All acknowledged")
            if self.model.rowCount()
            else ""
        )
        rows = self.view.selectionModel().selectedRows()
        open_rows = any(not self.model.entries[i.row()].acknowledged for i in rows)
        self.acknowledge_button.setEnabled(open_rows)
        self.note_button.setEnabled(open_rows)
        self.count_changed.emit(new)
