"""``training`` from the command line: courses, completions, who is due, refusals."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from cli_runner import CliRunner

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database


@pytest.fixture(scope="module")
def demo(cli: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> CliRunner:
    folder = tmp_path_factory.mktemp("training")
    (folder / "home").mkdir()
    db = open_database(f"sqlite:///{folder / 't.db'}")
    seed_demo(
        db,
        days=3,
        agents=10,
        queues=3,
        seed=2,
        until=datetime(2026, 12, 7, tzinfo=UTC),
        training=False,  # these tests build their own record
    )
    db.close()
    return cli.on(folder / "t.db", home=folder / "home")


def test_a_course_a_completion_and_the_due_list(demo: CliRunner) -> None:
    added = demo("training", "course", "add", "Card payments", "--valid-days", "365",
                 "--requires", "Support voice")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "holds 365 days; required by Support voice" in added.stdout
    courses = json.loads(demo("training", "course", "list", "--format", "json").stdout)
    assert courses == [{"name": "Card payments", "valid_days": 365, "required_by": "Support voice"}]
    due = json.loads(demo("training", "due", "--today", "2026-12-07", "--format", "json").stdout)
    code = due[0]["employee_code"]
    done = demo("training", "complete", code, "card payments", "--on", "2026-11-01")
    assert done.returncode == 0, done.stderr
    assert "holds until 2027-11-01" in done.stdout
    after = json.loads(demo("training", "due", "--today", "2026-12-07", "--format", "json").stdout)
    assert code not in {d["employee_code"] for d in after}
    assert len(after) == len(due) - 1


def test_unknown_names_and_a_taken_name_are_one_line(demo: CliRunner) -> None:
    unknown = demo("training", "complete", "NOPE", "Card payments")
    assert unknown.returncode == 2 and "no agent with employee code 'NOPE'" in unknown.stderr
    queue = demo("training", "course", "add", "X", "--requires", "Nowhere")
    assert queue.returncode == 2 and "no queue 'Nowhere'" in queue.stderr
    demo("training", "course", "add", "Twice")
    again = demo("training", "course", "add", "Twice")
    assert again.returncode == 1 and "exists already" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
