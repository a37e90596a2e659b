"""The ``qa`` command as a user runs it: a form from TOML, an evaluation from --answer,
the list as JSON, a form edit as version 2, and one-line refusals."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database
from supervisor_app.services.setup import list_agents

FORM_TOML = """
name = "Calls"

[[sections]]
title = "Opening"
questions = [
  { key = "greet", text = "Greeted by name", weight = 1 },
  { key = "verify", text = "Verified identity", weight = 3, auto_fail = true },
]

[[sections]]
title = "Resolution"
questions = [
  { key = "solve", text = "Solved it", weight = 4 },
  { key = "tone", text = "Tone", weight = 2, type = "scale" },
]
"""


def test_qa_commands(sqlite_url: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    db = open_database(sqlite_url)
    seed_demo(db, days=2, agents=4, queues=1, seed=5, until=now)
    code = list_agents(db)[0].employee_code
    db.close()
    run = cli.on(sqlite_url)
    form = tmp_path / "calls.toml"
    form.write_text(FORM_TOML, encoding="utf-8")
    added = run("qa", "form", "add", str(form))
    assert added.returncode == 0, added.stderr
    assert "version 1, 4 questions" in added.stdout
    answers = ["--answer", "greet=partial", "--answer", "verify=yes", "--answer", "solve=no"]
    scoring = ("qa", "evaluate", "--agent", code, "--form", "Calls", *answers)
    scored = run(*scoring, "--answer", "tone=4")
    assert scored.returncode == 0, scored.stderr
    assert "50.0 %" in scored.stdout  # 0.5 + 3 + 0 + 1.5 of 10
    bad = run(*scoring, "--answer", "tone=7")
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1
    assert "'tone'" in bad.stderr and "Traceback" not in bad.stderr
    missing = run("qa", "evaluate", "--agent", code, "--form", "Nope", "--answer", "a=yes")
    assert missing.returncode != 0 and len(missing.stderr.strip().splitlines()) == 1
    form.write_text(FORM_TOML.replace("weight = 4", "weight = 1"), encoding="utf-8")
    assert "version 2" in run("qa", "form", "add", str(form)).stdout
    today = now.date()
    listed = run("qa", "list", "--from", str(today - timedelta(days=1)), "--to", str(today),
                 "--format", "json")  # fmt: skip
    rows = json.loads(listed.stdout)
    assert [(r["version"], r["score_pct"]) for r in rows if r["form"] == "Calls"] == [(1, 50.0)]
