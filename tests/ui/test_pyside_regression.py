"""PySide6 6.12.0 aborts the interpreter (``Fatal Python error: bool_dealloc``) after a few
hundred ``dataChanged.emit(...)`` calls from Python, which every live table makes.

pyproject.toml excludes that release; this test makes any future upgrade prove it does
not bring the crash back, before it reaches a supervisor's desk. It runs in a child
process because the failure is an abort, which would take the test run down with it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import PySide6

EMITS = 5_000
MARKER = "DATACHANGED_OK"

SCRIPT = f"""
import sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

class Live(QAbstractTableModel):
    def __init__(self):
        super().__init__()
        self.values = [[0] * 4 for _ in range(20)]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.values)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 4

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.values[index.row()][index.column()])
        return None

app = QApplication(sys.argv[:1])
model = Live()
view = QTableView()
view.setModel(model)
view.show()
roles = [Qt.ItemDataRole.DisplayRole]
for i in range({EMITS}):
    row, col = i % 20, i % 4
    model.values[row][col] = i
    top_left = model.index(row, 0)
    bottom_right = model.index(row, 3)
    if i % 2:
        model.dataChanged.emit(top_left, bottom_right, roles)
    else:
        model.dataChanged.emit(top_left, bottom_right)
    if i % 100 == 0:
        app.processEvents()
view.close()
print("{MARKER}", {EMITS}, flush=True)
"""


def test_many_datachanged_emits_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    detail = f"PySide6 {PySide6.__version__}: exit {result.returncode}\n{result.stderr[-2000:]}"
    assert result.returncode == 0, detail
    assert f"{MARKER} {EMITS}" in result.stdout, detail
