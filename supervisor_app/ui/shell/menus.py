"""File, Edit, View and Help menus. View's tab actions double as Ctrl+1..4 shortcuts.

Edit's Undo and Redo follow a ``QUndoGroup``: the window makes the current
tab's undo stack active (the schedule editor's), so the menu always names the
edit it would undo and is greyed out where there is nothing to undo.
"""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from supervisor_app import __version__

ABOUT_HTML = """\
<h3>Supervisor Console {version}</h3>
<p>Live queues, agent schedules, analytics and Excel reports for contact centers.</p>
<p>Qt {qt} · PySide6 {pyside}</p>
"""


def build_menus(window: QMainWindow, tabs: QTabWidget, undo: QUndoGroup) -> dict[str, QAction]:
    """Create the menus on ``window``; returns the actions by name for tests and toolbars."""
    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    file_menu = bar.addMenu("&File")
    import_action = QAction("&Import…", window)
    import_action.setShortcut(QKeySequence("Ctrl+I"))
    import_action.setStatusTip("Read contacts, agents or a forecast from a CSV or Excel file")
    import_action.setEnabled(False)  # until a database is open
    file_menu.addAction(import_action)
    file_menu.addSeparator()
    actions["import"] = import_action
    quit_action = QAction("&Quit", window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
    actions["quit"] = quit_action

    edit_menu = bar.addMenu("&Edit")
    undo_action = undo.createUndoAction(window, "&Undo")
    undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    redo_action = undo.createRedoAction(window, "&Redo")
    redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo_action)
    edit_menu.addAction(redo_action)
    actions["undo"], actions["redo"] = undo_action, redo_action
    edit_menu.addSeparator()
    setup_action = QAction("&Setup…", window)
    setup_action.setShortcut(QKeySequence("Ctrl+,"))
    setup_action.setMenuRole(QAction.MenuRole.NoRole)
    setup_action.setStatusTip("Sites, queues, teams and agents, labour rules, the audit trail")
    setup_action.setEnabled(False)  # until a database is open
    edit_menu.addAction(setup_action)
    actions["setup"] = setup_action

    view_menu = bar.addMenu("&View")
    group = QActionGroup(window)
    group.setExclusive(True)
    for index in range(tabs.count()):
        action = QAction(tabs.tabText(index), window)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        action.triggered.connect(lambda _checked=False, i=index: tabs.setCurrentIndex(i))
        group.addAction(action)
        view_menu.addAction(action)
        actions[f"tab:{tabs.widget(index).objectName()}"] = action
    tab_actions = group.actions()

    def sync(index: int) -> None:
        if 0 <= index < len(tab_actions):
            tab_actions[index].setChecked(True)

    tabs.currentChanged.connect(sync)
    sync(tabs.currentIndex())

    help_menu = bar.addMenu("&Help")
    about = QAction("&About Supervisor Console", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: show_about(window))
    help_menu.addAction(about)
    actions["about"] = about
    return actions


def show_about(window: QMainWindow) -> QMessageBox:
    """Window-modal but not blocking (``open``, not ``exec``), so nothing waits on it."""
    box = QMessageBox(window)
    box.setWindowTitle("About Supervisor Console")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(ABOUT_HTML.format(version=__version__, qt=qVersion(), pyside=pyside_version))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
