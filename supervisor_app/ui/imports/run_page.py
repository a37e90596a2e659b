"""Step 5: the import itself, on a worker, with progress and Cancel (which rolls it all back)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from supervisor_app.ingest.files import FileKind, ImportCancelled, cancellable, run_import
from supervisor_app.ui.imports.state import ImportState


class RunPage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._cancel = threading.Event()
        self.running = False
        self.finished_ok = False
        self.setTitle(self.tr("Import"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self.tr("&Cancel import"))
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state = self._state
        path, kind, site_id = state.path, state.kind, state.site_id
        mapping = state.mapping if kind == FileKind.CONTACTS else None
        assert path is not None
        self._cancel.clear()
        self.running, self.finished_ok = True, False
        self.setSubTitle(
            self.tr("Writing {name}: all of it, or nothing if it is cancelled.").format(
                name=path.name
            )
        )
        self.status.setText(self.tr("Importing…"))
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.completeChanged.emit()
        state.workers.run(
            lambda report: run_import(
                state.db,
                kind,
                path,
                mapping,
                cancellable(report, self._cancel.is_set),
                site_id,
            ),
            on_success=self._done,
            on_failure=self._failed,
            on_progress=lambda f: self.progress.setValue(round(f * 100)),
        )

    def cancel(self) -> None:
        """Ask the import to stop at its next progress report; the transaction rolls back."""
        if self.running:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def _done(self, summary: str) -> None:
        self.running, self.finished_ok = False, True
        self.progress.setValue(100)
        self.cancel_button.setEnabled(False)
        self.status.setText(summary + ".")
        self.completeChanged.emit()
        self.wizard().import_finished.emit(summary)  # type: ignore[attr-defined]

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.cancel_button.setEnabled(False)
        if isinstance(exc, ImportCancelled):
            self.status.setText(self.tr("Import cancelled: nothing was written."))
        else:
            self.status.setText(
                self.tr("Import failed, nothing was written: {exc}").format(exc=exc)
            )
        self.completeChanged.emit()
        self.wizard().import_stopped.emit()  # type: ignore[attr-defined]

    def isComplete(self) -> bool:
        return not self.running
