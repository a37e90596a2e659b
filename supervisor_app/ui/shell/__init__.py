"""The window around the tabs: main window, menus, status bar, the database session, the
demo and its simulator, and the start-up path (first paint, tabs built on first sight).

The face: ``app`` imports ``MainWindow`` and the rest from here.
"""

from supervisor_app.ui.shell.connect_apply import ask_first_run
from supervisor_app.ui.shell.demo import DemoPlan
from supervisor_app.ui.shell.first_paint import ENV_EXIT_AFTER_PAINT
from supervisor_app.ui.shell.main_window import MainWindow

__all__ = ["ENV_EXIT_AFTER_PAINT", "DemoPlan", "MainWindow", "ask_first_run"]
