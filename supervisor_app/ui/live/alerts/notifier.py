"""Telling a supervisor who is looking at another window that an alert was raised.

A tray balloon where the desktop has a system tray; nothing where it has none
(the offscreen test platform, some Wayland desktops): the Alerts list still
holds every alert. The panel takes any ``Notifier`` so tests can count calls.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

MESSAGE_MS = 10_000


class Notifier(Protocol):
    def notify(self, title: str, message: str) -> None: ...


class TrayNotifier:
    """Creates the tray icon on the first message, and only if a tray exists."""

    def __init__(self, icon: QIcon, parent: QWidget) -> None:
        self._icon = icon
        self._parent = parent
        self._tray: QSystemTrayIcon | None = None

    def notify(self, title: str, message: str) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._icon, self._parent)
            self._tray.setToolTip(QCoreApplication.translate("TrayNotifier", "Supervisor Console"))
            self._tray.show()
        self._tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
            self._tray = None


class SwitchableNotifier:
    """Passes messages on while ``enabled`` (File › Settings… › desktop notifications)."""

    def __init__(self, inner: Notifier, *, enabled: bool = True) -> None:
        self.inner = inner
        self.enabled = enabled

    def notify(self, title: str, message: str) -> None:
        if self.enabled:
            self.inner.notify(title, message)

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()
