"""The console's preferences, declared once: name, key in ``window.ini``, default, range.

File › Settings… edits them; the window and the Live tab read them. They live in the
same INI as the layout (``WindowSettings.path``) so ``SUPERVISOR_APP_HOME`` isolates them
and deleting the file gives every default back. ``site/current`` is shared with the
site picker, which reads and writes the same key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSettings

from supervisor_app.ui.common.settings import SITE_KEY

KEY_THEME = "appearance/theme"
KEY_NOTIFY = "alerts/desktop_notifications"
KEY_ADHERENCE = "live/adherence_alert_minutes"
KEY_SITE = SITE_KEY  # the site picker's key: one setting, two ways to change it
DEFAULT_ADHERENCE_MINUTES = 5  # the Live tab's alert feed takes its default from here
ADHERENCE_RANGE = (1, 240)  # minutes out of adherence before an agent turns red


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Preferences:
    theme: Theme = Theme.SYSTEM
    notifications: bool = True
    adherence_minutes: int = DEFAULT_ADHERENCE_MINUTES
    site: str | None = None  # None: the only site, or the picker asks

    def with_(self, **changes: object) -> Preferences:
        return replace(self, **changes)  # type: ignore[arg-type]


def _qs(path: Path) -> QSettings:
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def load_preferences(path: Path) -> Preferences:
    """What the INI holds, each value checked; anything unreadable takes its default."""
    if not path.exists():
        return Preferences()
    qs = _qs(path)
    default = Preferences()
    try:
        theme = Theme(str(qs.value(KEY_THEME, default.theme.value)))
    except ValueError:
        theme = default.theme
    raw_notify = str(qs.value(KEY_NOTIFY, "true")).lower()
    notifications = raw_notify not in ("false", "0", "no", "off")
    try:
        minutes = round(float(str(qs.value(KEY_ADHERENCE, default.adherence_minutes))))
    except ValueError:
        minutes = default.adherence_minutes
    low, high = ADHERENCE_RANGE
    if not low <= minutes <= high:
        minutes = default.adherence_minutes
    site = qs.value(KEY_SITE)
    return Preferences(theme, notifications, minutes, str(site) if site else None)


def save_preferences(path: Path, prefs: Preferences) -> None:
    qs = _qs(path)
    qs.setValue(KEY_THEME, prefs.theme.value)
    qs.setValue(KEY_NOTIFY, "true" if prefs.notifications else "false")
    qs.setValue(KEY_ADHERENCE, prefs.adherence_minutes)
    if prefs.site:
        qs.setValue(KEY_SITE, prefs.site)
    else:
        qs.remove(KEY_SITE)
    qs.sync()
