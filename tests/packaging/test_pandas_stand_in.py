"""packaging/pandas_stand_in.py: the console's CP-SAT runs with it in pandas' place.

The bundle leaves pandas out (the spec's excludes) and answers OR-Tools' ``import pandas``
with the stand-in. Here the same happens in a plain Python: pandas is blocked as the
bundle has it (``sys.modules["pandas"] = None``), the hook runs, then ``schedule generate``
on a seeded demo week. packaging/smoke-test.sh does the same from the built bundle.
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

HOOK = Path(__file__).resolve().parents[2] / "packaging" / "pandas_stand_in.py"

GENERATE = r"""
import json, runpy, sys
sys.modules["pandas"] = None          # as in the bundle: no pandas to find
runpy.run_path(sys.argv[1])           # the runtime hook
import pandas
assert pandas.__file__ == sys.argv[1], pandas
sys.argv = ["supervisor-app", *sys.argv[2:]]
try:
    runpy.run_module("supervisor_app", run_name="__main__")
except SystemExit as stop:
    assert not stop.code, stop.code
"""


def test_schedule_generate_runs_with_the_stand_in(tmp_path: Path) -> None:
    env = dict(os.environ, SUPERVISOR_APP_HOME=str(tmp_path / "home"))
    env.pop("SUPERVISOR_APP_DB", None)
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    seed = ["--db", db, "demo", "seed", "--days", "2", "--agents", "12", "--queues", "3"]
    subprocess.run(
        [sys.executable, "-m", "supervisor_app", *seed, "--until", "2026-11-20"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    week = ["schedule", "generate", "--site", "London", "--week", "2026-11-16"]
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            GENERATE,
            str(HOOK),
            "--db",
            db,
            *week,
            "--time-limit",
            "3",
            "--format",
            "json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["shifts"] > 0 and result["saved"] > 0
    assert result["rule_breaks"] == 0


def test_the_stand_in_refuses_to_be_used_with_one_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    runpy.run_path(str(HOOK))
    stand_in = sys.modules["pandas"]
    assert stand_in is not None
    with pytest.raises(ModuleNotFoundError, match="pandas is not in this bundle"):
        stand_in.Series([1, 2])
    with pytest.raises(AttributeError, match=r"pandas\.DataFrame"):
        _ = stand_in.DataFrame
