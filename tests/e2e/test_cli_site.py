"""`supervisor-app site show|set` as a user runs them, on a seeded demo file."""

from __future__ import annotations

from pathlib import Path

from cli_runner import CliRunner


def test_show_then_set_the_service_level_variant(cli: CliRunner, tmp_path: Path) -> None:
    run = cli.on(tmp_path / "demo.db", home=tmp_path)
    seeded = run("demo", "seed", "--days", "1", "--agents", "4", "--queues", "1", "--sites", "1")
    assert seeded.returncode == 0, seeded.stderr
    shown = run("site", "show")
    assert shown.returncode == 0, shown.stderr
    assert "service level: offered" in shown.stdout
    changed = run("site", "set", "--service-level-variant", "answered")
    assert changed.returncode == 0, changed.stderr
    assert "service level: answered" in run("site", "show").stdout
    refused = run("site", "set", "--service-level-variant", "handled")
    assert refused.returncode == 2
    assert "--service-level-variant: Headline service level 'handled' refused" in refused.stderr
