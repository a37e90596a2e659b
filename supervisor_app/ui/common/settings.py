"""Window layout remembered between runs: geometry, dock/toolbar state and the open tab.

An INI file in the settings folder (never the registry or ``~/.config/Trolltech``),
so ``SUPERVISOR_APP_HOME`` isolates it like everything else and a user can delete
it to get the default layout back. ``LAYOUT_VERSION`` goes up when the window's
docks or toolbars change shape; Qt then ignores a saved state of another version
instead of restoring a layout that no longer exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QTabWidget

from supervisor_app.store.location import config_dir

LAYOUT_VERSION = 1
FILE_NAME = "window.ini"
# The site this workstation works on, by name (the Settings dialog writes the same key).
SITE_KEY = "site/current"


def settings_path() -> Path:
    return config_dir() / FILE_NAME


class WindowSettings:
    """Reads and writes one window's layout; every value is checked before it is used."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()

    def _open(self) -> QSettings:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def restore(self, window: QMainWindow, tabs: QTabWidget) -> bool:
        """Apply the saved layout; False (and the defaults stay) if there is none."""
        if not self.path.exists():
            return False
        qs = self._open()
        geometry = qs.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        state = qs.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            window.restoreState(state, LAYOUT_VERSION)
        tab = qs.value("window/tab")
        for index in range(tabs.count()):
            if tabs.widget(index).objectName() == tab:
                tabs.setCurrentIndex(index)
        return True

    def save(self, window: QMainWindow, tabs: QTabWidget) -> None:
        qs = self._open()
        qs.setValue("layout_version", LAYOUT_VERSION)
        qs.setValue("window/geometry", window.saveGeometry())
        qs.setValue("window/state", window.saveState(LAYOUT_VERSION))
        current = tabs.currentWidget()
        if current is not None:
            qs.setValue("window/tab", current.objectName())
        qs.sync()

    def current_site(self) -> str | None:
        """The site chosen last at this workstation (a name, or "All sites"), if any."""
        if not self.path.exists():
            return None
        value = self._open().value(SITE_KEY)
        return value if isinstance(value, str) and value.strip() else None

    def set_current_site(self, name: str) -> None:
        qs = self._open()
        qs.setValue(SITE_KEY, name)
        qs.sync()
