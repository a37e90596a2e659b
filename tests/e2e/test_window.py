"""The whole console as a user starts it: a real process, database and simulator child."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from cli_runner import CliRunner


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads child processes from /proc")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_demo_window_stops_its_simulator_when_told_to_quit(
    cli: CliRunner, tmp_path: Path, how: int
) -> None:
    db = tmp_path / "demo.db"
    small = ["--days", "1", "--agents", "12", "--queues", "3"]
    cli.on(db)("demo", "seed", *small).check_returncode()
    window = cli.with_env(QT_QPA_PLATFORM="offscreen", SUPERVISOR_APP_DB=f"sqlite:///{db}")
    gui = window.start("gui", "--demo")
    try:
        deadline = time.monotonic() + 60
        simulators: list[int] = []
        while time.monotonic() < deadline and not simulators:
            simulators = children_of(gui.pid)
            time.sleep(0.2)
        assert simulators, "the demo window never started its simulator"
        time.sleep(1)
        gui.send_signal(how)
        _, err = gui.communicate(timeout=30)
    finally:
        if gui.poll() is None:
            gui.kill()
    assert gui.returncode == 0, err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in simulators):
        time.sleep(0.2)
    assert not any(alive(p) for p in simulators), "the simulator outlived the window"
