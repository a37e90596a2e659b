"""Commands that run until told to stop (``simulate``, ``import queue-log --follow``)."""

from __future__ import annotations

import signal
import threading
from types import FrameType


def stop_on_signals() -> threading.Event:
    """An event that SIGTERM (a service manager) or SIGINT (Ctrl+C) sets.

    The command polls it and returns on its own, so a stop is an ordinary exit 0,
    not a ``KeyboardInterrupt`` torn through the middle of a write.
    """
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    return stop
