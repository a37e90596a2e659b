"""Running ``supervisor-app`` in a test: one runner, handed out by the ``cli`` fixture.

``cli("--help")`` runs the real program as a user does, a child process of this
Python with its output captured; ``cli.start(...)`` leaves a long-running one
(``simulate``, ``--follow``) to the test; ``cli.in_process(...)`` calls the
parser and handler here, for tests that read ``capsys`` or use a fixture's
database. ``cli.on(db, home=...)`` binds ``--db`` and, for fixtures that outlive
one test, a settings folder of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

COMMAND = (sys.executable, "-m", "supervisor_app")
TIMEOUT = 300.0  # seconds; seeding a demo is slow on a busy machine


@dataclass(frozen=True)
class CliRunner:
    db: str | None = None  # passed as ``--db`` before the command
    # A SUPERVISOR_APP_HOME of its own (and no SUPERVISOR_APP_DB): module-scoped fixtures
    # run before the per-test isolated home is in place.
    home: Path | None = None
    env: Mapping[str, str] = field(default_factory=dict)

    def on(self, db: Path | str, *, home: Path | None = None) -> CliRunner:
        return replace(self, db=str(db), home=home)

    def with_env(self, **variables: str) -> CliRunner:
        return replace(self, env={**self.env, **variables})

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self._argv(args),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=self._environment(),
        )

    def start(self, *args: str) -> subprocess.Popen[str]:
        """The command running in the background; the test stops it and reads its output."""
        return subprocess.Popen(
            self._argv(args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self._environment(),
        )

    def in_process(self, *args: str) -> int:
        """The exit code of ``main.run``; output goes to this process (``capsys``)."""
        from supervisor_app.cli.main import parse, run

        return run(parse([*self._db_option(), *args]))

    def _argv(self, args: Sequence[str]) -> list[str]:
        return [*COMMAND, *self._db_option(), *args]

    def _db_option(self) -> list[str]:
        return [] if self.db is None else ["--db", self.db]

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.home is not None:
            env["SUPERVISOR_APP_HOME"] = str(self.home)
            env.pop("SUPERVISOR_APP_DB", None)
        return {**env, **self.env}


SeededDemo = Callable[..., CliRunner]  # the ``seeded_demo`` fixture of ``tests/e2e``
