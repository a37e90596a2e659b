"""File, Edit, View and Help menus. View's tab actions double as Ctrl+1..4 shortcuts.

File › Connect… and Settings… and Help's user guide, shortcuts and About are actions
here; what they open lives in ``connect_dialog``, ``settings_dialog`` and ``help_menu``,
and the window connects ``connect`` and ``settings`` (they need its database and workers).

Edit's Undo and Redo follow a ``QUndoGroup``: the window makes the current
tab's undo stack active (the schedule editor's), so the menu always names the
edit it would undo and is greyed out where there is nothing to undo.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QTabWidget


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Menus", text)


def build_menus(window: QMainWindow, tabs: QTabWidget, undo: QUndoGroup) -> dict[str, QAction]:
    """Create the menus on ``window``; returns the actions by name for tests and toolbars."""
    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    file_menu = bar.addMenu(_tr("&File"))
    connect_action = QAction(_tr("&Connect…"), window)
    connect_action.setStatusTip(
        _tr("Open another database: the demo, a local file or a shared one")
    )
    file_menu.addAction(connect_action)
    actions["connect"] = connect_action
    settings_action = QAction(_tr("&Settings…"), window)
    settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
    if settings_action.shortcut().isEmpty():
        settings_action.setShortcut(QKeySequence("Ctrl+Shift+,"))
    settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    file_menu.addAction(settings_action)
    actions["settings"] = settings_action
    file_menu.addSeparator()
    import_action = QAction(_tr("&Import…"), window)
    import_action.setShortcut(QKeySequence("Ctrl+I"))
    import_action.setStatusTip(_tr("Read contacts, agents or a forecast from a CSV or Excel file"))
    import_action.setEnabled(False)  # until a database is open
    file_menu.addAction(import_action)
    file_menu.addSeparator()
    actions["import"] = import_action
    quit_action = QAction(_tr("&Quit"), window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
    actions["quit"] = quit_action

    edit_menu = bar.addMenu(_tr("&Edit"))
    undo_action = undo.createUndoAction(window, _tr("&Undo"))
    undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    redo_action = undo.createRedoAction(window, _tr("&Redo"))
    redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo_action)
    edit_menu.addAction(redo_action)
    actions["undo"], actions["redo"] = undo_action, redo_action
    edit_menu.addSeparator()
    setup_action = QAction(QCoreApplication.translate("menus", "&Setup…"), window)
    setup_action.setShortcut(QKeySequence("Ctrl+,"))
    setup_action.setMenuRole(QAction.MenuRole.NoRole)
    setup_action.setStatusTip(
        QCoreApplication.translate(
            "menus", "Sites, queues, teams and agents, labour rules, the audit trail"
        )
    )
    setup_action.setEnabled(False)  # until a database is open
    edit_menu.addAction(setup_action)
    actions["setup"] = setup_action

    view_menu = bar.addMenu(_tr("&View"))
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

    help_menu = bar.addMenu(_tr("&Help"))
    guide = QAction(_tr("User &guide"), window)
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    guide.triggered.connect(lambda: _open_user_guide(window))
    help_menu.addAction(guide)
    actions["guide"] = guide
    keys = QAction(_tr("&Keyboard shortcuts"), window)
    keys.setShortcut(QKeySequence("Ctrl+/"))
    keys.triggered.connect(lambda: _show_shortcuts(window))
    help_menu.addAction(keys)
    actions["shortcuts"] = keys
    help_menu.addSeparator()
    about = QAction(_tr("&About Supervisor Console"), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about)
    actions["about"] = about  # the window shows it: About names the open database
    return actions


# The Help menu's dialogs load on first use: the window's start need not compile them.
def _open_user_guide(window: QMainWindow) -> None:
    from supervisor_app.ui.shell.help_menu import open_user_guide

    open_user_guide(window)


def _show_shortcuts(window: QMainWindow) -> None:
    from supervisor_app.ui.shell.help_menu import ShortcutsDialog

    ShortcutsDialog(window).open()
