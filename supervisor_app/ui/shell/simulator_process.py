"""The demo's traffic simulator as a child process the window starts and, on close, stops.

A separate process, not a thread: it writes as any other client would, so the
console sees its changes through the same change feed as real traffic, and a
simulator bug can't freeze the window. Stopping is polite first (SIGTERM, which
``supervisor-app simulate`` handles by finishing its transaction), then firm.
"""

from __future__ import annotations

import logging
import sys
from collections import deque

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

log = logging.getLogger(__name__)

STOP_TIMEOUT_SECONDS = 5.0
ENV_DB = "SUPERVISOR_APP_DB"


def simulator_command() -> list[str]:
    """``python -m supervisor_app simulate``; the database URL travels in the environment.

    The environment, not ``--db``: a URL may carry a password, and a command line
    is visible to every user of the machine (``ps``), the environment is not.
    """
    return [sys.executable, "-m", "supervisor_app", "simulate"]


class SimulatorProcess(QObject):
    """Start, watch and stop one child. ``exited(message)`` fires only if it ends on its own."""

    started = Signal()
    exited = Signal(str)

    def __init__(
        self,
        argv: list[str],
        *,
        env: dict[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._argv = list(argv)
        self._stopping = False
        self._stderr_tail: deque[str] = deque(maxlen=20)
        self._process = QProcess(self)
        self._process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self._process.setStandardOutputFile(QProcess.nullDevice())
        environment = QProcessEnvironment.systemEnvironment()
        for key, value in (env or {}).items():
            environment.insert(key, value)
        self._process.setProcessEnvironment(environment)
        self._process.started.connect(self.started)
        self._process.readyReadStandardError.connect(self._read_stderr)
        self._process.finished.connect(self._on_finished)
        self._process.errorOccurred.connect(self._on_error)

    def start(self) -> None:
        self._stopping = False
        self._process.start(self._argv[0], self._argv[1:])

    def is_running(self) -> bool:
        return self._process.state() != QProcess.ProcessState.NotRunning

    def pid(self) -> int | None:
        pid = self._process.processId()
        return int(pid) if pid else None

    def stderr_tail(self) -> list[str]:
        return list(self._stderr_tail)

    def stop(self, timeout_s: float = STOP_TIMEOUT_SECONDS) -> None:
        """SIGTERM, wait up to ``timeout_s``, then SIGKILL; returns once the child is gone."""
        if not self.is_running():
            return
        self._stopping = True
        self._process.terminate()
        if not self._process.waitForFinished(int(timeout_s * 1000)):
            log.warning(
                "simulator (pid %s) ignored SIGTERM for %s s; killing it", self.pid(), timeout_s
            )
            self._process.kill()
            self._process.waitForFinished(5_000)

    def _read_stderr(self) -> None:
        data = bytes(self._process.readAllStandardError().data()).decode(errors="replace")
        self._stderr_tail.extend(line for line in data.splitlines() if line.strip())

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_stderr()
        if self._stopping:
            return
        how = "crashed" if status == QProcess.ExitStatus.CrashExit else f"exited with code {code}"
        last = self._stderr_tail[-1] if self._stderr_tail else ""
        self.exited.emit(f"simulator {how}" + (f": {last}" if last else ""))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.exited.emit(f"simulator failed to start: {self._process.errorString()}")
