"""``user add|list|set|remove``: a person is a PostgreSQL login, in one group role.

The writes go through the ``sc_user_*`` functions ``db roles`` creates, so an
``sc_admin`` who is no superuser can run them and nobody writes ``user_sites``
directly. A password never travels in clear: it is turned into a SCRAM
verifier on this machine (libpq's ``PQencryptPasswordConn``) and only that
reaches the server (and so its statement log). Without one, the person has no
password until an administrator sets one, or the server authenticates them
otherwise (peer, certificate, Kerberos).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import Integer

from supervisor_app.domain.errors import UsageError, UserError
from supervisor_app.domain.grants import GROUP_ROLES
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.security.roles import SQLITE_REFUSAL, require_postgresql
from supervisor_app.store.location import resolve_database_url, sqlite_path
from supervisor_app.store.models import Site

# A PostgreSQL identifier we never have to quote: a person's login, typed at psql too.
_LOGIN = re.compile(r"[a-z_][a-z0-9_.-]{0,62}")


@dataclass(frozen=True, slots=True)
class Person:
    """A console user: their login, group role and site limits (empty: every site)."""

    login: str
    role: str
    sites: tuple[str, ...]


def open_shared(cli_url: str | None) -> Database:
    """The shared database at the current revision; SQLite refused before it is opened."""
    if sqlite_path(resolve_database_url(cli_url)) is not None:
        raise UsageError(SQLITE_REFUSAL)
    db = open_database(cli_url, upgrade=False)
    try:
        require_postgresql(db)
    except UsageError:
        db.close()
        raise
    return db


def group_role(name: str) -> str:
    """``admin`` or ``sc_admin`` → ``sc_admin``; anything else is bad input."""
    role = name if name.startswith("sc_") else f"sc_{name}"
    if role not in GROUP_ROLES:
        choices = ", ".join(r.removeprefix("sc_") for r in GROUP_ROLES)
        raise UsageError(f"--role: unknown role {name!r}; choose one of {choices}")
    return role


def check_login(login: str) -> str:
    if not _LOGIN.fullmatch(login):
        raise UsageError(
            f"LOGIN: {login!r} is not a plain login (lower-case letters, digits, _ . -, "
            "at most 63, not starting with a digit)"
        )
    return login


def add_user(
    db: Database, login: str, role: str, sites: Sequence[str] = (), password: str | None = None
) -> Person:
    """Create ``login`` as a member of ``role``, limited to ``sites`` (none: every site)."""
    check_login(login)
    group = group_role(role)
    with _refusals(db) as conn:
        site_ids = _site_ids(conn, sites)
        verifier = None if password is None else _verifier(conn, login, password)
        conn.execute(
            text("SELECT sc_user_add(:login, :grp, :sites, :verifier)").bindparams(
                bindparam("sites", type_=ARRAY(Integer))
            ),
            {"login": login, "grp": group, "sites": site_ids, "verifier": verifier},
        )
    return Person(login, group, tuple(sorted(sites)))


def set_user(
    db: Database, login: str, role: str | None = None, sites: Sequence[str] | None = None
) -> None:
    """Change a person's role and/or site limits (``sites=[]``: every site)."""
    check_login(login)
    group = None if role is None else group_role(role)
    with _refusals(db) as conn:
        site_ids = None if sites is None else _site_ids(conn, sites)
        conn.execute(
            text("SELECT sc_user_set(:login, :grp, :sites)").bindparams(
                bindparam("sites", type_=ARRAY(Integer))
            ),
            {"login": login, "grp": group, "sites": site_ids},
        )


def remove_user(db: Database, login: str) -> None:
    """Drop the person's login role and their site limits."""
    check_login(login)
    with _refusals(db) as conn:
        conn.execute(text("SELECT sc_user_remove(:login)"), {"login": login})


def list_users(db: Database) -> list[Person]:
    """Every login in a group role, by login; sites by name (as far as the caller sees them)."""
    require_postgresql(db)
    query = text(
        "SELECT r.rolname, g.rolname, "
        "COALESCE((SELECT array_agg(s.name ORDER BY s.name) FROM user_sites u "
        "JOIN sites s ON s.id = u.site_id WHERE u.login = r.rolname), '{}') "
        "FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
        "JOIN pg_roles g ON g.oid = m.roleid "
        "WHERE r.rolcanlogin AND g.rolname = ANY (:groups) ORDER BY r.rolname, g.rolname"
    )
    with db.engine.connect() as conn:
        rows = conn.execute(query, {"groups": list(GROUP_ROLES)}).all()
    return [Person(login, role, tuple(sites)) for login, role, sites in rows]


def _site_ids(conn: Connection, names: Sequence[str]) -> list[int]:
    known: dict[str, int] = {name: id_ for name, id_ in conn.execute(select(Site.name, Site.id))}
    missing = [n for n in names if n not in known]
    if missing:
        raise UsageError(
            f"--site: no site {missing[0]!r}; the sites are {', '.join(sorted(known)) or 'none'}"
        )
    return sorted({known[n] for n in names})


def _verifier(conn: Connection, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password``, computed here by libpq."""
    raw = conn.connection.driver_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return bytes(verifier).decode()


@contextmanager
def _refusals(db: Database) -> Iterator[Connection]:
    """A transaction whose refusals by the database become one line (exit 1)."""
    require_postgresql(db)
    try:
        with db.engine.begin() as conn:
            yield conn
    except DBAPIError as exc:
        diag = getattr(exc.orig, "diag", None)
        message = getattr(diag, "message_primary", None)
        if getattr(exc.orig, "sqlstate", None) == "42883":  # the function is missing
            raise UserError(
                "the people functions are missing: the schema owner runs "
                "`supervisor-app db roles` first"
            ) from exc
        if message:
            raise UserError(f"refused by the database: {message}") from exc
        raise
