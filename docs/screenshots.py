"""The user guide's screenshots, taken offscreen from the demo database: ``make screenshots``.

It does what ``make run`` does, without a screen and without touching the user's
own data: a fresh ``SUPERVISOR_APP_HOME`` in a temporary folder, the real main
window with the demo plan (seed four weeks of history, start the traffic
simulator), then each tab in turn, shown until its data has arrived, saved as a
PNG in ``docs/images/``.

Why the clock is pinned: the Live tab shows the floor *now*, and at night or on a
Sunday the demo's floor is empty. So the window, and the simulator it starts
(this script again, with ``--simulate``), believe it is ``--at`` (a Wednesday
morning by default), with the clock running from there: the pictures show a busy
floor whenever they are refreshed, and the same figures each time. The clock is
moved with the ``time-machine`` package (``make screenshots`` installs it), which
shifts Python's wall clock only: timers and waits keep real time.

It leans only on what ``supervisor-app gui --demo`` itself uses (``MainWindow``
with a ``DemoPlan`` and the style sheet, as ``supervisor_app/ui/app.py`` builds
them), the window's ``workers`` (to know when queries are done), object names
(tabs, status bar labels) and the titles a user reads, so moving ui modules
around does not break it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QTabWidget, QWidget

from supervisor_app.ui.common.resources import style_sheet
from supervisor_app.ui.shell import DemoPlan, MainWindow

DOCS = Path(__file__).resolve().parent
OUT = DOCS / "images"
# A Wednesday, mid-morning in the demo site's zone (Europe/London is UTC in November).
PINNED_AT = "2026-11-18T10:40:00+00:00"
ENV_OFFSET = "SUPERVISOR_SCREENSHOTS_OFFSET_S"  # pinned time − real time, for the child
SMALL = (1366, 768)
LARGE = (1920, 1080)


@dataclass(frozen=True)
class Shot:
    """One picture: which tab (object name), which page inside it (its title), what size."""

    file: str
    tab: str
    page: str | None = None
    choose: str | None = None  # an entry of a drop-down on the page (a range preset, …)
    size: tuple[int, int] = SMALL


SHOTS = (
    Shot("console.png", "live", size=LARGE),
    Shot("live.png", "live"),
    Shot("schedules.png", "schedules"),
    Shot("analytics.png", "analytics", page="KPI table"),
    Shot("analytics-trend.png", "analytics", page="Trend", choose="This month"),
    Shot("analytics-heatmap.png", "analytics", page="Heat map"),
    Shot("analytics-scorecards.png", "analytics", page="Agent scorecards"),
    Shot("reports.png", "reports"),
    # Every tab at the other size a supervisor's desk has (issue 15: readable at both).
    Shot("live-1920.png", "live", size=LARGE),
    Shot("schedules-1920.png", "schedules", size=LARGE),
    Shot("analytics-1920.png", "analytics", page="KPI table", size=LARGE),
    Shot("reports-1920.png", "reports", size=LARGE),
)
SETTLE_S = 2.0  # no query for this long: the tab shows its data
# The live panels beside the tables refresh on their own timers: give them a few rounds.
FIRST_LIVE_S = 12.0


# -- the window --------------------------------------------------------------------------


def _application() -> QApplication:
    """As ``supervisor-app gui`` makes it: names and the console's style sheet."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Supervisor Console")
    app.setApplicationDisplayName("Supervisor Console")
    app.setStyleSheet(style_sheet())
    return app


