"""The agent profile: one agent's header, scorecard, adherence, training and next days.

Non-modal (a supervisor keeps it open beside the board) and one per agent: asking
again for an agent whose profile is open raises it. The dialog first reads who
the agent is (their site says what "today" is), then runs every section's
``fetch`` on a worker and hands each answer to its ``show_data``; the GUI thread
never waits on the database. The size and place are remembered between runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QHideEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from supervisor_app.domain.permissions import Role
from supervisor_app.services.database import Database
from supervisor_app.services.people import AgentProfile, agent_profile
from supervisor_app.services.session_role import session_role
from supervisor_app.ui.common.failures import first_line, refresh_note
from supervisor_app.ui.common.settings import settings_path
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people.frame import SectionFrame
from supervisor_app.ui.people.section import ProfileContext, ProfileSection
from supervisor_app.ui.people.sections import SECTIONS

GEOMETRY_KEY = "profile/geometry"
_open: dict[int, AgentProfileDialog] = {}


def _settings() -> QSettings:
    """The window's settings file (``window.ini``): the profile's geometry sits beside it."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


class AgentProfileDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        workers: Workers,
        db: Database,
        agent_id: int,
        *,
        sections: Sequence[type[ProfileSection]] | None = None,
        now: datetime | None = None,
        role: Role | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agentProfileDialog")
        self.setWindowTitle(self.tr("Agent profile"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.workers, self.db, self.agent_id, self._now = workers, db, agent_id, now
        self.role = role  # None: ask the database who this session is
        self.section_types = list(SECTIONS if sections is None else sections)
        self.profile: AgentProfile | None = None
        self.context: ProfileContext | None = None
        self.frames: list[SectionFrame] = []
        self._generation = 0
        self.heading = QLabel(self.tr("Loading the agent…"))
        self.heading.setObjectName("profileHeading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        set_tone(self.heading, "heading")
        self.note = QLabel()
        self.note.setObjectName("profileNote")
        set_tone(self.note, "muted")
        self.note.setWordWrap(True)
        self.body = QWidget()
        self.body.setObjectName("profileBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 6, 0)
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("profileScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.scroll = scroll
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = buttons.addButton(
            self.tr("Refresh"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.refresh_button.setObjectName("profileRefresh")
        self.refresh_button.setEnabled(False)
        self.refresh_button.clicked.connect(self.reload)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self._place()
        self._load_profile()

    # -- size and place ---------------------------------------------------------------
    def _place(self) -> None:
        """The saved geometry, else 1180×980 shrunk to fit the screen (1366×768 too)."""
        saved = _settings().value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and not saved.isEmpty() and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 1180, 980
        if area is not None:
            width, height = (
                min(width, int(area.width() * 0.92)),
                min(height, int(area.height() * 0.9)),
            )
        self.resize(width, height)

    def _remember(self) -> None:
        settings = _settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.sync()

    def hideEvent(self, event: QHideEvent) -> None:
        """Closed (Close, Escape, the title bar): remember where it was; the next
        ``open_agent_profile`` for the agent makes a fresh one."""
        self._remember()
        if _open.get(self.agent_id) is self:
            del _open[self.agent_id]
        super().hideEvent(event)

    # -- loading ----------------------------------------------------------------------
    def _load_profile(self) -> None:
        db, agent_id, now, role = self.db, self.agent_id, self._now, self.role

        def op(_report: Any) -> tuple[AgentProfile, Role]:
            return agent_profile(db, agent_id, now), role or session_role(db).role

        self.workers.run(op, on_success=self._on_profile, on_failure=self._on_profile_failed)

    def _on_profile(self, answer: tuple[AgentProfile, Role]) -> None:
        if not isValid(self):
            return
        profile, self.role = answer
        self.profile = profile
        self.setWindowTitle(self.tr("{name} — agent profile").format(name=profile.name))
        self.heading.setText(f"{profile.name} ({profile.employee_code})")
        self.note.setText(
            self.tr("{team} · {site} · figures as of {today:%d %b %Y}").format(
                team=profile.team or self.tr("no team"), site=profile.site, today=profile.today
            )
        )
        self.context = ProfileContext(
            db=self.db,
            workers=self.workers,
            agent_id=profile.agent_id,
            agent_name=profile.name,
            site_id=profile.site_id,
            today=profile.today,
            reload=self.reload,
            role=self.role,
        )
        for kind in self.section_types:
            frame = SectionFrame(kind(self.context))
            self.frames.append(frame)
            self.body_layout.insertWidget(self.body_layout.count() - 1, frame)
        self.refresh_button.setEnabled(True)
        self.reload()

    def _on_profile_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.heading.setText(self.tr("This agent can't be shown"))
            self.note.setText(refresh_note(exc, "read the agent"))

    def reload(self) -> None:
        """Fetch every section again, each on a worker (an answer to an older reload is dropped)."""
        if self.context is None or self.workers.closing:
            return
        self._generation += 1
        generation, db = self._generation, self.db
        agent_id, today = self.context.agent_id, self.context.today
        for frame in self.frames:
            frame.set_busy()
            fetch = type(frame.section).fetch

            def op(_report: Any, fetch: Any = fetch) -> Any:
                return fetch(db, agent_id, today)

            self.workers.run(
                op,
                on_success=lambda data, f=frame: self._deliver(generation, f, data),
                on_failure=lambda exc, f=frame: self._failed(generation, f, exc),
            )

    def _deliver(self, generation: int, frame: SectionFrame, data: Any) -> None:
        if generation != self._generation or not isValid(frame):
            return
        frame.section.show_data(data)
        frame.show_section()

    def _failed(self, generation: int, frame: SectionFrame, exc: BaseException) -> None:
        if generation != self._generation or not isValid(frame):
            return
        frame.show_error(self.tr("Could not be read: {0}").format(first_line(exc)))

    def busy_sections(self) -> list[str]:
        return [type(f.section).__name__ for f in self.frames if f.is_busy()]

    def section(self, kind: type[ProfileSection]) -> ProfileSection:
        return next(f.section for f in self.frames if type(f.section) is kind)


def show_profile(
    parent: QWidget | None, workers: Workers, db: Database, agent_id: int, **options: Any
) -> AgentProfileDialog:
    """Show the agent's profile (raise it if it is open already); returns the dialog."""
    dialog = _open.get(agent_id)
    if dialog is not None and isValid(dialog) and dialog.isVisible() and dialog.db is db:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
    dialog = AgentProfileDialog(parent, workers, db, agent_id, **options)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open[agent_id] = dialog
    dialog.show()
    return dialog
