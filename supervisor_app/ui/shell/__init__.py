"""The window around the tabs: main window, menus, status bar, the database session, the
demo and its simulator, and the start-up path (first paint, tabs built on first sight).

The face: ``app`` imports ``MainWindow`` and the rest from here. ``DemoPlan`` and
``ask_first_run`` load when first asked for: most starts need neither (no demo, a
database already chosen), and the window's start does not compile their modules.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from supervisor_app.ui.shell.first_paint import ENV_EXIT_AFTER_PAINT
from supervisor_app.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from supervisor_app.ui.shell.connect_apply import ask_first_run
    from supervisor_app.ui.shell.demo import DemoPlan

_LATER = {"DemoPlan": "demo", "ask_first_run": "connect_apply"}

__all__ = ["ENV_EXIT_AFTER_PAINT", "DemoPlan", "MainWindow", "ask_first_run"]


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
