"""The benchmark runner: each group in a process of its own, a missing comparator an error.

The runner is copied beside stand-in groups in a temporary folder, so these tests
run it as ``make bench`` does without building any benchmark database.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"

GROUP = """\
import os
from figures import Figure

def run():
    {body}
    return [Figure("{name}.pid", os.getpid(), "pid")]
"""


def _bench_folder(tmp_path: Path, groups: dict[str, str]) -> Path:
    for name in ("run.py", "figures.py"):
        shutil.copy(BENCH / name, tmp_path / name)
    for group, body in groups.items():
        (tmp_path / f"bench_{group}.py").write_text(GROUP.format(name=group, body=body))
    return tmp_path / "run.py"


def _run(runner: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(runner), *args], capture_output=True, text=True, timeout=120
    )


def test_each_group_runs_in_a_process_of_its_own(tmp_path: Path) -> None:
    runner = _bench_folder(tmp_path, {"seed": "pass", "live": "pass"})
    done = _run(runner, "seed", "live", "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.splitlines()[-1])
    assert set(figures) == {"seed.pid", "live.pid"}
    assert figures["seed.pid"] != figures["live.pid"]


def test_a_group_that_fails_fails_the_run_and_the_others_still_run(tmp_path: Path) -> None:
    runner = _bench_folder(tmp_path, {"seed": "raise RuntimeError('broken')", "live": "pass"})
    done = _run(runner, "seed", "live")
    assert done.returncode == 1
    assert [line.split()[0] for line in done.stdout.splitlines()] == ["live.pid"]
    assert "bench: group(s) seed failed" in done.stderr


def test_a_missing_comparator_is_an_error_that_names_make_bench(tmp_path: Path) -> None:
    runner = _bench_folder(tmp_path, {"staffing": "pass"})
    source = runner.read_text()
    runner.write_text(source.replace('("pyworkforce",)', '("no_such_comparator_pkg",)'))
    done = _run(runner, "staffing")
    assert done.returncode == 2
    assert done.stdout == ""  # the group never started
    assert done.stderr.strip() == (
        "bench: group staffing needs no_such_comparator_pkg, which is not installed: "
        "run `make bench`"
    )
