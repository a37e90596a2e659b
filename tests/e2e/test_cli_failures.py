"""The command line never shows a traceback: a known failure is one line, a bug one line
with the log file's path, and each exits non-zero."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from cli_runner import CliRunner

from supervisor_app.cli.main import EXIT_BUG, parse, run

STAFFING = ("staffing", "--calls", "100", "--aht", "180", "--interval", "30")
STAFFING += ("--target-sl", "0.8", "--target-time", "20")


def test_an_unexpected_error_is_one_line_naming_the_log_file(
    cli: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "odd.db"
    home = tmp_path / "home"
    # A database whose contacts table is not ours: the command meets something no
    # check anticipated, a bug as far as the user can tell.
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('0007_site_service_level_variant')")
    result = cli.on(db, home=home)("kpi", "--from", "2026-11-01", "--to", "2026-11-02")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    log = home / "logs" / "supervisor-app.log"
    if result.returncode == EXIT_BUG:
        assert lines[0].startswith("supervisor-app: unexpected error (")
        assert str(log) in lines[0]
        assert "Traceback" in log.read_text(encoding="utf-8")
    else:  # the database layer explained it: still one plain line
        assert lines[0].startswith("supervisor-app: error: ")
    assert log.exists()


def test_disk_full_on_the_command_line_is_one_plain_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import supervisor_app.cli.main as main

    def boom(_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", "/data/out.xlsx")

    args = parse(list(STAFFING))
    monkeypatch.setattr(main, "_build", lambda: (None, {(args.command, None): boom}))
    assert run(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "supervisor-app: error: The disk is full: /data/out.xlsx could not be written. "
        "Free some space or choose another folder, then try again. "
        "The previous file, if any, is unchanged."
    ]


def test_a_bug_in_process_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import supervisor_app.cli.main as main

    def bug(_args: object) -> int:
        raise KeyError("queue_id")

    args = parse(list(STAFFING))
    monkeypatch.setattr(main, "_build", lambda: (None, {(args.command, None): bug}))
    assert run(args) == EXIT_BUG
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("supervisor-app: unexpected error (KeyError: 'queue_id'); ")
    assert "the details are in " in err[0]


def test_a_hard_crash_leaves_its_trace_in_the_log_file(tmp_path: Path) -> None:
    """faulthandler writes to the log: a segfault (as a Qt abort would be) is not lost."""
    import subprocess
    import sys

    script = (
        "import faulthandler\n"
        "from supervisor_app.app_log import start_logging\n"
        "print(start_logging('console'), flush=True)\n"
        "faulthandler._sigsegv()\n"
    )
    env = {"SUPERVISOR_APP_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode != 0
    log = tmp_path / "logs" / "console.log"
    assert done.stdout.strip() == str(log)
    text = log.read_text(encoding="utf-8")
    assert " INFO    " in text and "start: Supervisor Console" in text
    assert "Fatal Python error: Segmentation fault" in text


def test_the_log_rotates_and_faulthandler_follows(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import faulthandler, logging\n"
        "from supervisor_app import app_log\n"
        "app_log.MAX_BYTES = 2_000\n"
        "app_log.start_logging('supervisor-app')\n"
        "for i in range(200): logging.getLogger('supervisor_app.test').info('line %d', i)\n"
        "faulthandler._sigsegv()\n"
    )
    env = {"SUPERVISOR_APP_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=60)
    logs = tmp_path / "logs"
    names = sorted(p.name for p in logs.iterdir())
    # Five old files at most beside the live one (BACKUPS = 5).
    assert names == ["supervisor-app.log"] + [f"supervisor-app.log.{n}" for n in range(1, 6)]
    assert "Fatal Python error" in (logs / "supervisor-app.log").read_text(encoding="utf-8")
