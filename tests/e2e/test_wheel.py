"""The wheel carries what ``resources/`` holds: installed in a fresh virtual environment,
away from the checkout, it imports the Anonymous Bank file with ``--mapping anonymous_bank``.

The wheel is built from this checkout (``pip wheel``) and installed without its
dependencies; they come from this test's own environment through a ``.pth`` line, so
the test needs no network and the package itself can only come from the wheel.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "tests" / "data" / "shared" / "anonymous_bank" / "data_anonymous_bank_february.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [built] = out.glob("supervisor_console-*.whl")
    return built


def test_the_wheel_holds_the_resources_and_the_guide(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "supervisor_app/resources/mappings/anonymous_bank.toml",
        "supervisor_app/resources/style.qss",
        "supervisor_app/resources/icons/live.svg",
        "supervisor_app/resources/user-guide/index.md",
        "supervisor_app/store/migrations/env.py",
    ):
        assert name in names, f"{name} is not in the wheel"


def test_an_installed_wheel_imports_with_a_shipped_mapping(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The dependencies from this environment, after the wheel's own folder on sys.path.
    (target / "zz_dependencies.pth").write_text(
        "\n".join(p for p in site.getsitepackages() if "site-packages" in p) + "\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SUPERVISOR_APP_DB")}
    env["SUPERVISOR_APP_HOME"] = str(tmp_path / "home")
    where = subprocess.run(
        [str(python), "-c", "import supervisor_app; print(supervisor_app.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    ).stdout.strip()
    assert where.startswith(str(target)), f"imported from {where}, not from the wheel"
    db = f"sqlite:///{tmp_path / 'bank.db'}"
    run = subprocess.run(
        [
            str(python),
            "-m",
            "supervisor_app",
            "--db",
            db,
            "import",
            "contacts",
            str(BANK),
            "--mapping",
            "anonymous_bank",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
