"""`supervisor-app site show|set` as a user runs them, on a seeded demo file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli(home: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPERVISOR_APP_HOME": str(home)}
    env.pop("SUPERVISOR_APP_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_show_then_set_the_service_level_variant(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    seeded = cli(tmp_path, db, "demo", "seed", "--days", "1", "--agents", "4", "--queues", "1")
    assert seeded.returncode == 0, seeded.stderr
    shown = cli(tmp_path, db, "site", "show")
    assert shown.returncode == 0, shown.stderr
    assert "service level: offered" in shown.stdout
    changed = cli(tmp_path, db, "site", "set", "--service-level-variant", "answered")
    assert changed.returncode == 0, changed.stderr
    assert "service level: answered" in cli(tmp_path, db, "site", "show").stdout
    refused = cli(tmp_path, db, "site", "set", "--service-level-variant", "handled")
    assert refused.returncode == 2
    assert "invalid choice: 'handled'" in refused.stderr
