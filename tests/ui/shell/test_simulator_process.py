"""The simulator child process: started, reported when it dies, stopped when the window closes."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.ui.shell import MainWindow
from supervisor_app.ui.shell.demo import DemoPlan
from supervisor_app.ui.shell.simulator_process import ENV_DB, SimulatorProcess, simulator_command

IGNORES_SIGTERM = [
    sys.executable,
    "-c",
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "print('ready', file=sys.stderr, flush=True)\n"
    "time.sleep(60)",
]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def processes() -> Iterator[list[SimulatorProcess]]:
    made: list[SimulatorProcess] = []
    yield made
    for process in made:
        process.stop(timeout_s=0.5)
        assert not process.is_running()


def start(
    qtbot: QtBot, made: list[SimulatorProcess], argv: list[str], **kw: object
) -> SimulatorProcess:
    process = SimulatorProcess(argv, **kw)  # type: ignore[arg-type]
    made.append(process)
    with qtbot.waitSignal(process.started, timeout=10_000):
        process.start()
    return process


def test_the_command_is_the_simulate_subcommand_with_the_url_kept_off_it() -> None:
    assert simulator_command() == [sys.executable, "-m", "supervisor_app", "simulate"]


def test_stop_terminates_a_running_child(
    qtbot: QtBot, processes: list[SimulatorProcess], sleeper: list[str]
) -> None:
    process = start(qtbot, processes, sleeper)
    exits: list[str] = []
    process.exited.connect(exits.append)
    pid = process.pid()
    assert pid and process.is_running()
    begun = time.monotonic()
    process.stop()
    assert time.monotonic() - begun < 3
    assert not process.is_running() and gone(pid)
    qtbot.wait(20)
    assert exits == []  # we stopped it: not news


def test_a_child_that_ignores_sigterm_is_killed_after_the_timeout(
    qtbot: QtBot, processes: list[SimulatorProcess]
) -> None:
    process = start(qtbot, processes, IGNORES_SIGTERM)
    qtbot.waitUntil(lambda: process.stderr_tail() == ["ready"], timeout=10_000)
    pid = process.pid()
    assert pid
    begun = time.monotonic()
    process.stop(timeout_s=0.5)
    assert 0.4 < time.monotonic() - begun < 5
    assert gone(pid)


def test_a_child_dying_on_its_own_is_reported_with_its_last_words(
    qtbot: QtBot, processes: list[SimulatorProcess]
) -> None:
    argv = [
        sys.executable,
        "-c",
        f"import os, sys; sys.exit('no database in ' + os.environ['{ENV_DB}'])",
    ]
    process = SimulatorProcess(argv, env={ENV_DB: "sqlite:///demo.db"})
    processes.append(process)
    with qtbot.waitSignal(process.exited, timeout=10_000) as blocker:
        process.start()
    assert blocker.args == ["simulator exited with code 1: no database in sqlite:///demo.db"]


def test_a_missing_program_is_reported(qtbot: QtBot, processes: list[SimulatorProcess]) -> None:
    process = SimulatorProcess(["/nonexistent/simulator-binary"])
    processes.append(process)
    with qtbot.waitSignal(process.exited, timeout=10_000) as blocker:
        process.start()
    assert blocker.args[0].startswith("simulator failed to start")


def add_one_contact(url: str) -> None:
    """Just enough history for ``has_demo_data``: a site with a queue and one contact."""
    from datetime import UTC, datetime

    from supervisor_app.domain.enums import Channel
    from supervisor_app.services.database import open_database
    from supervisor_app.store.models import Contact, Queue, Site

    db = open_database(url)
    try:
        with db.sessions.begin() as session:
            site = Site(name="Lyon", timezone="Europe/Paris")
            queue = Queue(site=site, name="Billing", channel=Channel.VOICE)
            session.add(
                Contact(queue=queue, source="test", external_id="c1", arrived_at=datetime.now(UTC))
            )
    finally:
        db.close()


def test_demo_with_existing_data_starts_the_simulator_and_close_stops_it(
    make_window: Callable[..., MainWindow],
    sqlite_url: str,
    sleeper: list[str],
    qtbot: QtBot,
) -> None:
    add_one_contact(sqlite_url)
    window = make_window(sqlite_url, demo=DemoPlan(days=1), simulator=lambda: sleeper)
    assert window.demo is not None
    with qtbot.waitSignal(window.demo.simulator_started, timeout=20_000):
        pass
    simulator = window.demo.simulator
    assert simulator is not None
    pid = simulator.pid()
    assert pid and window.status.simulator_text() == "simulator running"
    assert not window.status.progress_visible()  # nothing was seeded
    window.close()
    assert not simulator.is_running() and gone(pid)
