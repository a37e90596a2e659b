"""A due follow-up's note, opened from its alert: what was said and agreed, and Follow-up
done, which removes the alert. The note is read and saved on a worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.common.error_display import user_message

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.people import CoachingLine
    from supervisor_app.ui.common.workers import Workers


class FollowUpDialog(QDialog):
    done = Signal(int)  # the note whose follow-up was marked done

    def __init__(
        self,
        db: Database,
        workers: Workers,
        note_id: int,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.setWindowTitle(self.tr("Coaching follow-up"))
        self.db, self.workers, self.note_id, self._today = db, workers, note_id, today
        self.note: CoachingLine | None = None
        self.heading = QLabel(self.tr("Reading the note…"))
        self.heading.setObjectName("followUpHeading")
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("followUpBody")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.done_button = QPushButton(self.tr("Follow-up done"))
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.mark_done)
        buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(480, 320)
        self.workers.run(self._read, on_success=self.show_note, on_failure=self._failed)

    def _read(self, _report: object) -> CoachingLine:
        from supervisor_app.services.people import get_note

        return get_note(self.db, self.note_id)

    def show_note(self, note: CoachingLine) -> None:
        self.note = note
        due = note.follow_up_on.isoformat() if note.follow_up_on else ""
        self.heading.setText(
            self.tr("{agent}: {topic} (follow-up due {due}; noted {noted} by {author})").format(
                agent=note.agent_name,
                topic=note.topic,
                due=due,
                noted=f"{note.noted_at.astimezone():%Y-%m-%d}",
                author=note.author.split("@")[0],
            )
        )
        actions = note.actions or self.tr("(none)")
        self.body.setText(
            self.tr("{text}\n\nAgreed actions: {actions}").format(text=note.text, actions=actions)
        )
        open_follow_up = note.follow_up_on is not None and note.followed_up_on is None
        self.done_button.setEnabled(open_follow_up)
        if note.followed_up_on is not None:
            self.status.setText(
                self.tr("Follow-up done on {day}.").format(day=note.followed_up_on.isoformat())
            )

    def mark_done(self) -> None:
        note, db, today = self.note, self.db, self._today()
        if note is None:
            return
        self.done_button.setEnabled(False)

        def write(_report: object) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.people import mark_follow_up_done

            mark_follow_up_done(db, note.note_id, note.version, today, current_actor())

        def saved(_: object) -> None:
            self.done.emit(note.note_id)
            self.accept()

        self.workers.run(write, on_success=saved, on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc).splitlines()[0])
