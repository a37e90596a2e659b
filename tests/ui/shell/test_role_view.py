"""The window as each role sees it, on the real PostgreSQL, and a refusal in plain words.

Login roles are members of the ``sc_*`` group roles (``tests/pg_roles.py``); the status
bar names the login and its role, and the commands a role may not use are not shown
(issue 14: a director has no Publish, no Save, no Setup, no Import and no escalation
commands; a supervisor no Setup and no Publish; a planner no Setup, Import or escalation
commands; an admin Setup only: each what the database's grants allow). Issue 18: the
Analytics drill-down's Evaluate… for supervisors and admins, who write evaluations.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cli_runner import CliRunner
from pg_roles import as_login, logins
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from supervisor_app.domain.errors import LoginNeeded, SchemaMismatch
from supervisor_app.ui.common.error_display import CrashDialog
from supervisor_app.ui.shell import MainWindow

MakeWindow = Callable[..., MainWindow]
Settle = Callable[[MainWindow], str]

pg = pytest.mark.pg


def _crash_dialogs() -> list[CrashDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]


def _shown(window: MainWindow) -> dict[str, bool]:
    page = window.schedules.ensure()
    analytics = window.analytics.ensure()
    actions = window.actions_by_name
    escalations = window.live.extras.escalations  # type: ignore[attr-defined]
    return {
        "escalate": escalations.raise_action.isVisible(),
        "setup": actions["setup"].isVisible(),
        "import": actions["import"].isVisible(),
        "save": page.toolbar.save.isVisible(),
        "publish": page.toolbar.publish.isVisible(),
        "evaluate": analytics.may_evaluate,  # the drill-down's Evaluate…
    }


@pg
@pytest.mark.parametrize(
    ("group", "role", "expected"),
    [
        ("sc_director", "director",
         dict(setup=0, import_=0, save=0, publish=0, escalate=0, evaluate=0)),
        ("sc_supervisor", "supervisor",
         dict(setup=0, import_=0, save=0, publish=0, escalate=1, evaluate=1)),
        ("sc_planner", "planner",
         dict(setup=0, import_=0, save=1, publish=1, escalate=0, evaluate=0)),
        ("sc_admin", "admin",
         dict(setup=1, import_=0, save=0, publish=0, escalate=0, evaluate=1)),
    ],
)  # fmt: skip
def test_the_window_shows_what_the_role_may_do(
    qtbot: QtBot,
    make_window: MakeWindow,
    settle: Settle,
    pg_url: str,
    group: str,
    role: str,
    expected: dict[str, int],
) -> None:
    with logins(pg_url, group) as made:
        window = make_window(as_login(pg_url, made[group]))
        assert settle(window) == "connected", window.banner.message()
        qtbot.waitUntil(lambda: window.status.identity_text() != "")
        assert window.status.identity_text() == f"{made[group]} · {role}"
        want = {("import" if k == "import_" else k): bool(v) for k, v in expected.items()}
        qtbot.waitUntil(lambda: window.actions_by_name["import"].isVisible() == want["import"])
        qtbot.waitUntil(lambda: window.live.extras.escalations is not None)  # type: ignore[attr-defined]
        assert _shown(window) == want
        window.close()


def test_a_local_file_is_a_single_user_who_sees_everything(
    qtbot: QtBot, make_window: MakeWindow, settle: Settle, sqlite_url: str
) -> None:
    window = make_window(sqlite_url)
    assert settle(window) == "connected"
    qtbot.waitUntil(lambda: window.status.identity_text() != "")
    assert window.status.identity_text() == "local file · single user"
    qtbot.waitUntil(lambda: window.actions_by_name["setup"].isEnabled())
    qtbot.waitUntil(lambda: window.live.extras.escalations is not None)  # type: ignore[attr-defined]
    assert _shown(window) == dict(
        setup=True, save=True, publish=True, escalate=True, evaluate=True, **{"import": True}
    )


@pg
def test_a_refusal_is_one_line_naming_the_role_never_a_crash(
    qtbot: QtBot, make_window: MakeWindow, settle: Settle, pg_url: str
) -> None:
    """The role changed meanwhile: the window still offered it, the database refuses."""
    with logins(pg_url, "sc_director") as made:
        window = make_window(as_login(pg_url, made["sc_director"]))
        assert settle(window) == "connected"
        qtbot.waitUntil(lambda: window.status.identity_text() != "")
        db = window.session.db
        assert db is not None
        with pytest.raises(DBAPIError) as refused, db.engine.begin() as conn:
            conn.execute(text("DELETE FROM sites"))
        window.show_failure(refused.value, "Setup failed", can_retry=False)
        assert window.banner.message() == (
            "the database refused: you may not change or read sites (director); "
            "ask an administrator"
        )
        assert _crash_dialogs() == []
        window.close()


@pg
def test_the_cli_says_a_refusal_in_one_line_with_exit_1(pg_url: str, cli: CliRunner) -> None:
    with logins(pg_url, "sc_director") as made:
        done = cli.on(as_login(pg_url, made["sc_director"]))(
            "site", "add", "Paris", "--timezone", "Europe/Paris"
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [
        "supervisor-app: error: the database refused: you may not change or read sites "
        "(your role); ask an administrator"
    ]


@pg
def test_another_schema_revision_is_a_plain_dialog(
    qtbot: QtBot, make_window: MakeWindow, settle: Settle, pg_empty_url: str
) -> None:
    window = make_window(pg_empty_url)
    assert settle(window) == "error"
    qtbot.waitUntil(lambda: window.schema_dialog is not None)
    dialog = window.schema_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.text().startswith("this database is at revision none (empty), this console")
    assert dialog.text().endswith("ask your administrator to run `supervisor-app db upgrade`")
    assert _crash_dialogs() == []
    dialog.close()
    with pytest.raises(SchemaMismatch):  # and the database was left as it was
        from supervisor_app.services.database import open_database

        open_database(pg_empty_url)


@pg
def test_a_refused_login_opens_the_login_dialog(
    qtbot: QtBot, make_window: MakeWindow, settle: Settle, pg_url: str
) -> None:
    """The test server trusts every login, so the refusal is handed to the window as the
    opening step reports one (``migrate._explain`` turns libpq's text into it)."""
    window = make_window(pg_url)
    assert settle(window) == "connected"
    window._on_open_failed(LoginNeeded("127.0.0.1:5432 refused the login"))
    dialog = window.preferences.connect_dialog
    assert dialog is not None and dialog.objectName() == "loginDialog"
    assert dialog.pages.currentIndex() == 1
    assert (dialog.host.text(), dialog.user.text()) == ("127.0.0.1", "root")
    assert dialog.result.text() == "127.0.0.1:5432 refused the login"
    assert _crash_dialogs() == []
    dialog.reject()
