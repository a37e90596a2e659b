"""Notice a widget's first paint: the moment the user sees the window.

The window starts its heavy work (SQLAlchemy, the database) only after this, so
the frame is on screen first; the start-up benchmark times the same moment.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

ENV_EXIT_AFTER_PAINT = "SUPERVISOR_APP_EXIT_AFTER_PAINT"


class FirstPaint(QObject):
    """Emits ``painted(time.time())`` once, on the watched widget's first paint event."""

    painted = Signal(float)

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self.seen = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._widget and not self.seen:
            self.seen = True
            self._widget.removeEventFilter(self)
            self.painted.emit(time.time())
        return False
