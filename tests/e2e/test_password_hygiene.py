"""A shared database's password never lands in settings, a log, an error or a command line.

Each path where it could leak is checked with a password that appears nowhere else
(``SENTINEL``): the settings file the connect dialog writes, the log files and stderr of
real ``supervisor-app`` processes, the window's banner and title, and the argument list
of a console started from settings (``/proc/<pid>/cmdline``). Where the password must
arrive (the driver's connect parameters) it is checked that it does.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cli_runner import CliRunner
from keyring_memory import MemoryKeyring
from sqlalchemy import event
from sqlalchemy.engine import make_url

from supervisor_app.services.connection_check import SharedDatabase
from supervisor_app.store import credentials
from supervisor_app.store.engine import make_engine
from supervisor_app.store.location import settings_file
from supervisor_app.store.settings_file import save_console_database
from supervisor_app.ui.shell.connect_apply import apply_choice, restart_console
from supervisor_app.ui.shell.connect_dialog import ChoiceKind, ConnectChoice

SENTINEL = "Zq7-sentinel-pw"


def _everything_written(home: Path) -> str:
    """Every file under the test's home: settings, logs, anything else."""
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in home.rglob("*") if p.is_file()
    )


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+psycopg://root:{SENTINEL}@127.0.0.1:notaport/db",  # a typo in the port
        f"postgresql+psycopg://root:{SENTINEL}@127.0.0.1:1/db",  # nothing listening
        f"postgresql+psycopg://root:{SENTINEL}@@127.0.0.1/db",  # a doubled @
    ],
)
def test_a_bad_url_never_echoes_its_password(
    url: str, cli: CliRunner, _isolated_home: Path
) -> None:
    done = cli.on(url)("site", "list")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert SENTINEL not in done.stderr + done.stdout
    assert SENTINEL not in _everything_written(_isolated_home)


@pytest.mark.pg
def test_a_password_given_with_db_works_and_is_never_echoed(
    pg_url: str, cli: CliRunner, _isolated_home: Path
) -> None:
    with_password = make_url(pg_url).set(password=SENTINEL).render_as_string(False)
    done = cli.on(with_password)("site", "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert SENTINEL not in done.stderr + done.stdout
    assert SENTINEL not in _everything_written(_isolated_home)


def _connect_params(url: str) -> dict[str, Any]:
    """What the engine hands the driver (captured, no server needed)."""
    seen: dict[str, Any] = {}
    engine = make_engine(url)

    def capture(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        seen.update(cparams)
        raise ConnectionAbortedError("captured")  # stop before any network

    event.listen(engine, "do_connect", capture)
    with pytest.raises(Exception, match="captured"):
        engine.connect()
    engine.dispose()
    return seen


URL = "postgresql+psycopg://anna@db.example.internal:5433/cc?sslmode=require"
ACCOUNT = "anna@db.example.internal:5433/cc"


def test_the_keychain_password_reaches_the_driver(keychain: MemoryKeyring) -> None:
    keychain.set_password("supervisor-app", ACCOUNT, SENTINEL)
    params = _connect_params(URL)
    assert params["password"] == SENTINEL
    assert params["sslmode"] == "require"
    assert "statement_timeout=120000" in params["options"]


def test_pgpassword_wins_over_the_keychain(
    keychain: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PGPASSWORD is libpq's: the engine passes none, so the driver reads the variable."""
    keychain.set_password("supervisor-app", ACCOUNT, "not this one")
    monkeypatch.setenv("PGPASSWORD", SENTINEL)
    assert "password" not in _connect_params(URL)


def test_nothing_remembered_leaves_it_to_libpq(keychain: MemoryKeyring) -> None:
    """No password anywhere we keep one: libpq's .pgpass (or PGPASSWORD) decides."""
    assert "password" not in _connect_params(URL)


def _shared_choice(remember: bool) -> ConnectChoice:
    target = SharedDatabase("db.example.internal", 5433, "cc", "anna", "require")
    return ConnectChoice(ChoiceKind.SHARED, target, SENTINEL, remember=remember)


@pytest.mark.parametrize("remember", [True, False])
def test_the_settings_file_never_holds_it(
    remember: bool, keychain: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    url, _demo = apply_choice(_shared_choice(remember))
    assert url == URL
    assert SENTINEL not in settings_file().read_text(encoding="utf-8")
    assert not (tmp_path / "pgpass").exists()
    remembered = {("supervisor-app", ACCOUNT): SENTINEL} if remember else {}
    assert keychain.passwords == remembered
    assert _connect_params(URL)["password"] == SENTINEL  # this run has it either way


def test_unticking_remember_forgets_the_kept_one(keychain: MemoryKeyring) -> None:
    apply_choice(_shared_choice(True))
    apply_choice(_shared_choice(False))
    assert keychain.passwords == {}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_console_started_from_settings_has_no_password_in_its_argv(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restart after File › Connect… passes a typed password in the environment."""
    save_console_database("sqlite:///" + str(_isolated_home / "x.db"), demo=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    pid = restart_console(SENTINEL)
    assert pid is not None
    try:
        # The kernel fills a new program's arguments in just after the exec that Popen
        # waits for: on a busy machine the first read can come before and find none.
        deadline = time.monotonic() + 10
        while not (raw := Path(f"/proc/{pid}/cmdline").read_bytes()):
            assert time.monotonic() < deadline, "the console's arguments never appeared"
            time.sleep(0.01)
        cmdline = raw.split(b"\0")
        environ = Path(f"/proc/{pid}/environ").read_bytes()
    finally:
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            try:
                done, _status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                break
            if done:
                break
            time.sleep(0.05)
    assert [part.decode() for part in cmdline if part] == [
        sys.executable,
        "-m",
        "supervisor_app",
        "gui",
    ]
    assert f"PGPASSWORD={SENTINEL}".encode() in environ.split(b"\0")
    credentials.forget(ACCOUNT)
