"""Step 2: the detected format and the first rows, read on a worker (an XLSX takes a moment)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from supervisor_app.ingest.files import FilePreview, preview_file
from supervisor_app.ui.imports.state import ImportState
from supervisor_app.ui.imports.wizard_tables import fill, read_only_table


class PreviewPage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._loading = False
        self.setTitle(self.tr("Check the file"))
        self.format = QLabel()
        self.format.setWordWrap(True)
        self.table, self.model = read_only_table(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.format)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        path = self._state.path
        assert path is not None
        self.setSubTitle(
            self.tr("{name}: the first rows as they will be read.").format(name=path.name)
        )
        if self._state.preview is not None and self._state.preview.path == path:
            self._show(self._state.preview)
            return
        self._loading = True
        self.format.setText(self.tr("Reading the file…"))
        fill(self.model, [], [])
        self.completeChanged.emit()
        self._state.workers.run(
            lambda _report: preview_file(path),
            on_success=self._loaded,
            on_failure=self._failed,
        )

    def _loaded(self, preview: FilePreview) -> None:
        self._loading = False
        self._state.preview = preview
        self._show(preview)
        self.completeChanged.emit()

    def _show(self, preview: FilePreview) -> None:
        rows = "" if preview.total_rows is None else f", about {preview.total_rows:,} rows"
        self.format.setText(
            self.tr("Detected: {format}{rows}; {0} columns.").format(
                len(preview.header), format=preview.format, rows=rows
            )
        )
        fill(self.model, ["Row", *preview.header], [(n, *cells) for n, cells in preview.rows])
        self.table.resizeColumnsToContents()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._state.preview = None
        self.format.setText(self.tr("This file can't be read: {exc}").format(exc=exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._loading and self._state.preview is not None
