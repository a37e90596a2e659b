"""The desktop bundle: its size, and its first paint against the development install's.

Builds nothing: it measures ``dist/supervisor-console/`` as ``make package`` left it
(run ``make package`` first; a missing bundle is an error, not a skipped figure).
First paint as in ``bench_startup``: ``SUPERVISOR_APP_EXIT_AFTER_PAINT=1`` makes the
window print ``first_paint <time.time()>`` on its first paint and quit; the bundle's
``supervisor-console`` and the development ``python -m supervisor_app gui`` run
interleaved on the same demo database. Targets: size <= 250 MB, ratio <= 1.2.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench_startup import _environment, _first_paint_ms, _prepare_database
from figures import Figure

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "supervisor-console"
RUNS = 5


def _size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def run() -> list[Figure]:
    executable = BUNDLE / "supervisor-console"
    if not executable.exists():
        raise RuntimeError(f"no bundle at {BUNDLE}: run `make package` first")
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        home = Path(tmp)
        (home / "data").mkdir()
        env = _environment(home)
        url = f"sqlite:///{home / 'data' / 'supervisor.db'}"
        _prepare_database(url, env)
        bundle = [str(executable), "--db", url]
        venv = [sys.executable, "-m", "supervisor_app", "--db", url, "gui"]
        bundle_ms: list[float] = []
        venv_ms: list[float] = []
        for _ in range(RUNS):  # interleaved: a busy moment hits both alike
            bundle_ms.append(_first_paint_ms(bundle, env))
            venv_ms.append(_first_paint_ms(venv, env))
    first_paint = statistics.median(bundle_ms)
    development = statistics.median(venv_ms)
    return [
        Figure("package.size_mb", _size_mb(BUNDLE), "MB"),
        Figure("package.first_paint_ms", first_paint, "ms"),
        Figure("package.venv_first_paint_ms", development, "ms"),
        Figure("package.ratio_vs_venv", first_paint / development, "x"),
    ]
