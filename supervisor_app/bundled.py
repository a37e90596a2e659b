"""Files that ship with the application: icons, the style sheet, import mappings, the guide.

One function, :func:`bundled_path`, finds them wherever the code runs:

- a wheel or the PyInstaller bundle: the build copies ``resources/`` to
  ``supervisor_app/resources/`` and ``docs/user-guide/`` to
  ``supervisor_app/resources/user-guide/`` (``setup.py``, ``packaging/supervisor-console.spec``);
- a source checkout or an editable install: ``resources/`` and ``docs/user-guide/`` at the
  repository root, where people edit them.

It lives outside the layers (like ``__main__``) so the ui, ingest and cli read the same files
the same way. Plain Python: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
INSTALLED = PACKAGE_DIR / "resources"
CHECKOUT = PACKAGE_DIR.parent
# In a checkout a few folders live outside resources/: their place in the repository.
CHECKOUT_PLACES = {"user-guide": ("docs", "user-guide"), "images": ("docs", "images")}


@cache
def resources_root() -> Path | None:
    """The installed copy if there is one, else the checkout's ``resources/``; None if neither."""
    for candidate in (INSTALLED, CHECKOUT / "resources"):
        if candidate.is_dir():
            return candidate
    return None


def bundled_path(*parts: str) -> Path | None:
    """``resources/<parts>`` (``user-guide/…`` is the user guide), or None where it is missing.

    Callers decide what a missing file means: the window falls back to Qt's look,
    an import names the mapping it could not find.
    """
    if not parts:
        raise ValueError("name a file or folder")
    root = resources_root()
    candidates = []
    if root is not None:
        candidates.append(root.joinpath(*parts))
    if parts[0] in CHECKOUT_PLACES:
        candidates.append(CHECKOUT.joinpath(*CHECKOUT_PLACES[parts[0]], *parts[1:]))
    for path in candidates:
        if path.exists():
            return path
    return None
