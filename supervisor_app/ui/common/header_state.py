"""Column order, widths and sort, and splitter positions, remembered between runs.

Kept in the window's settings INI (``WindowSettings.path``) under one key per
table, so deleting that file resets every layout at once. Each entry records
the model's column count: a saved header from before a column was added is
ignored rather than restored onto columns it doesn't describe.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter

from supervisor_app.ui.common.settings import WindowSettings


class ViewStateStore:
    """Save and restore header and splitter states under ``views/<key>/…``."""

    def __init__(self, settings: WindowSettings | Path) -> None:
        self.path = settings.path if isinstance(settings, WindowSettings) else settings

    def _open(self) -> QSettings:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def save_header(self, key: str, header: QHeaderView) -> None:
        qs = self._open()
        qs.setValue(f"views/{key}/header", header.saveState())
        qs.setValue(f"views/{key}/columns", header.count())
        qs.sync()

    def restore_header(self, key: str, header: QHeaderView) -> bool:
        """Apply the saved state if it was saved for this many columns; False otherwise."""
        if not self.path.exists():
            return False
        qs = self._open()
        state = qs.value(f"views/{key}/header")
        columns = qs.value(f"views/{key}/columns")
        if not isinstance(state, QByteArray) or state.isEmpty():
            return False
        if str(columns) != str(header.count()):
            return False
        return header.restoreState(state)

    def save_splitter(self, key: str, splitter: QSplitter) -> None:
        qs = self._open()
        qs.setValue(f"views/{key}/splitter", splitter.saveState())
        qs.sync()

    def restore_splitter(self, key: str, splitter: QSplitter) -> bool:
        if not self.path.exists():
            return False
        state = self._open().value(f"views/{key}/splitter")
        if not isinstance(state, QByteArray) or state.isEmpty():
            return False
        return splitter.restoreState(state)

    def value(self, key: str, default: float) -> float:
        """A number the user may set in the INI (e.g. ``live/adherence_alert_minutes``)."""
        if not self.path.exists():
            return default
        raw = self._open().value(key)
        try:
            number = float(str(raw)) if raw is not None else default
        except ValueError:
            return default
        return number if number > 0 else default
