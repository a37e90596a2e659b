""" "Test connection" for a shared database: connect once and say precisely what is wrong.

The first-run wizard and File › Connect… ask before they save anything: is the server
reachable, does it take this user and password, does the database exist, and is its
schema the one this console reads (a shared PostgreSQL is migrated only by its owner
with ``supervisor-app db upgrade``, so "too old" and "too new" are answers, not work).
The password is handed to the driver directly: it is never part of a URL, a log line or
a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

TLS_MODES = ("prefer", "require", "verify-full", "disable")
CONNECT_TIMEOUT_S = 5


class Outcome(StrEnum):
    OK = "ok"
    UNREACHABLE = "unreachable"
    WRONG_PASSWORD = "wrong password"
    NO_SUCH_USER = "no such user"
    NO_SUCH_DATABASE = "no such database"
    TLS = "tls"
    EMPTY = "empty"
    TOO_OLD = "schema too old"
    TOO_NEW = "schema too new"
    OTHER = "other"


@dataclass(frozen=True)
class SharedDatabase:
    """What the wizard's form holds (the password is kept apart)."""

    host: str
    port: int
    database: str
    user: str
    tls: str = "prefer"

    def url(self) -> str:
        """``postgresql+psycopg://user@host:port/db?sslmode=…``: no password, ever."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return (
            f"postgresql+psycopg://{quote(self.user, safe='')}@{host}:{self.port}/"
            f"{quote(self.database, safe='')}?sslmode={self.tls}"
        )

    def where(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class CheckResult:
    outcome: Outcome
    message: str

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


def classify(target: SharedDatabase, detail: str) -> CheckResult:
    """The driver's text, put as what happened and what to do."""
    text = detail.lower()
    if "password authentication failed" in text:
        return CheckResult(
            Outcome.WRONG_PASSWORD,
            f"Wrong password for user {target.user} on {target.where()}: check it and try again.",
        )
    if "no password supplied" in text or "password is required" in text:
        return CheckResult(
            Outcome.WRONG_PASSWORD,
            f"The server {target.where()} wants a password for user {target.user}: enter it.",
        )
    if "role" in text and "does not exist" in text:
        return CheckResult(
            Outcome.NO_SUCH_USER,
            f"The server {target.where()} has no user {target.user}: check the name, or ask "
            "the database owner to create it (supervisor-app user add).",
        )
    if "database" in text and "does not exist" in text:
        return CheckResult(
            Outcome.NO_SUCH_DATABASE,
            f"The server {target.where()} has no database {target.database}: check the name "
            "(ask the database owner if unsure).",
        )
    if "ssl" in text or "tls" in text or "certificate" in text:
        return CheckResult(
            Outcome.TLS,
            f"The secure connection to {target.where()} failed ({detail}): try another TLS "
            "mode, or ask the database owner which one the server needs.",
        )
    unreachable = (
        "connection refused",
        "could not translate host name",
        "name or service not known",
        "timeout",
        "timed out",
        "no route to host",
        "network is unreachable",
        "could not connect",
        "connection to server",
        "temporary failure in name resolution",
    )
    if any(words in text for words in unreachable):
        return CheckResult(
            Outcome.UNREACHABLE,
            f"Can't reach a database server at {target.where()}: check the server name and "
            "port, and that this computer is on the network that reaches it.",
        )
    return CheckResult(Outcome.OTHER, f"The server {target.where()} refused: {detail}")


def check_shared_database(target: SharedDatabase, password: str | None) -> CheckResult:
    """Connect once (five seconds at most) and compare the schema with this build's."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    from supervisor_app.store import migrate

    connect_args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S}
    if password:
        connect_args["password"] = password
    engine = create_engine(target.url(), connect_args=connect_args)
    try:
        with engine.connect() as conn:
            revision = migrate.current_revision(conn)
    except DBAPIError as exc:
        detail = str(exc.orig or exc).strip()
        return classify(target, " ".join(detail.split()))
    finally:
        engine.dispose()
    head = migrate.head_revision()
    if revision == head:
        return CheckResult(Outcome.OK, f"Connected to {target.database} on {target.where()}.")
    if revision is None:
        return CheckResult(
            Outcome.EMPTY,
            f"{target.database} on {target.where()} has no Supervisor Console tables yet: its "
            "owner runs `supervisor-app db upgrade` on it once, then connect again.",
        )
    script = ScriptDirectory.from_config(migrate.alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision in known:
        return CheckResult(
            Outcome.TOO_OLD,
            f"{target.database} is at schema {revision}, older than this console ({head}): "
            "its owner runs `supervisor-app db upgrade`, then connect again.",
        )
    return CheckResult(
        Outcome.TOO_NEW,
        f"{target.database} is at schema {revision}, newer than this console ({head}): "
        "install the newer Supervisor Console your colleagues use.",
    )
