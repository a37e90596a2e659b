"""The import wizard: file → preview → column mapping (contacts) → validation → import.

Every read and write runs through ``Workers``; the GUI thread only shows
results. The lead's File → Import… action opens it with the window's workers
and database: ``ImportWizard(window.workers, db, window).open()``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from supervisor_app.ingest.files import FileKind
from supervisor_app.services.database import Database
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.imports.file_page import FilePage
from supervisor_app.ui.imports.mapping_page import MappingPage
from supervisor_app.ui.imports.preview_page import PreviewPage
from supervisor_app.ui.imports.run_page import RunPage
from supervisor_app.ui.imports.state import ImportState
from supervisor_app.ui.imports.validate_page import ValidatePage

FILE, PREVIEW, MAPPING, VALIDATE, RUN = range(5)


class ImportWizard(QWizard):
    """Emits ``import_finished(summary)`` after a successful import."""

    import_finished = Signal(str)
    import_stopped = Signal()

    def __init__(self, workers: Workers, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a file"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(820, 600)
        self.state = ImportState(workers, db)
        self.file_page = FilePage(self.state)
        self.preview_page = PreviewPage(self.state)
        self.mapping_page = MappingPage(self.state)
        self.validate_page = ValidatePage(self.state)
        self.run_page = RunPage(self.state)
        for page_id, page in enumerate(
            (
                self.file_page,
                self.preview_page,
                self.mapping_page,
                self.validate_page,
                self.run_page,
            )
        ):
            self.setPage(page_id, page)

    def set_site(self, site_id: int | None, name: str | None) -> None:
        """The file goes to the window's site (one site: a file is one site's)."""
        self.state.site_id = site_id
        self.setWindowTitle(
            self.tr("Import a file into {name}").format(name=name)
            if name
            else self.tr("Import a file")
        )

    def nextId(self) -> int:
        current = self.currentId()
        if current == PREVIEW and self.state.kind != FileKind.CONTACTS:
            return VALIDATE
        return super().nextId()

    def reject(self) -> None:
        """Closing during the import cancels it first (the op then rolls back and reports)."""
        if self.run_page.running:
            self.run_page.cancel()
            self.import_stopped.connect(super().reject)
            return
        super().reject()
