"""The lock files agree with pyproject.toml, and the check that says so catches a stale one."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
DEV_LOCK = (ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8")


def _load_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_lock", ROOT / "packaging" / "check_lock.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _load_check()


def test_the_committed_locks_agree_with_pyproject() -> None:
    assert check.main(ROOT) == 0
    assert sorted(p.name for p in (ROOT / "requirements").glob("*.lock")) == [
        "dev-bench.lock",
        "dev.lock",
    ]


def test_every_locked_package_has_hashes() -> None:
    entries = DEV_LOCK.split("\n")
    pins = [i for i, line in enumerate(entries) if "==" in line and not line.startswith(" ")]
    assert pins and all("--hash=sha256:" in entries[i + 1] for i in pins)


def test_a_package_added_to_pyproject_is_reported() -> None:
    stale = PYPROJECT.replace('"numpy>=1.26",', '"numpy>=1.26",\n    "requests>=2.0",')
    assert check.problems(stale, DEV_LOCK, ["dev"]) == [
        "requests is asked for (requests>=2.0) but not locked"
    ]


def test_a_range_the_pin_leaves_is_reported() -> None:
    stale = PYPROJECT.replace('"numpy>=1.26",', '"numpy>=99",')
    (line,) = check.problems(stale, DEV_LOCK, ["dev"])
    assert line.startswith("numpy==") and line.endswith("is locked but numpy>=99 is asked for")


def test_a_package_dropped_from_pyproject_is_reported() -> None:
    stale = PYPROJECT.replace('    "lxml>=5.0",\n', "")
    assert check.problems(stale, DEV_LOCK, ["dev"]) == [
        "lxml is locked as the project's own but no longer asked for"
    ]


def test_the_test_extra_is_followed_through_dev() -> None:
    stale = PYPROJECT.replace('"pytest-qt>=4.4",', '"pytest-qt>=4.4",\n    "pytest-xdist>=3",')
    assert check.problems(stale, DEV_LOCK, ["dev"]) == [
        "pytest-xdist is asked for (pytest-xdist>=3) but not locked"
    ]


@pytest.mark.parametrize(
    ("version", "allowed"),
    [("6.11.3", True), ("6.12.0", False), ("6.12.0.1", False), ("6.12.1", True), ("6.8", False)],
)
def test_pyside6_skips_every_6_12_0_build(version: str, allowed: bool) -> None:
    deps = tomllib.loads(PYPROJECT)["project"]["dependencies"]
    (pyside,) = (Requirement(d) for d in deps if d.startswith("PySide6"))
    assert pyside.specifier.contains(version) is allowed
