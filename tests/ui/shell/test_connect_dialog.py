"""The first-run wizard's three ways in, and "Test connection" against a real PostgreSQL.

Each failure message is checked against what the server really answers (CI runs
PostgreSQL); "wrong password" needs password authentication, which the test server
(trust) never asks for, so the driver's own text for it is classified in a unit test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring_memory import MemoryKeyring
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from supervisor_app.services.connection_check import (
    Outcome,
    SharedDatabase,
    check_shared_database,
    classify,
)
from supervisor_app.services.database import upgrade_database
from supervisor_app.store import migrate
from supervisor_app.store.location import default_database_url, settings_file
from supervisor_app.store.settings_file import (
    console_runs_demo,
    database_configured,
    read_settings,
)
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.shell.connect_apply import apply_choice
from supervisor_app.ui.shell.connect_dialog import ChoiceKind, ConnectDialog


@pytest.fixture
def dialog(qtbot: QtBot, workers: Workers) -> ConnectDialog:
    d = ConnectDialog(workers, first_run=True)
    qtbot.addWidget(d)
    d.show()
    return d


def test_try_the_demo_saves_a_local_demo_database(qtbot: QtBot, dialog: ConnectDialog) -> None:
    assert not database_configured(None)  # a fresh home: this is a first run
    with qtbot.waitSignal(dialog.accepted):
        dialog.demo_button.click()
    assert dialog.choice is not None and dialog.choice.kind is ChoiceKind.DEMO
    url, demo = apply_choice(dialog.choice)
    assert (url, demo) == (default_database_url(), True)
    assert read_settings()["database"]["url"] == default_database_url()
    assert console_runs_demo() and database_configured(None)


def test_an_empty_local_database_is_saved_without_the_demo(
    qtbot: QtBot, dialog: ConnectDialog
) -> None:
    with qtbot.waitSignal(dialog.accepted):
        dialog.local_button.click()
    assert dialog.choice is not None and dialog.choice.kind is ChoiceKind.LOCAL
    assert apply_choice(dialog.choice) == (default_database_url(), False)
    assert not console_runs_demo()


def test_settings_written_by_hand_are_kept(qtbot: QtBot, dialog: ConnectDialog) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[reports]\nfolder = "/srv/reports"\n', encoding="utf-8")
    with qtbot.waitSignal(dialog.accepted):
        dialog.local_button.click()
    assert dialog.choice is not None
    apply_choice(dialog.choice)
    assert read_settings()["reports"] == {"folder": "/srv/reports"}


def _fill(dialog: ConnectDialog, url: str, **override: object) -> None:
    parsed = make_url(url)
    values = {
        "host": parsed.host or "127.0.0.1",
        "port": parsed.port or 5432,
        "database": parsed.database or "",
        "user": parsed.username or "",
    } | override
    dialog.shared_button.click()
    dialog.host.setText(str(values["host"]))
    dialog.port.setValue(int(values["port"]))  # type: ignore[call-overload]
    dialog.database.setText(str(values["database"]))
    dialog.user.setText(str(values["user"]))
    dialog.tls.setCurrentIndex(dialog.tls.findData("disable"))


def _test(qtbot: QtBot, dialog: ConnectDialog) -> str:
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=20_000)
    return dialog.result.text()


def _stamp(url: str, revision: str) -> None:
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


@pytest.mark.pg
def test_a_shared_database_that_answers_is_saved_without_its_password(
    qtbot: QtBot,
    dialog: ConnectDialog,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    keychain: MemoryKeyring,
) -> None:
    _fill(dialog, pg_url)  # pg_url is migrated to head, as by its owner
    assert not dialog.connect_button.isEnabled()  # not before a successful test
    dialog.password.setText("s3cret:pass")
    dialog.remember.setChecked(True)
    result = _test(qtbot, dialog)
    parsed = make_url(pg_url)
    assert result == f"Connected to {parsed.database} on {parsed.host}:{parsed.port}."
    assert dialog.connect_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.connect_button.click()
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    assert dialog.choice is not None
    url, demo = apply_choice(dialog.choice)
    assert not demo and "s3cret" not in url and "s3cret" not in settings_file().read_text()
    assert url.startswith(f"postgresql+psycopg://{parsed.username}@{parsed.host}:")
    account = f"{parsed.username}@{parsed.host}:{parsed.port}/{parsed.database}"
    assert keychain.passwords == {("supervisor-app", account): "s3cret:pass"}
    assert not (tmp_path / "pgpass").exists()  # the keychain, not the password file


@pytest.mark.pg
def test_changing_a_field_after_a_test_asks_for_a_new_one(
    qtbot: QtBot, dialog: ConnectDialog, pg_url: str
) -> None:
    _fill(dialog, pg_url)
    _test(qtbot, dialog)
    assert dialog.connect_button.isEnabled()
    dialog.database.setText("another")
    assert not dialog.connect_button.isEnabled()


@pytest.mark.pg
@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unreachable", "Can't reach a database server at 127.0.0.1:1: check the server name"),
        ("no database", "The server {where} has no database no_such_db_sc: check the name"),
        ("no user", "The server {where} has no user nobody_sc_test: check the name"),
        ("empty", "{db} on {where} has no Supervisor Console tables yet"),
        ("too old", "{db} is at schema {old}, older than this console ({head})"),
        ("too new", "{db} is at schema 9999_from_the_future, newer than this console ({head})"),
    ],
)
def test_each_failure_is_said_precisely(
    qtbot: QtBot, dialog: ConnectDialog, pg_empty_url: str, case: str, expected: str
) -> None:
    pg_url = pg_empty_url
    parsed = make_url(pg_url)
    head = migrate.head_revision()
    old = next(r.down_revision for r in _revisions() if r.revision == head)
    if case not in ("empty",):
        upgrade_database(pg_url)
    override: dict[str, object] = {
        "unreachable": {"host": "127.0.0.1", "port": 1},
        "no database": {"database": "no_such_db_sc"},
        "no user": {"user": "nobody_sc_test"},
    }.get(case, {})
    if case == "too old":
        _stamp(pg_url, str(old))
    if case == "too new":
        _stamp(pg_url, "9999_from_the_future")
    _fill(dialog, pg_url, **override)
    message = _test(qtbot, dialog)
    where = f"{parsed.host}:{parsed.port}"
    assert message.startswith(
        expected.format(where=where, db=parsed.database, old=old, head=head)
    ), message
    assert not dialog.connect_button.isEnabled()


def _revisions() -> list:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions())


def test_a_missing_field_is_named_and_nothing_is_tried(dialog: ConnectDialog) -> None:
    dialog.shared_button.click()
    dialog.host.setText("db.example.internal")
    dialog.database.clear()
    dialog.test_button.click()
    assert dialog.result.text() == "Enter the database name."
    assert dialog.database.hasFocus() or not dialog.isActiveWindow()


TARGET = SharedDatabase("db.example.internal", 5432, "contact_center", "maria")


@pytest.mark.parametrize(
    ("driver_text", "outcome", "start"),
    [
        (
            'connection failed: FATAL:  password authentication failed for user "maria"',
            Outcome.WRONG_PASSWORD,
            "Wrong password for user maria on db.example.internal:5432",
        ),
        (
            "connection failed: fe_sendauth: no password supplied",
            Outcome.WRONG_PASSWORD,
            "The server db.example.internal:5432 wants a password for user maria",
        ),
        (
            "connection failed: server does not support SSL, but SSL was required",
            Outcome.TLS,
            "The secure connection to db.example.internal:5432 failed",
        ),
        (
            'could not translate host name "db.example.internal" to address',
            Outcome.UNREACHABLE,
            "Can't reach a database server at db.example.internal:5432",
        ),
    ],
)
def test_driver_texts_are_classified(driver_text: str, outcome: Outcome, start: str) -> None:
    result = classify(TARGET, driver_text)
    assert result.outcome is outcome
    assert result.message.startswith(start)


def test_the_url_never_carries_a_password_and_names_the_tls_mode() -> None:
    target = SharedDatabase("db.example.internal", 5433, "cc db", "ma@ria", "require")
    assert target.url() == (
        "postgresql+psycopg://ma%40ria@db.example.internal:5433/cc%20db?sslmode=require"
    )


def test_check_refuses_an_unreachable_server_quickly() -> None:
    result = check_shared_database(SharedDatabase("127.0.0.1", 1, "x", "y", "disable"), None)
    assert result.outcome is Outcome.UNREACHABLE


def _login_dialog(qtbot: QtBot, workers: Workers, checker: object) -> ConnectDialog:
    d = ConnectDialog(workers, first_run=False, checker=checker)  # type: ignore[arg-type]
    qtbot.addWidget(d)
    d.login(SharedDatabase("db.example.internal", 5432, "cc", "anna", "require"), "Log in.")
    d.show()
    return d


def test_the_login_dialog_says_a_wrong_password_plainly(qtbot: QtBot, workers: Workers) -> None:
    """libpq's own words for a refused password (the test server trusts everyone)."""
    driver = 'connection failed: FATAL:  password authentication failed for user "anna"'
    seen: list[str | None] = []

    def checker(target: SharedDatabase, password: str | None):
        seen.append(password)
        return classify(target, driver)

    d = _login_dialog(qtbot, workers, checker)
    assert (d.windowTitle(), d.host.text(), d.user.text()) == (
        "Log in",
        "db.example.internal",
        "anna",
    )
    d.password.setText("typo")
    assert _test(qtbot, d) == (
        "Wrong password for user anna on db.example.internal:5432: check it and try again."
    )
    assert seen == ["typo"] and not d.connect_button.isEnabled()


