"""The window's site picker: which site every tab shows, remembered per workstation.

A compact combo box in the tab bar's corner. It lists the database's sites and,
when there are several, "All sites" — which only Analytics and Reports can show
(their totals are recomputed from sums). The choice is kept by name in the
window settings (``site/current``), so it survives a restart and a site renamed
or removed falls back to the first site. The sites are read off the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Report, Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

ALL_SITES = QT_TRANSLATE_NOOP(
    "SitePicker", "All sites"
)  # as services.sites.ALL_SITES_LABEL (Qt code imports no service)


class SitePicker(QWidget):
    """Emits ``chosen`` with the site's id, or None for all sites, whenever the choice
    changes (by the user, or because the sites were (re)loaded)."""

    chosen = Signal(object)
    failed = Signal(object)
    loaded = Signal()  # after every (re)load, whether it found sites or failed

    def __init__(
        self, workers: Workers, settings: WindowSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sitePickerBox")
        self._workers = workers
        self._settings = settings
        self._db: Database | None = None
        self.sites: list[Any] = []  # services.sites.SiteRef, in the order they were created
        self._announced = False  # the first list of sites always tells the tabs
        self.combo = QComboBox(objectName="sitePicker")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(
            self.tr("The site every tab shows (All sites: Analytics and Reports)")
        )
        self.combo.setAccessibleName("Site")
        self.combo.setEnabled(False)
        self.combo.addItem(self.tr("No site yet"))
        label = QLabel(self.tr("&Site"), objectName="sitePickerLabel")
        label.setBuddy(self.combo)
        self.note = QLabel(objectName="sitePickerNote")
        font = self.note.font()
        font.setItalic(True)
        self.note.setFont(font)
        self.note.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.setSpacing(6)
        row.addWidget(self.note)
        row.addWidget(label)
        row.addWidget(self.combo)
        self.combo.activated.connect(self._picked)

    # -- the database ----------------------------------------------------------------------
    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.reload()

    def on_changed(self, tables: frozenset[str], _when: object = None) -> None:
        # With no site yet, any change may be the one that brings them (a demo seed, an
        # import into an empty database), whatever tables the change feed names.
        if "sites" in tables or not self.sites:
            self.reload()

    def reload(self) -> None:
        db = self._db
        if db is None:
            return

        def op(_report: Report) -> list[Any]:
            from supervisor_app.services.sites import list_sites

            return list_sites(db)

        self._workers.run(op, on_success=self._loaded, on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.loaded.emit()  # the tabs then open the database and say what is wrong
        self.failed.emit(exc)

    def _loaded(self, sites: list[Any]) -> None:
        before = self.site_id()
        self.sites = sites
        self.combo.blockSignals(True)
        self.combo.clear()
        for site in sites:
            self.combo.addItem(site.name, site.site_id)
            self.combo.setItemData(
                self.combo.count() - 1,
                f"{site.timezone}, {site.interval_minutes}-minute intervals",
                Qt.ItemDataRole.ToolTipRole,
            )
        if len(sites) > 1:
            self.combo.addItem(self.tr(ALL_SITES), None)
        if not sites:
            self.combo.addItem(self.tr("No site yet"))
        self.combo.setEnabled(bool(sites))
        self.combo.setCurrentIndex(self._remembered_index())
        self.combo.blockSignals(False)
        if sites and (before != self.site_id() or not self._announced):
            self._announced = True
            self.chosen.emit(self.site_id())
        self.loaded.emit()

    def _remembered_index(self) -> int:
        name = (self._settings.current_site() or "").casefold()
        for index in range(self.combo.count()):
            if self.combo.itemText(index).casefold() == name:
                return index
        return 0

    # -- the choice ------------------------------------------------------------------------
    def site_id(self) -> int | None:
        """The chosen site's id; None for all sites (or before any site is loaded)."""
        data = self.combo.currentData()
        return data if isinstance(data, int) else None

    def single_site_id(self) -> int | None:
        """What a one-site tab (Live, Schedules) shows: the chosen site, or the first for
        "All sites"."""
        chosen = self.site_id()
        if chosen is None and self.sites:
            return int(self.sites[0].site_id)
        return chosen

    def all_sites(self) -> bool:
        return bool(self.sites) and self.site_id() is None

    def choose(self, name: str) -> bool:
        """Choose the site called ``name`` (or "All sites") as a user would; False if none."""
        for index in range(self.combo.count()):
            if self.combo.itemText(index).casefold() == name.casefold() and self.sites:
                self.combo.setCurrentIndex(index)
                self._picked(index)
                return True
        return False

    def _picked(self, _index: int) -> None:
        if not self.sites:
            return
        self._settings.set_current_site(self.combo.currentText())
        self.chosen.emit(self.site_id())

    def show_note(self, text: str) -> None:
        """A short word beside the picker, e.g. which site a one-site tab shows."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
