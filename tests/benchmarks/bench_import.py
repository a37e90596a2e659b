"""The ``import`` group: Asterisk queue_log and contact-file imports, each in its own module."""

from __future__ import annotations

import importlib
from pathlib import Path

from figures import Figure

HERE = Path(__file__).resolve().parent
PARTS = ("bench_import_queue_log", "bench_import_files")


def run() -> list[Figure]:
    figures: list[Figure] = []
    for part in PARTS:
        if (HERE / f"{part}.py").exists():
            figures.extend(importlib.import_module(part).run())
    return figures
