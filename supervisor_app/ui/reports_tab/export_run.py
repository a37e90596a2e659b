"""One export in the background: a progress dialog with Cancel, then "open the file?".

The export runs through ``Workers`` (never on the GUI thread); its progress
callback raises ``ExportCancelled`` once the user cancels, which stops the
writer at its next row batch, and the atomic write leaves the old file as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from supervisor_app.reports.export import ExportResult, export_report
from supervisor_app.reports.request import ExportRequest
from supervisor_app.services.database import Database
from supervisor_app.ui.common.workers import Report, Workers


class ExportCancelled(Exception):
    """The user pressed Cancel in the progress dialog."""


class ExportRun(QObject):
    """Started once; emits exactly one of ``finished(result)``, ``cancelled()``, ``failed(exc)``."""

    finished = Signal(object)
    cancelled = Signal()
    failed = Signal(object)

    def __init__(self, workers: Workers, parent: QWidget) -> None:
        super().__init__(parent)
        self._workers = workers
        self._parent = parent
        self._cancel = threading.Event()
        self.dialog = QProgressDialog("Writing the report…", "Cancel", 0, 100, parent)
        self.dialog.setObjectName("reportProgress")
        self.dialog.setWindowTitle(self.tr("Exporting"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # a quick export shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)

    def start(self, db: Database, request: ExportRequest, target: Path) -> None:
        cancel = self._cancel

        def op(report: Report) -> ExportResult:
            def tick(fraction: float) -> None:
                if cancel.is_set():
                    raise ExportCancelled()
                report(fraction)

            return export_report(db, request, target, progress=tick)

        self.dialog.setValue(0)
        self._workers.run(
            op, on_success=self._done, on_failure=self._failed, on_progress=self._progress
        )

    def cancel(self) -> None:
        self._cancel.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    def _progress(self, fraction: float) -> None:
        if not self._cancel.is_set():
            self.dialog.setValue(int(fraction * 100))

    def _close(self) -> None:
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.close()

    def _done(self, result: ExportResult) -> None:
        self._close()
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, ExportCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)


def offer_to_open(
    parent: QWidget,
    result: ExportResult,
    opener: Callable[[QUrl], object] = QDesktopServices.openUrl,
) -> QMessageBox:
    """A non-blocking "saved; open it?" box; Open hands the file to the desktop's program."""
    box = QMessageBox(parent)
    box.setObjectName("reportDone")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("export_run", "Report saved"))
    box.setText(
        QCoreApplication.translate("export_run", "{title} saved to\n{path}").format(
            title=result.title, path=result.path
        )
    )
    box.setInformativeText(
        QCoreApplication.translate("export_run", "{0} sheets. Open it now?").format(
            len(result.sheets)
        )
    )
    open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(open_button)

    def clicked(button: object) -> None:
        if button is open_button:
            opener(QUrl.fromLocalFile(str(result.path)))
        elif button is folder_button:
            opener(QUrl.fromLocalFile(str(result.path.parent)))

    box.buttonClicked.connect(clicked)
    box.open()
    return box
