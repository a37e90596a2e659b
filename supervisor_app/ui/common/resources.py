"""Icons and the style sheet: plain files in ``resources/``, found by ``supervisor_app.bundled``.

The same function finds them in a checkout, a wheel and the packaged build. Where they
are missing the console still works, with Qt's default look and no icons, rather than
refusing to start over decoration.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QIcon

from supervisor_app.bundled import bundled_path

log = logging.getLogger(__name__)


def resource_path(*parts: str) -> Path | None:
    path = bundled_path(*parts)
    if path is None:
        log.info("no %s among the bundled files; using Qt's default look", "/".join(parts))
    return path


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon, or an empty icon if it isn't there."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path else QIcon()


def style_sheet(*, dark: bool = False) -> str:
    """The console's style sheet; in the dark theme with ``style-dark.qss`` over it."""
    names = ("style.qss", "style-dark.qss") if dark else ("style.qss",)
    paths = [resource_path(name) for name in names]
    return "\n".join(path.read_text(encoding="utf-8") for path in paths if path)
