"""The main window: wires tabs, menus, status bar, error display, database and demo together.

It knows no feature. Each part lives in its own module; this one only connects
their signals and owns their lifetimes, so closing the window stops every thread,
timer and child process it started.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from supervisor_app.ui.common.error_display import (
    CrashDialog,
    ErrorBanner,
    is_user_error,
    user_message,
)
from supervisor_app.ui.common.failures import first_line
from supervisor_app.ui.common.resources import icon
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live import LiveTab
from supervisor_app.ui.shell.database_session import DatabaseSession
from supervisor_app.ui.shell.first_paint import FirstPaint
from supervisor_app.ui.shell.gc_policy import freeze_startup_objects, resume_collection
from supervisor_app.ui.shell.lazy_tab import LazyTab
from supervisor_app.ui.shell.menus import build_menus
from supervisor_app.ui.shell.preferences_flow import PreferencesFlow
from supervisor_app.ui.shell.site_picker import SitePicker
from supervisor_app.ui.shell.status_bar import StatusBar

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.session_role import SessionIdentity
    from supervisor_app.ui.analytics import AnalyticsTab
    from supervisor_app.ui.imports import ImportWizard
    from supervisor_app.ui.schedules import SchedulesTab
    from supervisor_app.ui.setup import SetupDialog
    from supervisor_app.ui.shell.demo import DemoPlan, DemoRunner

log = logging.getLogger(__name__)

# If the window is shown but never painted (started minimised), open the database anyway.
START_FALLBACK_MS = 1000


class MainWindow(QMainWindow):
    def __init__(
        self,
        db_url: str | None,
        *,
        demo: DemoPlan | None = None,
        settings: WindowSettings | None = None,
        simulator: Callable[[], list[str]] | None = None,
    ) -> None:
        """``simulator``: the command that starts the demo's simulator (None: the real one)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Supervisor Console"))
        self.setWindowIcon(icon("live"))
        self.resize(1180, 760)

        self._settings = settings or WindowSettings()
        self.workers = Workers(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.live = LiveTab(self.workers, self._settings)
        self.tabs.addTab(self.live, icon("live"), "Live")
        self.schedules = LazyTab("schedules", self._make_schedules)
        self.analytics = LazyTab("analytics", self._make_analytics)
        self.reports = LazyTab("reports", self._make_reports)
        for page, title in (
            (self.schedules, "Schedules"),
            (self.analytics, "Analytics"),
            (self.reports, "Reports"),
        ):
            self.tabs.addTab(page, icon(page.objectName()), title)
        self.site_picker = SitePicker(self.workers, self._settings)
        self.tabs.setCornerWidget(self.site_picker, Qt.Corner.TopRightCorner)
        self.banner = ErrorBanner()
        self.banner.retry_requested.connect(self._retry)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner_row = QVBoxLayout()
        banner_row.setContentsMargins(10, 8, 10, 4)
        banner_row.addWidget(self.banner)
        layout.addLayout(banner_row)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.undo_group = QUndoGroup(self)
        self.schedules.created.connect(self._on_schedules_created)
        self.analytics.created.connect(self._on_analytics_created)
        self.actions_by_name = build_menus(self, self.tabs, self.undo_group)
        self.settings_path = self._settings.path
        self.preferences = PreferencesFlow(self)
        self.actions_by_name["settings"].triggered.connect(self.preferences.open_settings)
        self.actions_by_name["connect"].triggered.connect(self.preferences.open_connect)
        self.actions_by_name["about"].triggered.connect(self.preferences.show_about)
        self.live.notifier.enabled = self.preferences.prefs.notifications
        self._import_wizard: ImportWizard | None = None
        self._pending_db: Database | None = None  # opened, handed to the tabs once sites load
        self._import_db: Database | None = None
        self._setup: SetupDialog | None = None
        self.schema_dialog: QMessageBox | None = None

        self.session = DatabaseSession(db_url, self.workers, self)
        self.demo = self._demo_runner(demo, simulator) if demo else None
        self._wire()

        # No saved layout: a first start, which fills the screen it opens on.
        self.first_start = not self._settings.restore(self, self.tabs)
        self._closed = False
        self.first_paint = FirstPaint(self)
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self.session.start)
        self._start_timer.timeout.connect(resume_collection)
        self.first_paint.painted.connect(lambda _t: self._start_timer.start(0))

    def _wire(self) -> None:
        s, status = self.session, self.status
        s.resolved.connect(status.set_database)
        s.resolved.connect(lambda shown: setattr(self.preferences, "database_shown", shown))
        s.connected.connect(lambda: log.info("connection: connected"))
        s.connection_lost.connect(lambda why, _t: log.warning("connection: lost (%s)", why))
        s.failed.connect(lambda exc: log.warning("connection: failed (%s)", exc))
        s.resolved.connect(
            lambda shown: self.setWindowTitle(
                self.tr("Supervisor Console — {shown}").format(shown=shown)
            )
        )
        s.connecting.connect(status.set_connecting)
        s.connected.connect(status.set_connected)
        s.connected.connect(self.banner.hide)
        s.connection_lost.connect(status.set_connection_lost)
        s.changed.connect(self._on_changed)
        s.failed.connect(self._on_open_failed)
        s.identified.connect(self._apply_role)
        live = self.live
        s.changed.connect(live.on_changed)
        s.connection_lost.connect(live.on_connection_lost)
        s.connected.connect(live.on_connected)
        live.refreshed.connect(self._after_first_refresh)
        picker = self.site_picker
        s.opened.connect(self._database_opened)
        picker.loaded.connect(self._sites_loaded)
        s.changed.connect(picker.on_changed)
        picker.chosen.connect(self._site_chosen)
        picker.failed.connect(
            lambda exc: self.show_failure(exc, "Can't list the sites", can_retry=False)
        )
        self.tabs.currentChanged.connect(lambda _i: self._say_which_site())
        self.tabs.currentChanged.connect(self._follow_undo_stack)
        self._follow_undo_stack(self.tabs.currentIndex())
        importer = self.actions_by_name["import"]
        importer.triggered.connect(self._open_import)
        s.opened.connect(lambda _db: importer.setEnabled(importer.isVisible()))
        setup = self.actions_by_name["setup"]
        setup.triggered.connect(lambda _checked=False: self.open_setup())
        s.opened.connect(lambda _db: setup.setEnabled(setup.isVisible()))
        live.failed.connect(lambda exc: self.show_failure(exc, "Live view failed", can_retry=False))
        for page, what in (
            (self.schedules, "Schedules"),
            (self.analytics, "Analytics"),
            (self.reports, "Reports"),
        ):
            s.changed.connect(page.on_changed)
            page.failed.connect(
                lambda exc, what=what: self.show_failure(exc, f"{what} failed", can_retry=False)
            )
        if self.demo is not None:
            demo = self.demo
            s.opened.connect(self._start_demo)
            demo.progress.connect(lambda f: status.show_progress("Seeding demo history…", f))
            demo.seeded.connect(lambda _summary: status.hide_progress())
            demo.seeded.connect(lambda _summary: self.site_picker.reload())
            demo.failed.connect(self._on_demo_failed)
            demo.simulator_started.connect(lambda: status.set_simulator("simulator running"))
            demo.simulator_exited.connect(self._on_simulator_exited)

    # -- reactions ---------------------------------------------------------------------
    def _on_changed(self, _tables: frozenset[str], when: datetime) -> None:
        self.status.set_last_change(when)

    def _on_open_failed(self, exc: BaseException) -> None:
        """A schema at another revision is a plain dialog (nothing to retry until the
        administrator upgrades); a refused login opens the login dialog."""
        from supervisor_app.domain.errors import LoginNeeded, SchemaMismatch

        self.status.set_error(first_line(exc))
        if isinstance(exc, SchemaMismatch):
            self.schema_dialog = QMessageBox(
                QMessageBox.Icon.Warning, "Supervisor Console", str(exc), parent=self
            )
            self.schema_dialog.setObjectName("schemaMismatch")
            self.schema_dialog.open()
            return
        if isinstance(exc, LoginNeeded) and self.preferences.ask_login(str(exc)):
            return
        self.show_failure(exc, "Can't open the database", can_retry=True)

    def _database_opened(self, db: Database) -> None:
        """The tabs get the database once the picker knows its sites, so their first
        query already reads the chosen site (none yet: each tab says how to get one)."""
        self._pending_db = db
        self.site_picker.set_database(db)

    def _sites_loaded(self) -> None:
        db, self._pending_db = self._pending_db, None
        if db is None:
            return
        self._site_chosen(self.site_picker.site_id())
        for page in (self.live, self.schedules, self.analytics, self.reports):
            page.set_database(db)

    def _site_chosen(self, site_id: int | None) -> None:
        """Every tab follows the picker; Live and Schedules work on one site, so with
        "All sites" they show the first and the picker says so."""
        single = self.site_picker.single_site_id()
        self.live.set_site(single)
        self.schedules.set_site(single)
        self.analytics.set_site(site_id)
        self.reports.set_site(site_id)
        self._say_which_site()

    def _say_which_site(self) -> None:
        picker = self.site_picker
        one_site_tab = self.tabs.currentWidget() in (self.live, self.schedules)
        if picker.all_sites() and one_site_tab:
            picker.show_note(
                f"{self.tabs.tabText(self.tabs.currentIndex())} shows {picker.sites[0].name}"
            )
        else:
            picker.show_note("")

    @property
    def site_id(self) -> int | None:
        """The picker's site (None: all sites, or none loaded yet)."""
        return self.site_picker.site_id()

    # -- the tabs built on first sight ---------------------------------------------------
    def _make_schedules(self) -> QWidget:
        from supervisor_app.ui.schedules import SchedulesTab

        return SchedulesTab(self.workers, self._settings)

    def _make_analytics(self) -> QWidget:
        from supervisor_app.ui.analytics import AnalyticsTab

        return AnalyticsTab(self.workers, self._settings)

    def _make_reports(self) -> QWidget:
        from supervisor_app.ui.reports_tab import ReportsTab

        return ReportsTab(self.workers, self._settings)

    # -- what loads after the first paint: the role's view, the demo ---------------------
    def _apply_role(self, identity: SessionIdentity) -> None:
        from supervisor_app.ui.shell.role_view import apply_role

        apply_role(self, identity)

    def _on_analytics_created(self, page: AnalyticsTab) -> None:
        from supervisor_app.ui.shell.role_view import apply_to_analytics

        apply_to_analytics(page, self.session.identity)

    def _demo_runner(self, plan: DemoPlan, simulator: Callable[[], list[str]] | None) -> DemoRunner:
        from supervisor_app.ui.shell.demo import DemoRunner
        from supervisor_app.ui.shell.simulator_process import simulator_command

        return DemoRunner(self.workers, plan, command=simulator or simulator_command, parent=self)

    def _on_schedules_created(self, page: SchedulesTab) -> None:
        from supervisor_app.ui.shell.role_view import apply_to_schedules

        apply_to_schedules(page, self.session.identity)
        self.undo_group.addStack(page.undo_stack)
        page.yield_undo_shortcuts()
        self._follow_undo_stack(self.tabs.currentIndex())

    def _follow_undo_stack(self, index: int) -> None:
        """Edit > Undo acts on the current tab's edits; tabs without edits grey it out."""
        page = self.schedules.page
        on_schedules = self.tabs.widget(index) is self.schedules and page is not None
        self.undo_group.setActiveStack(page.undo_stack if on_schedules else None)

    def _open_import(self) -> None:
        """One wizard, reused: a worker may still report to it after it is closed."""
        db = self.session.db
        if db is None:
            return
        if self._import_wizard is None or self._import_db is not db:
            from supervisor_app.ui.imports import ImportWizard

            self._import_db = db
            self._import_wizard = ImportWizard(self.workers, db, self)
            self._import_wizard.import_finished.connect(
                lambda summary: self.status.showMessage(summary, 10_000)
            )
        picker = self.site_picker
        single = picker.single_site_id()
        names = {s.site_id: s.name for s in picker.sites}
        self._import_wizard.set_site(single, names.get(single) if len(names) > 1 else None)
        self._import_wizard.restart()
        self._import_wizard.open()

    def open_setup(self, page: str | None = None) -> SetupDialog | None:
        """Edit › Setup…: one window, reused; ``page`` is sites, queues, people, rules or audit.

        None while no database is open (the action is greyed out then too).
        """
        db = self.session.db
        if db is None:
            return None
        if self._setup is None or self._setup.db is not db:
            from supervisor_app.ui.setup import SetupDialog

            self._setup = SetupDialog(self.workers, db, self)
        if page is not None:
            self._setup.show_page(page)
        self._setup.reload()
        self._setup.show()
        self._setup.activateWindow()
        return self._setup

    def _after_first_refresh(self, _snapshot: object) -> None:
        self.live.refreshed.disconnect(self._after_first_refresh)
        freeze_startup_objects()

    def _start_demo(self, db: Database) -> None:
        assert self.demo is not None
        self.demo.start(db)

    def _on_demo_failed(self, exc: BaseException) -> None:
        self.status.hide_progress()
        self.show_failure(exc, "Can't prepare the demo", can_retry=False)

    def _on_simulator_exited(self, message: str) -> None:
        self.status.set_simulator("simulator stopped")
        self.banner.show_message("The demo simulator stopped", message, can_retry=False)

    def _retry(self) -> None:
        self.banner.hide()
        self.session.start()

    def show_failure(self, exc: BaseException, title: str, *, can_retry: bool) -> None:
        """A known error becomes a banner; anything else, a crash dialog with the traceback."""
        if is_user_error(exc):
            self.banner.show_message(title, user_message(exc), can_retry=can_retry)
        else:
            CrashDialog.report(exc, self)

    # -- lifetime ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.first_paint.seen and not self._closed:
            self._start_timer.start(START_FALLBACK_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the layout, then stop in order: simulator, views, ops, watcher, engine.

        Unsaved schedule edits are asked about first; "Save" closes again once saved."""
        schedules = self.schedules.page
        if not self._closed and schedules is not None and not schedules.confirm_close():
            event.ignore()
            return
        if not self._closed:
            self._closed = True
            self._settings.save(self, self.tabs)
            self.hide()  # gone at once, even if a connect attempt takes seconds to give up
            self._start_timer.stop()
            if self.demo is not None:
                self.demo.stop()
            self.live.shutdown()
            for page in (self.schedules, self.analytics, self.reports):
                page.shutdown()
            self.workers.shutdown()
            self.session.close()
            self.status.stop_timers()
        super().closeEvent(event)
