"""Edit › Setup…: sites, queues, teams and agents, labour rules, quality forms and the audit
trail.

A window of its own (not modal), so a supervisor can keep an eye on the Live tab
while setting things up. Each page reads and saves off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.database import Database
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.setup.audit_page import AuditPage
from supervisor_app.ui.setup.pages_org import QueuesPage, SitesPage
from supervisor_app.ui.setup.pages_people import PeoplePage
from supervisor_app.ui.setup.pages_rules import RulesPage
from supervisor_app.ui.setup.pages_training import TrainingPage
from supervisor_app.ui.setup.qa_forms_page import QaFormsPage


class SetupDialog(QDialog):
    def __init__(self, workers: Workers, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("Setup — Supervisor Console"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1180, 720)
        self.db = db
        self.sites = SitesPage(workers, db)
        self.queues = QueuesPage(workers, db)
        self.people = PeoplePage(workers, db)
        self.rules = RulesPage(workers, db)
        self.training = TrainingPage(workers, db)
        self.quality = QaFormsPage(workers, db)
        self.audit = AuditPage(workers, db)
        self.pages = QTabWidget()
        self.pages.setObjectName("setupPages")
        for page, title in (
            (self.sites, self.tr("Sites")),
            (self.queues, self.tr("Queues")),
            (self.people, self.tr("Teams && agents")),
            (self.rules, self.tr("Labour rules")),
            (self.training, self.tr("Training")),
            (self.quality, self.tr("Quality forms")),
            (self.audit, self.tr("Audit")),
        ):
            self.pages.addTab(page, title)
        self.who = QLabel(self._who_text(db))
        self.who.setObjectName("setupWho")
        self.who.setWordWrap(True)
        set_tone(self.who, "muted")
        self.pages.currentChanged.connect(self._on_page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        for n in range(self.pages.count()):
            QShortcut(
                QKeySequence(f"Alt+{n + 1}"),
                self,
                activated=lambda n=n: self.pages.setCurrentIndex(n),
            )
        for page in (self.sites, self.queues, self.rules):
            page.saved.connect(lambda _r, page=page: self._others_stale(page))
        self.quality.saved.connect(lambda _r: self.audit.reload())

    def _who_text(self, db: Database) -> str:
        """Who the changes are made as: on a local file, the computer's user (no roles); on
        a shared database, the login, whose role the database enforces."""
        from supervisor_app.services.audit import current_actor
        from supervisor_app.services.database import is_shared

        if is_shared(db.url):
            return self.tr(
                "Shared database: you change what your login's role allows (the database "
                "refuses the rest), and the audit trail records your login and the server's time."
            )
        return self.tr(
            "Local database file: it has one user and no roles; every change is recorded in "
            "the audit trail as {actor}."
        ).format(actor=current_actor())

    def reject(self) -> None:
        """Close, Escape and the title bar's ✕ all come here: unsaved edits on any page
        are asked about first (Qt's closeEvent of a dialog calls reject)."""
        for page in (self.sites, self.queues, self.people.agents, self.people.teams, self.rules):
            if page.dirty():
                self.pages.setCurrentWidget(self._tab_of(page))
                if not page.confirm_discard():
                    return
                page.revert()
        super().reject()

    def _tab_of(self, page: QWidget) -> QWidget:
        if page in (self.people.agents, self.people.teams):
            self.people.setCurrentWidget(page)
            return self.people
        return page

    def reload(self) -> None:
        """Read every page afresh (each on a worker)."""
        for page in (
            self.sites,
            self.queues,
            self.people,
            self.rules,
            self.training,
            self.quality,
            self.audit,
        ):
            page.reload()

    def _others_stale(self, saved: QWidget) -> None:
        # A new site shows in the choosers of the other pages; the audit shows the change.
        # The page that saved reloads itself (a second reload would wipe its "Saved …").
        for page in (self.queues, self.people, self.rules, self.training, self.audit):
            if page is not saved:
                page.reload()

    def _on_page(self, index: int) -> None:
        if self.pages.widget(index) is self.audit:
            self.audit.reload()

    def show_page(self, name: str) -> None:
        """``sites``, ``queues``, ``people``, ``rules``, ``training``, ``quality`` or ``audit``."""
        self.pages.setCurrentWidget(getattr(self, name))
