"""``run_gui``: the QApplication, the main window and the event loop.

Imports only Qt and the ui shell: SQLAlchemy, the services, numpy and pyqtgraph
load on worker threads after the first paint, so the window appears about as
fast as an empty Qt window does (``tests/benchmarks/bench_startup.py``).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from supervisor_app.ui.common.preferences import load_preferences
from supervisor_app.ui.common.resources import style_sheet
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.theme import apply_theme, is_dark
from supervisor_app.ui.shell import ENV_EXIT_AFTER_PAINT, MainWindow

if TYPE_CHECKING:
    from supervisor_app.ui.shell import DemoPlan


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Supervisor Console")
    app.setApplicationDisplayName("Supervisor Console")
    app.setDesktopFileName("supervisor-console")
    return app


def _report_first_paint_and_quit(app: QApplication, painted_at: float) -> None:
    """For the start-up benchmark: say when the window painted, then leave."""
    print(f"first_paint {painted_at:.6f}", flush=True)
    QTimer.singleShot(0, app.quit)


def _close_on_signals(app: QApplication, window: MainWindow) -> QTimer:
    """Ctrl+C in the terminal or SIGTERM closes the window properly (simulator included).

    Python only runs signal handlers between bytecodes, and Qt's event loop is C++,
    so a cheap timer lets the interpreter look at pending signals a few times a second.
    """

    def close(_signum: int, _frame: FrameType | None) -> None:
        window.close()
        app.quit()

    signal.signal(signal.SIGINT, close)
    signal.signal(signal.SIGTERM, close)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)
    return wake


def _open_setup_once_opened(window: MainWindow) -> None:
    """After "start an empty local database": Setup, once the new database is open."""
    open_setup = getattr(window, "open_setup", None)
    if open_setup is None:  # the Setup window is not in this build
        return

    def opened(_db: object) -> None:
        window.session.opened.disconnect(opened)
        open_setup()

    window.session.opened.connect(opened)


def _style(app: QApplication) -> None:
    """The console's style sheet on the application, once the window is built.

    Set before, Qt restyles a widget each time the window moves it into a parent (1,359
    style changes while the window is built, against 224 for one pass over the finished
    window): about 35 ms of CPU before the first paint, for the same pixels.
    """
    sheet = style_sheet(dark=is_dark())
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


def _demo_plan() -> DemoPlan:
    """The demo's default size; its module loads only when a demo runs."""
    from supervisor_app.ui.shell import DemoPlan

    return DemoPlan()


def run_gui(db_url: str | None, *, demo: bool = False) -> int:
    """Open the console on ``db_url`` (None: the configured default); returns the exit code."""
    from supervisor_app.store.settings_file import console_runs_demo, database_configured

    app = _application()
    settings = WindowSettings()
    apply_theme(app, load_preferences(settings.path).theme)
    setup = False
    # `gui --demo` (`make run`) has already chosen: the demo, with no question first.
    asks = not demo and os.environ.get(ENV_EXIT_AFTER_PAINT) != "1"
    if asks and not database_configured(db_url):
        from supervisor_app.ui.shell import ask_first_run

        _style(app)  # the wizard is styled like the window
        gc.enable()  # off for a fast start (__main__); a person now answers at their pace
        chosen = ask_first_run(app)
        if chosen is None:
            return 0
        demo, setup = demo or chosen[0], chosen[1]
    elif db_url is None and not os.environ.get("SUPERVISOR_APP_DB"):
        demo = demo or console_runs_demo()
    window = MainWindow(db_url, demo=_demo_plan() if demo else None, settings=settings)
    _style(app)
    if setup:
        _open_setup_once_opened(window)
    if os.environ.get(ENV_EXIT_AFTER_PAINT) == "1":
        window.first_paint.painted.connect(lambda t: _report_first_paint_and_quit(app, t))

    previous_hook = sys.excepthook

    def show_uncaught(
        kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """An exception escaping a slot: report it in the window instead of losing it."""
        previous_hook(kind, exc, tb)
        if window.isVisible():
            window.show_failure(exc.with_traceback(tb), "Something went wrong", can_retry=False)

    sys.excepthook = show_uncaught
    previous_int = signal.getsignal(signal.SIGINT)
    previous_term = signal.getsignal(signal.SIGTERM)
    wake = _close_on_signals(app, window)
    try:
        if window.first_start:
            # The whole screen first, then maximised: without a window manager (a kiosk,
            # a bare X server) showMaximized alone leaves the 1180-pixel default size.
            window.setGeometry(window.screen().availableGeometry())
            window.showMaximized()
        else:
            window.show()
        code = app.exec()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous_int)
        signal.signal(signal.SIGTERM, previous_term)
        sys.excepthook = previous_hook
        window.close()  # a no-op after File ▸ Quit; stops everything after app.quit()
    return code
