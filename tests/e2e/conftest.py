"""Demo files for the command-line tests, each seeded by the ``demo seed`` command itself."""

from __future__ import annotations

import pytest
from cli_runner import CliRunner, SeededDemo


@pytest.fixture(scope="session")
def seeded_demo(cli: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> SeededDemo:
    """``seeded_demo("--days", "3", …)``: the command bound to a new demo file seeded with
    those arguments, and to a settings folder of its own."""

    def seed(*args: str) -> CliRunner:
        folder = tmp_path_factory.mktemp("demo")
        home, db = folder / "home", folder / "demo.db"
        home.mkdir()
        demo = cli.on(db, home=home)
        seeded = demo("demo", "seed", *args)
        assert seeded.returncode == 0, seeded.stderr
        return demo

    return seed


@pytest.fixture(scope="session")
def demo(seeded_demo: SeededDemo) -> CliRunner:
    """Three simulated days, 17–19 November 2026 (one site, 12 agents, 3 queues), which the `kpi`
    and `export` tests only read. A module that needs another history defines its own."""
    return seeded_demo(
        "--days", "3", "--agents", "12", "--queues", "3", "--until", "2026-11-20", "--sites", "1"
    )
