"""``db roles`` and ``user add|list|set|remove`` through the real command line."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from cli_runner import CliRunner
from secured_db import Secured

pytestmark = pytest.mark.pg


@pytest.fixture
def login(secured: Secured) -> Iterator[str]:
    """A fresh login name with the module's prefix, dropped afterwards whatever happened."""
    name = f"{secured.logins['admin'].split('_')[0]}_u{uuid.uuid4().hex[:6]}"
    yield name
    with secured.connect() as conn:
        conn.execute(f'DROP ROLE IF EXISTS "{name}"')
        conn.execute("DELETE FROM user_sites WHERE login = %s", (name,))
        conn.commit()


def _people(cli: CliRunner, url: str) -> dict[str, dict[str, object]]:
    done = cli("--db", url, "user", "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {p["login"]: p for p in json.loads(done.stdout)}


def test_add_list_set_remove(cli: CliRunner, secured: Secured, login: str) -> None:
    url = secured.owner_url
    done = cli("--db", url, "user", "add", login, "--role", "planner", "--site", "New York")
    assert done.returncode == 0, done.stderr
    assert _people(cli, url)[login] == {"login": login, "role": "sc_planner", "sites": ["New York"]}

    done = cli("--db", url, "user", "set", login, "--role", "director", "--all-sites")
    assert done.returncode == 0, done.stderr
    assert _people(cli, url)[login] == {"login": login, "role": "sc_director", "sites": []}
    with secured.connect() as conn:  # one group role, not two
        groups = conn.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = %s",
            (login,),
        ).fetchall()
    assert groups == [("sc_director",)]

    done = cli("--db", url, "user", "set", login, "--site", "London", "--site", "New York")
    assert done.returncode == 0, done.stderr
    assert _people(cli, url)[login]["sites"] == ["London", "New York"]

    table = cli("--db", url, "user", "list")
    mine = [line.split(None, 2) for line in table.stdout.splitlines() if line.startswith(login)]
    assert mine == [[login, "sc_director", "London, New York"]]
    csv = cli("--db", url, "user", "list", "--format", "csv")
    assert csv.stdout.splitlines()[0] == "login,role,sites"

    done = cli("--db", url, "user", "remove", login)
    assert done.returncode == 0, done.stderr
    assert login not in _people(cli, url)
    with secured.connect() as conn:
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchall() == []


def test_an_admin_who_is_no_superuser_manages_people(
    cli: CliRunner, secured: Secured, login: str
) -> None:
    as_admin = secured.url("admin")
    done = cli("--db", as_admin, "user", "add", login, "--role", "supervisor", "--site", "London")
    assert done.returncode == 0, done.stderr
    with psycopg.connect(
        secured.conninfo("admin").replace(secured.logins["admin"], login)
    ) as conn:  # the new person logs in and sees London only
        assert conn.execute("SELECT name FROM sites").fetchall() == [("London",)]
    done = cli("--db", as_admin, "user", "remove", login)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("who", ["supervisor", "director", "planner", "ingest"])
def test_other_roles_are_refused_in_one_line(
    cli: CliRunner, secured: Secured, login: str, who: str
) -> None:
    done = cli("--db", secured.url(who), "user", "add", login, "--role", "admin")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "permission denied" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_admin_cannot_touch_the_owner_or_a_stranger(cli: CliRunner, secured: Secured) -> None:
    as_admin = secured.url("admin")
    with secured.connect() as conn:
        owner = conn.execute("SELECT current_user").fetchone()
    assert owner is not None
    done = cli("--db", as_admin, "user", "remove", owner[0])
    assert done.returncode == 1 and "no console user" in done.stderr


def test_password_prompt_sends_only_a_scram_verifier(
    cli: CliRunner, secured: Secured, login: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    code = cli.in_process(
        "--db", secured.owner_url, "user", "add", login, "--role", "director", "--password-prompt"
    )
    assert code == 0
    with secured.connect() as conn:
        stored = conn.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (login,)
        ).fetchone()
    assert stored is not None and stored[0].startswith("SCRAM-SHA-256$")
    assert "correct horse" not in stored[0]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("user", "add", "x_y", "--role", "boss"), "--role: unknown role 'boss'"),
        (("user", "add", "Robert'); DROP", "--role", "admin"), "is not a plain login"),
        (("user", "set", "x_y"), "give --role, --site or --all-sites"),
    ],
)
def test_bad_input_exits_2_in_one_line(
    cli: CliRunner, secured: Secured, args: tuple[str, ...], says: str
) -> None:
    done = cli("--db", secured.owner_url, *args)
    assert done.returncode == 2, done.stderr
    assert says in done.stderr and done.stderr.count("\n") == 1


def test_an_unknown_site_names_the_sites(cli: CliRunner, secured: Secured, login: str) -> None:
    done = cli("--db", secured.owner_url, "user", "add", login, "--role", "admin", "--site", "Oslo")
    assert done.returncode == 2
    assert "no site 'Oslo'; the sites are London, New York" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("db", "roles"),
        ("user", "list"),
        ("user", "add", "ana", "--role", "admin"),
        ("user", "remove", "ana"),
    ],
)
def test_sqlite_is_single_user(cli: CliRunner, tmp_path: Path, args: tuple[str, ...]) -> None:
    done = cli("--db", f"sqlite:///{tmp_path / 'x.db'}", *args)
    assert done.returncode == 2
    assert done.stderr == "supervisor-app: error: SQLite is single-user: no roles\n"