@pytest.mark.pg
def test_a_good_login_remembered_goes_to_the_keychain_not_the_settings(
    qtbot: QtBot, dialog: ConnectDialog, pg_url: str, keychain: MemoryKeyring
) -> None:
    _fill(dialog, pg_url)
    dialog.password.setText("good-pw")
    dialog.remember.setChecked(True)
    assert _test(qtbot, dialog).startswith("Connected to ")
    with qtbot.waitSignal(dialog.accepted):
        dialog.connect_button.click()
    assert dialog.choice is not None and dialog.choice.remember
    apply_choice(dialog.choice)
    assert list(keychain.passwords.values()) == ["good-pw"]
    assert "good-pw" not in settings_file().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("host", "tls", "warned"),
    [
        ("db.example.internal", "disable", True),
        ("db.example.internal", "prefer", True),
        ("db.example.internal", "require", False),
        ("db.example.internal", "verify-full", False),
        ("localhost", "disable", False),
        ("127.0.0.1", "prefer", False),
    ],
)
def test_tls_off_to_another_machine_is_warned(
    dialog: ConnectDialog, host: str, tls: str, warned: bool
) -> None:
    dialog.shared_button.click()
    dialog.host.setText(host)
    dialog.tls.setCurrentIndex(dialog.tls.findData(tls))
    assert dialog.tls_warning.isVisible() is warned
    assert dialog.ca_file.isEnabled() is (tls == "verify-full")


def test_verify_full_names_the_ca_file_in_the_url(dialog: ConnectDialog) -> None:
    dialog.shared_button.click()
    dialog.host.setText("db.example.internal")
    dialog.user.setText("anna")
    dialog.tls.setCurrentIndex(dialog.tls.findData("verify-full"))
    dialog.ca_file.setText("/etc/ssl/cc-root.crt")
    target = dialog.target()
    assert target is not None
    assert target.url() == (
        "postgresql+psycopg://anna@db.example.internal:5432/contact_center"
        "?sslmode=verify-full&sslrootcert=/etc/ssl/cc-root.crt"
    )
    assert SharedDatabase.from_url(target.url()) == target
