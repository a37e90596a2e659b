"""Step 4: a dry run of every row (nothing written), then the row errors or a go-ahead."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget, QWizard, QWizardPage

from supervisor_app.ingest.files import FileKind, Validation, validate_file
from supervisor_app.ui.imports.state import ImportState
from supervisor_app.ui.imports.wizard_tables import fill, read_only_table


class ValidatePage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.result: Validation | None = None
        self._running = False
        self.setTitle(self.tr("Validate"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.errors, self.model = read_only_table(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.errors, 1)
        self._stretch = 3  # the spacer below keeps the summary at the top when no errors show
        layout.addStretch(1)
        self._layout = layout

    def initializePage(self) -> None:
        state = self._state
        path, kind, site_id = state.path, state.kind, state.site_id
        mapping = state.mapping if kind == FileKind.CONTACTS else None
        assert path is not None
        self.result = None
        self._running = True
        self.setSubTitle(
            self.tr("Every row of {name} is checked; nothing is written yet.").format(
                name=path.name
            )
        )
        self.summary.setText(self.tr("Checking every row…"))
        self.progress.setValue(0)
        self.progress.show()
        self.errors.hide()
        self._layout.setStretch(self._stretch, 1)
        self.completeChanged.emit()
        state.workers.run(
            lambda report: validate_file(state.db, kind, path, mapping, report, site_id),
            on_success=self._checked,
            on_failure=self._failed,
            on_progress=lambda f: self.progress.setValue(round(f * 100)),
        )

    def _checked(self, result: Validation) -> None:
        self._running = False
        self.result = result
        self.progress.hide()
        if result.ok:
            skipped = (
                f" ({result.skipped_rows:,} left out by the mapping's rules)"
                if result.skipped_rows
                else ""
            )
            self.summary.setText(
                self.tr(
                    "All {valid_rows:,} rows are valid{skipped}. Press Import to write them."
                ).format(valid_rows=result.valid_rows, skipped=skipped)
            )
        else:
            shown = len(result.errors)
            more = f"; the first {shown} are listed" if result.error_count > shown else ""
            self.summary.setText(
                self.tr(
                    "{error_count:,} rows are invalid{more}. Nothing will be imported "
                    "until the file (or the mapping) is fixed."
                ).format(error_count=result.error_count, more=more)
            )
            fill(self.model, ["Row", "Problem"], result.errors)
            self.errors.resizeColumnToContents(0)
            self.errors.show()
            self._layout.setStretch(self._stretch, 0)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.progress.hide()
        self.summary.setText(self.tr("The file can't be imported: {exc}").format(exc=exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._running and self.result is not None and self.result.ok
