"""The desktop bundle: its size, and its first paint against the development install's.

Measures ``dist/supervisor-console/`` as ``make package`` left it, and builds it first
(``packaging/build.sh`` with this Python, which has PyInstaller from the ``dev`` extra)
when it is missing or older than the code, so ``run.py package`` works from a clean
checkout and never measures a stale bundle. A failed build is an error, not a skipped figure.
First paint as in ``bench_startup``: ``SUPERVISOR_APP_EXIT_AFTER_PAINT=1`` makes the
window print ``first_paint <time.time()>`` on its first paint and quit; the bundle's
``supervisor-console`` and the development ``python -m supervisor_app gui`` run
interleaved on the same demo database. Targets: size <= 250 MB, ratio <= 1.2.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_startup import _environment, _first_paint_ms, _prepare_database
from figures import Figure

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "supervisor-console"
RUNS = 5


# What the bundle is made of: a change in any of these makes an older bundle stale.
SOURCES = ("supervisor_app", "resources", "packaging", "pyproject.toml")


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = path.rglob("*") if path.is_dir() else [path]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _ensure_bundle(executable: Path) -> None:
    """Build the bundle unless an up-to-date one is already in ``dist/``."""
    if executable.exists() and executable.stat().st_mtime >= _newest_source():
        return
    print("# package: building dist/supervisor-console (make package) …", file=sys.stderr)
    build = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), sys.executable],
        cwd=ROOT,
        stdout=sys.stderr,
        check=False,
    )
    if build.returncode != 0 or not executable.exists():
        raise RuntimeError(f"packaging/build.sh failed (exit {build.returncode}): no bundle")


def _size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def run() -> list[Figure]:
    executable = BUNDLE / "supervisor-console"
    _ensure_bundle(executable)
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
