"""Help: the user guide shipped with the build, every keyboard shortcut, and About.

The shortcut list is generated from the window's actions (menus and tabs alike), so it
can't drift from what the keys do. About names the versions a support call asks for:
the console, Qt, PySide6, Python, and the database it is open on.
"""

from __future__ import annotations

import platform
from collections.abc import Callable

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from supervisor_app import __version__
from supervisor_app.bundled import bundled_path


def tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def user_guide_url() -> QUrl | None:
    """The guide's first page in this build (wheel, bundle or checkout), or None."""
    page = bundled_path("user-guide", "index.md")
    return QUrl.fromLocalFile(str(page)) if page else None


class GuideBrowser(QDialog):
    """The user guide inside the console: its Markdown pages, links between them, pictures.

    Qt renders Markdown itself, so the guide reads the same with no browser or viewer
    installed; links to the web open in the system's browser.
    """

    def __init__(self, start: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Supervisor Console — user guide"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(start, QTextDocument.ResourceType.MarkdownResource)
        back = QPushButton(tr("Back"))
        back.setEnabled(False)
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        home = QPushButton(tr("Contents"))
        home.clicked.connect(
            lambda: self.browser.setSource(start, QTextDocument.ResourceType.MarkdownResource)
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addWidget(home)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.resize(900, 700)


def open_user_guide(
    parent: QWidget | None = None,
    opener: Callable[[QUrl], bool] = QDesktopServices.openUrl,
) -> GuideBrowser | None:
    """The guide in a window of its own; without one (no guide shipped), nothing."""
    url = user_guide_url()
    if url is None:
        return None
    guide = GuideBrowser(url, parent)
    guide.show()
    return guide


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action of ``window`` with a shortcut, sorted by what it does."""
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        what = what.rstrip(".…").strip() or action.objectName()
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows[what] = shown
    return sorted(rows.items(), key=lambda row: row[0].casefold())


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([tr("Action"), tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        for r, (what, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, min(640, 90 + 30 * len(rows)))


def about_html(database: str | None) -> str:
    rows = [
        (tr("Console"), __version__),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("Python", platform.python_version()),
        (tr("Database"), database or tr("not connected")),
        (tr("System"), platform.platform(terse=True)),
    ]
    cells = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    return (
        f"<h3>Supervisor Console {__version__}</h3>"
        f"<p>{tr('Live queues, agent schedules, analytics and Excel reports for contact centers.')}"
        f"</p><table>{cells}</table>"
    )


def show_about(window: QWidget, database: str | None = None) -> QMessageBox:
    """Window-modal but not blocking (``open``, not ``exec``), so nothing waits on it."""
    box = QMessageBox(window)
    box.setWindowTitle(tr("About Supervisor Console"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(database))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
