"""The status bar: which database, whether it is reachable, and how fresh the data is.

A supervisor glances here to decide whether to trust the numbers on screen, so
each part is always visible (permanent widgets, never overwritten by transient
messages) and a lost connection counts down to the next retry.
"""

from __future__ import annotations

import math
import time
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

MAX_URL_WIDTH = 420
MAX_STATE_WIDTH = 480


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _set_elided(label: QLabel, text: str, width: int, mode: Qt.TextElideMode) -> None:
    label.setText(label.fontMetrics().elidedText(text, mode, width))
    label.setToolTip(text)


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        self._database = _label("databaseUrl")
        self._identity = _label("identity")
        self._state = _label("connectionState")
        self._last_change = _label("lastChange")
        self._simulator = _label("simulatorState")
        self._progress_label = _label("progressLabel")
        self._progress = QProgressBar()
        self._progress.setObjectName("progress")
        self._progress.setRange(0, 1000)
        self._progress.setTextVisible(False)
        self._progress.setFixedWidth(160)
        self._progress.setMaximumHeight(14)

        # A long URL or error is elided, then clipped: it must never stop the window shrinking.
        for squeezable in (self._database, self._state):
            squeezable.setMinimumWidth(100)
        self.addWidget(self._identity)
        self.addWidget(self._database)
        self.addWidget(self._state)
        self.addPermanentWidget(self._progress_label)
        self.addPermanentWidget(self._progress)
        self.addPermanentWidget(self._simulator)
        self.addPermanentWidget(self._last_change)
        self.hide_progress()
        self._simulator.hide()
        self._identity.hide()

        self._retry_at = 0.0
        self._lost_error = ""
        self._state_text = ""
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_countdown)

        self.set_database("")
        self.set_connecting()
        self._last_change.setText(self.tr("no changes seen yet"))

    # -- database and connection state -------------------------------------------------
    def set_database(self, display_url: str) -> None:
        """Always a display URL (password hidden): the caller never passes the real one."""
        text = f"Database: {display_url or '…'}"
        _set_elided(self._database, text, MAX_URL_WIDTH, Qt.TextElideMode.ElideMiddle)

    def _set_state(self, state: str, text: str, detail: str = "") -> None:
        if state != "lost":
            self._countdown.stop()
        self._state_text = text
        _set_elided(self._state, f"● {text}", MAX_STATE_WIDTH, Qt.TextElideMode.ElideRight)
        self._state.setToolTip(detail or text)
        self._state.setProperty("state", state)
        self._state.style().unpolish(self._state)
        self._state.style().polish(self._state)

    def set_identity(self, text: str) -> None:
        """Who is logged in and with which role ("anna · supervisor")."""
        self._identity.setText(text)
        self._identity.setVisible(bool(text))

    def identity_text(self) -> str:
        return self._identity.text()

    def set_connecting(self) -> None:
        self._set_state("connecting", "connecting…")

    def set_connected(self) -> None:
        self._set_state("connected", "connected")

    def set_error(self, message: str) -> None:
        self._set_state("error", message)

    def set_connection_lost(self, error: str, retry_in: float) -> None:
        self._retry_at = time.monotonic() + retry_in
        self._lost_error = error
        self._show_countdown()
        self._countdown.start()

    def _show_countdown(self) -> None:
        seconds = max(0, math.ceil(self._retry_at - time.monotonic()))
        text = "connection lost, retrying" + (f" in {seconds} s" if seconds else "…")
        self._set_state("lost", text, self._lost_error)
        if not seconds:
            self._countdown.stop()

    # -- freshness, background work ---------------------------------------------------
    def set_last_change(self, when: datetime) -> None:
        local = when.astimezone()
        self._last_change.setText(self.tr("last change {local:%H:%M:%S}").format(local=local))
        self._last_change.setToolTip(
            self.tr("last change seen {local:%Y-%m-%d %H:%M:%S %Z}").format(local=local)
        )

    def show_progress(self, text: str, fraction: float) -> None:
        self._progress_label.setText(f"{text} {fraction:.0%}")
        self._progress.setValue(round(max(0.0, min(1.0, fraction)) * 1000))
        self._progress_label.show()
        self._progress.show()

    def hide_progress(self) -> None:
        self._progress_label.hide()
        self._progress.hide()

    def set_simulator(self, text: str) -> None:
        self._simulator.setText(text)
        self._simulator.setVisible(bool(text))

    def stop_timers(self) -> None:
        self._countdown.stop()

    # -- what a test or a screen reader reads -------------------------------------------
    def database_text(self) -> str:
        return self._database.toolTip()

    def state_text(self) -> str:
        return self._state_text

    def state(self) -> str:
        return str(self._state.property("state"))

    def last_change_text(self) -> str:
        return self._last_change.text()

    def simulator_text(self) -> str:
        return self._simulator.text() if not self._simulator.isHidden() else ""

    def progress_visible(self) -> bool:
        return not self._progress.isHidden()
