"""Step 3 (contacts): which column feeds each field; start from a saved mapping, save yours.

A drop-down picks one column per field (a date and time in one cell). What a
drop-down can't say (separate date and time columns, durations, codes, skip
rules) comes from a mapping file; such a field shows "as the mapping says"
until the user picks a column instead.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.files import (
    CONTACT_FIELDS,
    REQUIRED_COLUMNS,
    ContactMapping,
    Source,
    load_mapping,
    normalised,
    save_mapping,
    shipped_mappings,
)
from supervisor_app.ui.common.layouts import with_button
from supervisor_app.ui.imports.state import ImportState

NOT_IN_FILE = QT_TRANSLATE_NOOP("MappingPage", "— not in the file —")
AS_MAPPING = QT_TRANSLATE_NOOP("MappingPage", "as the mapping says")
OPEN_FILE = QT_TRANSLATE_NOOP("MappingPage", "Open a mapping file…")
OURS = QT_TRANSLATE_NOOP("MappingPage", "Our column set")
MAPPING_FILTER = QT_TRANSLATE_NOOP("MappingPage", "Mappings (*.toml);;All files (*)")


def describe(sources: tuple[Source, ...]) -> str:
    """A field's sources in a few words: ``date + q_start, or date + ser_start``."""
    words = []
    for s in sources:
        if s.value is not None:
            text = f"always {s.value!r}"
        elif s.columns:
            text = f" {s.join} ".join(s.columns)
        elif s.time is not None:
            text = f"{s.date} + {s.time}"
        elif s.duration is not None:
            text = f"{s.after} + {s.duration} ({s.unit})"
        else:
            text = str(s.column)
        if s.map:
            text += " (codes mapped)"
        if s.when is not None:
            text += " when " + ", ".join(f"{c} = {'/'.join(sorted(v))}" for c, v in s.when.values)
        words.append(text)
    return ", or ".join(words)


class MappingPage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._base: ContactMapping = ContactMapping(name="Custom mapping")
        self.setTitle(self.tr("Map the columns"))
        self.setSubTitle(
            self.tr("Pick the column holding each field; required fields are in bold.")
        )
        self.start = QComboBox()
        self.start.addItem(self.tr(OURS), None)
        for path in shipped_mappings():
            self.start.addItem(path.stem, path)
        self.start.addItem(self.tr(OPEN_FILE), "open")
        self.start.activated.connect(self._start_from)
        top = with_button(self.start, "&Save mapping…", self._save)
        self.timezone = QLineEdit()
        self.timezone.setPlaceholderText(self.tr("the site's time zone"))
        self.date_format = QLineEdit()
        self.date_format.setPlaceholderText(self.tr("ISO, e.g. %d/%m/%Y"))
        self.time_format = QLineEdit()
        self.time_format.setPlaceholderText(self.tr("ISO, e.g. %I:%M:%S %p"))
        self.datetime_format = QLineEdit()
        self.datetime_format.setPlaceholderText(self.tr("ISO 8601, e.g. %d/%m/%Y %H:%M"))
        settings = QFormLayout()
        settings.addRow(self.tr("Start &from:"), top)
        settings.addRow(self.tr("Time &zone:"), self.timezone)
        settings.addRow(self.tr("&Date format:"), self.date_format)
        settings.addRow(self.tr("&Time format:"), self.time_format)
        settings.addRow(self.tr("Date-time f&ormat:"), self.datetime_format)
        self.combos: dict[str, QComboBox] = {}
        fields = QFormLayout()
        for name in CONTACT_FIELDS:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self.completeChanged)
            self.combos[name] = combo
            label = f"<b>{name}</b>" if name in REQUIRED_COLUMNS else name
            fields.addRow(label, combo)
        box = QGroupBox(self.tr("Fields"))
        box.setLayout(fields)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(settings)
        layout.addWidget(scroll, 1)

    def initializePage(self) -> None:
        self._apply(self._state.mapping)

    # -- choosing where to start ------------------------------------------------------

    def _start_from(self, index: int) -> None:
        data = self.start.itemData(index)
        if data == "open":
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open a mapping"), "", self.tr(MAPPING_FILTER)
            )
            if not chosen:
                return
            data = Path(chosen)
        self.use_mapping(None if data is None else Path(data))

    def use_mapping(self, path: Path | None) -> None:
        """Start from ``path`` (a mapping file) or, with None, our own column set."""
        try:
            mapping = None if path is None else load_mapping(path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Mapping not loaded"), str(exc))
            return
        self._apply(mapping)
        if path is not None:
            index = self.start.findData(path)
            if index < 0:
                self.start.insertItem(self.start.count() - 1, path.stem, path)
                index = self.start.findData(path)
            self.start.setCurrentIndex(index)
        else:
            self.start.setCurrentIndex(0)

    def _apply(self, mapping: ContactMapping | None) -> None:
        header = self._state.preview.header if self._state.preview else ()
        by_name = {normalised(h): h for h in header}
        self._base = mapping or ContactMapping(name="Custom mapping")
        self.timezone.setText(self._base.timezone or "")
        self.date_format.setText(self._base.date_format or "")
        self.time_format.setText(self._base.time_format or "")
        self.datetime_format.setText(self._base.datetime_format or "")
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr(NOT_IN_FILE), None)
            sources = self._base.fields.get(name, ())
            simple = len(sources) == 1 and sources[0] == Source(column=sources[0].column)
            if sources and not simple:
                combo.addItem(f"{self.tr(AS_MAPPING)}: {describe(sources)}", "keep")
            for column in header:
                combo.addItem(column, column)
            if mapping is None:
                wanted = by_name.get(normalised(name))
            else:
                wanted = sources[0].column if simple else ("keep" if sources else None)
            found = combo.findData(wanted) if wanted is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.completeChanged.emit()

    # -- the mapping on screen --------------------------------------------------------

    def current_mapping(self) -> ContactMapping:
        fields: dict[str, tuple[Source, ...]] = {}
        for name, combo in self.combos.items():
            data = combo.currentData()
            if data == "keep":
                fields[name] = tuple(self._base.fields[name])
            elif data is not None:
                fields[name] = (Source(column=data),)
        return replace(
            self._base,
            timezone=self.timezone.text().strip() or None,
            date_format=self.date_format.text() or None,
            time_format=self.time_format.text() or None,
            datetime_format=self.datetime_format.text() or None,
            fields=fields,
        )

    def isComplete(self) -> bool:
        return all(self.combos[f].currentData() is not None for f in REQUIRED_COLUMNS)

    def validatePage(self) -> bool:
        from zoneinfo import ZoneInfo

        zone = self.timezone.text().strip()
        try:
            if zone:
                ZoneInfo(zone)
        except (ValueError, KeyError, OSError):
            QMessageBox.warning(
                self,
                self.tr("Unknown time zone"),
                self.tr("{zone!r} is not an IANA time zone.").format(zone=zone),
            )
            return False
        self._state.mapping = self.current_mapping()
        return True

    def _save(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the mapping"), "", self.tr(MAPPING_FILTER)
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> None:
        if path.suffix != ".toml":
            path = path.with_suffix(".toml")
        mapping = replace(self.current_mapping(), name=path.stem)
        try:
            save_mapping(mapping, path)
        except OSError as exc:
            QMessageBox.warning(
                self, self.tr("Mapping not saved"), f"{path}: {exc.strerror or exc}"
            )
