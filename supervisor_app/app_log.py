"""The log file: start-up, connection changes, imports, exports and errors, rotated.

``start_logging("console")`` at the entry point (``__main__``) sends the ``supervisor_app``
loggers to ``<user log folder>/console.log`` (``supervisor-app.log`` for the command
line, so the window and its simulator child never rotate one file under each other),
five files of 2 MB at most, and points ``faulthandler`` at the same file so a hard crash
(a Qt abort, a segfault) leaves its stack there instead of vanishing with the window.

Outside the layers like ``__main__``: the ui and the cli both name the file in messages.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from supervisor_app import __version__
from supervisor_app.store.location import log_dir, redact

MAX_BYTES = 2_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(name)s: %(message)s"
log = logging.getLogger("supervisor_app")

_current: Path | None = None


class _FaultAwareHandler(RotatingFileHandler):
    """Keeps ``faulthandler`` writing to the live file after each rotation."""

    def doRollover(self) -> None:
        super().doRollover()
        if self.stream is not None:
            faulthandler.enable(self.stream, all_threads=True)


def log_file(kind: str) -> Path:
    """Where ``kind`` (``console`` or ``supervisor-app``) writes its log."""
    return log_dir() / f"{kind}.log"


def current_log_file() -> Path | None:
    """The file this process logs to, once ``start_logging`` ran; None before."""
    return _current


def start_logging(kind: str, *, level: int = logging.INFO) -> Path | None:
    """Log to the rotated file for ``kind``; returns its path (None if it can't be opened).

    A log folder that can't be created (read-only home, full disk) must not stop the
    console: it then logs to stderr only, and says so there.
    """
    global _current
    path = log_file(kind)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _FaultAwareHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        print(f"supervisor-app: no log file ({path}: {exc.strerror})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    for old in [h for h in log.handlers if isinstance(h, _FaultAwareHandler)]:
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    log.setLevel(level)
    stream = getattr(handler, "stream", None)
    if stream is not None:
        faulthandler.enable(stream, all_threads=True)
    _current = path
    log.info(
        "start: Supervisor Console %s, Python %s on %s, %s",
        __version__,
        platform.python_version(),
        platform.platform(),
        redact(" ".join(sys.argv[1:])) or kind,  # a --db URL may carry a password
    )
    return path