def _pump(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds (queries answer, widgets paint)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(ready: Callable[[], bool], what: str, timeout_s: float = 300.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout_s:.0f} s")
        _pump(200)


def _label_text(window: MainWindow, name: str) -> str:
    label = window.findChild(QLabel, name)
    return label.text() if label is not None and label.isVisible() else ""


def _loading(widget: QWidget) -> bool:
    """A lazily built tab shows "Loading…" until its view is made."""
    return any(
        label.isVisible() and label.text() == "Loading…" for label in widget.findChildren(QLabel)
    )


def _settle(window: MainWindow, page: QWidget, settle_s: float, timeout_s: float = 120.0) -> None:
    """Wait until no query has run for ``settle_s`` seconds and the tab is built."""
    deadline = time.monotonic() + timeout_s
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        _pump(100)
        if window.workers.busy() or _loading(page):
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= settle_s:
            return
    raise TimeoutError(f"the {page.objectName()} tab was still busy after {timeout_s:.0f} s")


def _wait_for_demo(window: MainWindow) -> None:
    """Seeded, simulator running, and its replay of today so far seen by the window."""
    _wait_until(lambda: "running" in _label_text(window, "simulatorState"), "the demo simulator")
    before = _label_text(window, "lastChange")
    _wait_until(lambda: _label_text(window, "lastChange") != before, "today's live traffic")
    _pump(int(FIRST_LIVE_S * 1000))


def _tab(window: MainWindow, name: str) -> tuple[QTabWidget, QWidget]:
    """The window's tab widget and its page with this object name."""
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.widget(index).objectName() == name:
                return tabs, tabs.widget(index)
    raise LookupError(f"no tab named {name!r}")


def _open_page(tab: QWidget, title: str) -> None:
    """Inside a tab, the page a user picks by its title (Analytics' Trend, …)."""
    for tabs in tab.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.tabText(index).replace("&", "") == title:
                tabs.setCurrentIndex(index)
                return
    raise LookupError(f"no page titled {title!r} in the {tab.objectName()} tab")


def _choose(tab: QWidget, entry: str) -> None:
    """Pick ``entry`` in the visible drop-down that offers it (Analytics' range, …)."""
    for combo in tab.findChildren(QComboBox):
        index = combo.findText(entry)
        if index >= 0 and combo.isVisible():
            combo.setCurrentIndex(index)
            return
    raise LookupError(f"no drop-down offers {entry!r} in the {tab.objectName()} tab")


def _take(window: MainWindow, shot: Shot, out: Path) -> Path:
    window.resize(*shot.size)
    tabs, tab = _tab(window, shot.tab)
    tabs.setCurrentWidget(tab)
    _settle(window, tab, 0.5)  # a lazy tab builds its view on first sight
    if shot.page is not None:
        _open_page(tab, shot.page)
    if shot.choose is not None:
        _choose(tab, shot.choose)
    _settle(window, tab, SETTLE_S)
    image = window.grab().toImage()
    path = out / shot.file
    if not image.save(str(path), "PNG", 0):  # 0: the smallest file
        raise OSError(f"could not write {path}")
    print(f"{path}  {image.width()}×{image.height()}  {path.stat().st_size // 1024} KiB")
    return path


def take_shots(
    out: Path, shots: tuple[Shot, ...], simulator: Callable[[], list[str]] | None
) -> int:
    """Open the demo window as ``gui --demo`` does, take every shot, close it."""
    app = _application()
    out.mkdir(parents=True, exist_ok=True)
    if simulator is None:
        window = MainWindow(None, demo=DemoPlan())
    else:
        window = MainWindow(None, demo=DemoPlan(), simulator=simulator)
    window.resize(*shots[0].size)
    window.show()
    try:
        _wait_for_demo(window)
        for shot in shots:
            _take(window, shot, out)
    finally:
        window.close()
        app.processEvents()
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    parser.add_argument(
        "--at",
        default=PINNED_AT,
        help=f"the instant the console believes it is, ISO 8601 (default {PINNED_AT})",
    )
    parser.add_argument("--real-clock", action="store_true", help="don't pin the clock")
    parser.add_argument("--simulate", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _pin_clock(offset_s: float) -> None:
    """From now on this process's wall clock reads ``offset_s`` seconds from the real one.

    An offset rather than an instant, so the simulator child, started a minute later
    (after the seed), agrees with the window about what time it is.
    """
    import time_machine  # only this script needs it: ``make screenshots`` installs it

    now = datetime.now(UTC) + timedelta(seconds=offset_s)
    time_machine.travel(now, tick=True).start()


def _simulator_command() -> list[str]:
    """What the window runs as its demo simulator: this script, on the same pinned clock."""
    return [sys.executable, str(Path(__file__).resolve()), "--simulate"]


def _simulate() -> int:
    """``supervisor-app simulate`` on the pinned clock (the window hands over the database)."""
    _pin_clock(float(os.environ[ENV_OFFSET]))
    from supervisor_app.__main__ import main as supervisor_app

    return supervisor_app(["simulate"])


def _isolated_environment(home: Path) -> None:
    """Never the user's settings, window layout or database; no screen needed."""
    os.environ["SUPERVISOR_APP_HOME"] = str(home)
    os.environ.pop("SUPERVISOR_APP_DB", None)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def main() -> int:
    args = _arguments()
    if args.simulate:
        return _simulate()
    simulator: Callable[[], list[str]] | None = None
    if not args.real_clock:
        offset = datetime.fromisoformat(args.at).astimezone(UTC) - datetime.now(UTC)
        os.environ[ENV_OFFSET] = f"{offset.total_seconds():.3f}"
        _pin_clock(offset.total_seconds())
        simulator = _simulator_command
    with tempfile.TemporaryDirectory(prefix="supervisor-screenshots-") as home:
        _isolated_environment(Path(home))
        return take_shots(args.out.resolve(), SHOTS, simulator)


if __name__ == "__main__":
    raise SystemExit(main())
