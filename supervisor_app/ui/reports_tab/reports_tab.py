"""The Reports tab: choose a report, its dates, queues or teams and a file; see its headline
figures; export it in the background with progress and Cancel; open the file when done.

Every tab answers the same four calls from the main window: ``set_database``
when a database opens, ``on_changed`` when its tables change, ``shutdown``
on close, and it emits ``failed`` with an exception it could not handle.
Known problems (a locked file, an unknown queue, no contacts) are shown in
the tab's own status line; anything else goes to ``failed``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.errors import UserError
from supervisor_app.reports.export import ExportResult, available_reports, preview
from supervisor_app.services.report_data import ReportContext, report_context
from supervisor_app.ui.common.latest_query import LatestQuery
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.reports_tab.export_run import ExportRun, offer_to_open
from supervisor_app.ui.reports_tab.form import ReportForm
from supervisor_app.ui.reports_tab.preview import PreviewPanel

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

FOLDER_KEY = "reports/last_folder"
PREVIEW_DELAY_MS = 400
RELEVANT = frozenset(
    {
        "contacts",
        "survey_responses",
        "escalations",
        "shifts",
        "shift_activities",
        "forecasts",
        "queues",
        "teams",
        "agents",
    }
)


class ReportsTab(QWidget):
    failed = Signal(object)

    def __init__(self, workers: Workers, settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("reports")
        self._workers = workers
        self._settings = settings or WindowSettings()
        self._db: Database | None = None
        self._site_id: int | None = None  # the window's site picker; None: all sites
        self._preview_query = LatestQuery(workers, self)  # a newer preview drops an older one
        self.run: ExportRun | None = None
        self.done_box: QMessageBox | None = None
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.form = ReportForm(available_reports())
        self.form.set_folder(self._last_folder())
        self.preview = PreviewPanel()
        self.status = QLabel(objectName="reportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("&Export…"), objectName="reportExport")
        self.export_button.setToolTip(self.tr("Write the workbook (Ctrl+E)"))
        self.export_button.clicked.connect(self.export)
        for keys, slot in (
            (QKeySequence("Ctrl+E"), self.export),
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.refresh_preview),
        ):
            shortcut = QShortcut(keys, self, slot)
            # only while this tab has focus: other tabs may use the same keys
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        choices = QGroupBox(self.tr("Report"))
        QVBoxLayout(choices).addWidget(self.form)
        top = QHBoxLayout()
        top.addWidget(choices, 3)
        top.addWidget(self.preview, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.form.changed.connect(self._timer.start)
        self._sync()

    # The main window's calls
    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._sync()
        if db is None:
            self.preview.show_status("Open a database to preview a report.")
            return
        self._load_context()
        self.refresh_preview()

    def set_site(self, site_id: int | None) -> None:
        """The picker chose a site (None: all sites): its queues and teams, a new preview."""
        self._site_id = site_id
        self.form.site_id = site_id
        if self._db is not None:
            self._load_context(then_preview=True)  # the chosen queues are the site's

    def _load_context(self, *, then_preview: bool = False) -> None:
        db, site_id = self._db, self._site_id
        assert db is not None

        def loaded(context: ReportContext) -> None:
            self._context_loaded(context)
            if then_preview:
                self.refresh_preview()

        self._workers.run(
            lambda _report: report_context(db, site_id),
            on_success=loaded,
            on_failure=self._preview_failed,
        )

    def on_changed(self, tables: frozenset[str], when: datetime) -> None:
        if self._db is not None and tables & RELEVANT:
            self._timer.start()

    def shutdown(self) -> None:
        self._timer.stop()
        if self.run is not None:
            self.run.cancel()

    # Preview
    @property
    def _generation(self) -> int:
        """The newest preview's number (an older preview's answer is dropped)."""
        return self._preview_query.generation

    def refresh_preview(self) -> None:
        self._timer.stop()
        db = self._db
        if db is None:
            return
        request = self.form.request()
        self.preview.show_status("Calculating…")
        self._preview_query.run(
            lambda _report: preview(db, request),
            on_success=self.preview.show_headline,
            on_failure=self._preview_failed,
        )

    def _preview_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.preview.show_status(str(exc))
        else:
            self.failed.emit(exc)

    def _context_loaded(self, context: ReportContext) -> None:
        self.form.set_context(context)

    # Export
    def export(self) -> None:
        if self._db is None or self.run is not None:
            return
        target = self.form.target()
        if target is None:
            self._say("Choose a file to save the report to.", error=True)
            return
        self.run = ExportRun(self._workers, self)
        self.run.finished.connect(self._exported)
        self.run.cancelled.connect(self._cancelled)
        self.run.failed.connect(self._export_failed)
        self._say(f"Writing {target.name}…")
        self._sync()
        self.run.start(self._db, self.form.request(), target)

    def _finish_run(self) -> None:
        if self.run is not None:
            self.run.deleteLater()
        self.run = None
        self._sync()

    def _exported(self, result: ExportResult) -> None:
        self._finish_run()
        self._remember_folder(result.path.parent)
        self._say(f"Saved {result.path} ({len(result.sheets)} sheets).")
        self.done_box = offer_to_open(self, result, self.open_url)

    def _cancelled(self) -> None:
        self._finish_run()
        self._say("Export cancelled; no file was changed.")

    def _export_failed(self, exc: BaseException) -> None:
        self._finish_run()
        if isinstance(exc, UserError):
            self._say(f"The report was not written: {exc}", error=True)
        else:
            self._say("The report was not written.", error=True)
            self.failed.emit(exc)

    # Helpers
    def _say(self, text: str, *, error: bool = False) -> None:
        set_tone(self.status, "error" if error else "")
        self.status.setText(text)

    def _sync(self) -> None:
        self.export_button.setEnabled(self._db is not None and self.run is None)

    def _qsettings(self) -> QSettings:
        self._settings.path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(self._settings.path), QSettings.Format.IniFormat)

    def _last_folder(self) -> Path:
        value = self._qsettings().value(FOLDER_KEY)
        folder = Path(str(value)) if value else None
        return folder if folder is not None and folder.is_dir() else Path.home()

    def _remember_folder(self, folder: Path) -> None:
        qs = self._qsettings()
        qs.setValue(FOLDER_KEY, str(folder))
        qs.sync()
        self.form.folder = folder
