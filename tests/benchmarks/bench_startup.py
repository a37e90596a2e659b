"""Start-up: time from launching ``supervisor-app gui`` to the window's first paint.

Compared with a bare PySide6 script that paints an empty QMainWindow the same way,
so the ratio says what the console adds on top of Qt itself on this machine.
Both print ``first_paint <time.time()>`` on their first paint event and quit
(``SUPERVISOR_APP_EXIT_AFTER_PAINT=1`` for the console); the clock starts just
before ``Popen``. Targets: first paint <= 1,000 ms and <= 4x bare Qt.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure

RUNS = 5
DEMO_DAYS = 2

BARE_QT = """\
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1180, 760)

class FirstPaint(QObject):
    seen = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print(f"first_paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SUPERVISOR_APP_EXIT_AFTER_PAINT="1",
        SUPERVISOR_APP_HOME=str(home),
    )
    env.pop("SUPERVISOR_APP_DB", None)
    return env


def _simulator_available() -> bool:
    try:
        from supervisor_app.ingest.simulator import seed_demo  # noqa: F401
    except ImportError:
        return False
    return True


def _prepare_database(url: str, env: dict[str, str]) -> None:
    """A demo history if the simulator is there; otherwise an empty schema (and say so)."""
    if _simulator_available():
        command = [sys.executable, "-m", "supervisor_app", "--db", url, "demo", "seed"]
        command += ["--days", str(DEMO_DAYS)]
        seeded = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        print(f"# startup: {seeded.stdout.strip()}", file=sys.stderr)  # stdout is for figures
        return
    print("# startup: no simulator yet; timing against an empty schema", file=sys.stderr)
    from supervisor_app.services.database import open_database

    open_database(url).close()


def _first_paint_ms(argv: list[str], env: dict[str, str]) -> float:
    begun = time.time()
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out, err = process.communicate(timeout=120)
    if process.returncode != 0:
        raise RuntimeError(f"{argv[1:]} exited {process.returncode}:\n{err[-2000:]}")
    for line in out.splitlines():
        if line.startswith("first_paint "):
            return (float(line.split()[1]) - begun) * 1000
    raise RuntimeError(f"{argv[1:]} never printed first_paint:\n{out}\n{err[-2000:]}")


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        home = Path(tmp)
        (home / "data").mkdir()
        env = _environment(home)
        url = f"sqlite:///{home / 'data' / 'supervisor.db'}"
        _prepare_database(url, env)
        bare_script = home / "bare_qt.py"
        bare_script.write_text(BARE_QT)

        console = [sys.executable, "-m", "supervisor_app", "--db", url, "gui"]
        bare = [sys.executable, str(bare_script)]
        # Interleaved, so a busy moment on the machine hits both alike.
        console_ms: list[float] = []
        bare_ms: list[float] = []
        for _ in range(RUNS):
            console_ms.append(_first_paint_ms(console, env))
            bare_ms.append(_first_paint_ms(bare, env))

    first_paint = statistics.median(console_ms)
    bare_qt = statistics.median(bare_ms)
    return [
        Figure("startup.first_paint_ms", first_paint, "ms"),
        Figure("startup.bare_qt_ms", bare_qt, "ms"),
        Figure("startup.ratio_vs_bare_qt", first_paint / bare_qt, "x"),
    ]
