"""Ctrl+C from a table pastes formula-looking text as text, and numbers as numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.copy_table import COPY_ROLE, CopyableTableView


def test_ctrl_c_guards_formulas_and_keeps_numbers(qtbot: QtBot) -> None:
    model = QStandardItemModel(0, 2)
    model.setHorizontalHeaderLabels(["Queue", "Gap"])
    for name, gap in (("=cmd|' /C calc'!A0", -5), ("@SUM(1)", "-1.5"), ("-2+3", 0), ("\t=1", 2)):
        number = QStandardItem()
        number.setData(gap, COPY_ROLE)
        model.appendRow([QStandardItem(name), number])
    view = CopyableTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectAll()
    QApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == (
        "Queue\tGap\n'=cmd|' /C calc'!A0\t-5\n'@SUM(1)\t-1.5\n'-2+3\t0\n' =1\t2\n"
    )
