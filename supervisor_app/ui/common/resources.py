"""Icons and the style sheet: plain files in ``resources/`` at the repository root.

Found at run time beside the package (a source checkout or an editable install).
Where they are missing the console still works, with Qt's default look and no
icons, rather than refusing to start over decoration.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)


@cache
def resources_dir() -> Path | None:
    candidate = Path(__file__).resolve().parents[3] / "resources"
    if candidate.is_dir():
        return candidate
    log.info("no resources folder at %s; using Qt's default look", candidate)
    return None


def resource_path(*parts: str) -> Path | None:
    base = resources_dir()
    if base is None:
        return None
    path = base.joinpath(*parts)
    return path if path.exists() else None


def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon, or an empty icon if it isn't there."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path else QIcon()


def style_sheet() -> str:
    path = resource_path("style.qss")
    return path.read_text(encoding="utf-8") if path else ""
