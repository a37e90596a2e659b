"""The strip over the Live tab that says the numbers below are not live any more.

"Showing data from 14:03:27 — reconnecting (next try in 8 s)": the age of what
is on screen and what is being done about it, counting down to the next try.
The tab's one-second clock calls ``tick()``; the banner owns no timer.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

# Amber, not red: the window works, the numbers are just getting old.
STYLE = """
QFrame#staleBanner { background: #fff4d6; border: 1px solid #ecd08a; border-radius: 6px; }
QLabel#staleText { color: #5c4400; font-weight: 600; }
"""


class StaleBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staleBanner")
        self.setStyleSheet(STYLE)
        self._label = QLabel()
        self._label.setObjectName("staleText")
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self._label, 1)
        self._data_time = ""
        self._retry_at: float | None = None
        self._stalled = False
        self.hide()

    def show_lost(self, data_time: str, retry_at: float | None, reason: str) -> None:
        """Lost connection: the data's time, and a countdown to the next try (``monotonic()``)."""
        self._data_time, self._stalled, self._retry_at = data_time, False, retry_at
        self.setToolTip(reason)
        self.tick()
        self.show()

    def show_stalled(self, data_time: str) -> None:
        """A snapshot is taking far longer than usual (a locked or overloaded database)."""
        self._data_time, self._stalled, self._retry_at = data_time, True, None
        self.setToolTip(self.tr("The last refresh has not come back yet; the window stays usable."))
        self.tick()
        self.show()

    def tick(self) -> None:
        prefix = f"Showing data from {self._data_time}" if self._data_time else "No data yet"
        if self._stalled:
            self._label.setText(
                self.tr("{prefix} — the database is slow to answer; still waiting").format(
                    prefix=prefix
                )
            )
            return
        seconds = 0 if self._retry_at is None else math.ceil(self._retry_at - time.monotonic())
        if seconds > 0:
            self._label.setText(
                self.tr("{prefix} — reconnecting (next try in {seconds} s)").format(
                    prefix=prefix, seconds=seconds
                )
            )
        else:
            self._label.setText(self.tr("{prefix} — reconnecting…").format(prefix=prefix))

    def text(self) -> str:
        return self._label.text()
