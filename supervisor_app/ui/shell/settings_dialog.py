"""File › Settings…: database, site, theme, desktop notifications, adherence alert minutes.

Every value is checked in its field (a spin box can't hold 0 minutes); OK saves them to
the INI (``preferences``) and the window applies them at once: the theme and the charts
switch, the Live tab re-reads its threshold. The site list comes from the database on a
worker thread, never the GUI thread. "Change database…" hands over to File › Connect….
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.common.preferences import ADHERENCE_RANGE, Preferences, Theme
from supervisor_app.ui.common.workers import Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

SiteLister = Callable[["Database"], list[str]]


def _site_names(db: Database) -> list[str]:
    from supervisor_app.services.sites import site_names

    return site_names(db)


class SettingsDialog(QDialog):
    change_database = Signal()  # the user wants File › Connect…

    def __init__(
        self,
        prefs: Preferences,
        workers: Workers,
        db: Database | None,
        database_shown: str,
        parent: QWidget | None = None,
        *,
        sites: SiteLister = _site_names,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._prefs = prefs

        # Read-only and selectable: a long path or URL scrolls inside the field.
        self.database = QLineEdit(database_shown or self.tr("not connected"))
        self.database.setReadOnly(True)
        self.database.setToolTip(self.database.text())
        self.database.setCursorPosition(0)
        change = QPushButton(self.tr("Change database…"))
        change.clicked.connect(self._change_database)
        database_row = QHBoxLayout()
        database_row.addWidget(self.database, 1)
        database_row.addWidget(change)

        self.site = QComboBox()
        self.site.setEnabled(False)
        self.site.addItem(self.tr("Loading sites…"), None)

        self.theme = QComboBox()
        for theme, label in (
            (Theme.SYSTEM, self.tr("Follow the system")),
            (Theme.LIGHT, self.tr("Light")),
            (Theme.DARK, self.tr("Dark")),
        ):
            self.theme.addItem(label, theme.value)
        self.theme.setCurrentIndex(self.theme.findData(prefs.theme.value))

        self.notifications = QCheckBox(self.tr("Show alerts as desktop notifications"))
        self.notifications.setChecked(prefs.notifications)

        self.adherence = QSpinBox()
        self.adherence.setRange(*ADHERENCE_RANGE)
        self.adherence.setSuffix(self.tr(" min"))
        self.adherence.setValue(prefs.adherence_minutes)
        self.adherence.setToolTip(
            self.tr("An agent turns red and raises an alert after this long out of adherence")
        )

        form = QFormLayout()
        form.addRow(self.tr("Database:"), database_row)
        form.addRow(self.tr("&Site:"), self.site)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("Notifications:"), self.notifications)
        form.addRow(self.tr("&Adherence alert after:"), self.adherence)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

        if db is None:
            self._sites_failed(None)
        else:
            workers.run(
                lambda _report: sites(db),
                on_success=self._sites_loaded,
                on_failure=self._sites_failed,
            )

    def _sites_loaded(self, names: list[str]) -> None:
        self.site.clear()
        self.site.addItem(self.tr("The only site") if len(names) <= 1 else self.tr("Ask"), None)
        for name in names:
            self.site.addItem(name, name)
        index = self.site.findData(self._prefs.site) if self._prefs.site else 0
        self.site.setCurrentIndex(max(index, 0))
        self.site.setEnabled(len(names) > 1)

    def _sites_failed(self, _exc: BaseException | None) -> None:
        self.site.clear()
        self.site.addItem(
            self._prefs.site or self.tr("(no database open)"), self._prefs.site or None
        )
        self.site.setEnabled(False)

    def _change_database(self) -> None:
        self.reject()
        self.change_database.emit()

    def preferences(self) -> Preferences:
        """What the fields hold (call after ``accepted``)."""
        site = self.site.currentData()
        return Preferences(
            theme=Theme(str(self.theme.currentData())),
            notifications=self.notifications.isChecked(),
            adherence_minutes=self.adherence.value(),
            site=str(site) if site else None,
        )
