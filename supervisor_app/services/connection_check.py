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
# Modes in which the password and the data may cross the network in clear text.
TLS_NOT_ENSURED = frozenset({"prefer", "disable"})
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
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
    ca_file: str = ""  # the CA that signed the server's certificate (verify-full)

    def url(self) -> str:
        """``postgresql+psycopg://user@host:port/db?sslmode=…``: no password, ever."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        ca = f"&sslrootcert={quote(self.ca_file, safe='/')}" if self.ca_file else ""
        return (
            f"postgresql+psycopg://{quote(self.user, safe='')}@{host}:{self.port}/"
            f"{quote(self.database, safe='')}?sslmode={self.tls}{ca}"
        )

    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def keychain_account(self) -> str:
        """The name its remembered password has in the keychain (``store/credentials``)."""
        from supervisor_app.store.credentials import account

        return account(self.host, self.port, self.database, self.user)

    def tls_warning(self) -> str | None:
        """What to say when the password would cross a network without TLS ensured."""
        if self.host in LOCAL_HOSTS or self.host.startswith("/") or self.tls not in TLS_NOT_ENSURED:
            return None
        return (
            f"{self.host} is not this computer and TLS is not required: your password and "
            "the data could be read on the network. Choose “Require TLS” unless the "
            "database owner says otherwise."
        )

    @classmethod
    def from_url(cls, url: str) -> SharedDatabase | None:
        """The form's fields from a saved PostgreSQL URL (its password, if any, dropped)."""
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        if parsed.get_backend_name() != "postgresql":
            return None
        query = parsed.query
        tls = str(query.get("sslmode", "prefer"))
        return cls(
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            database=parsed.database or "",
            user=parsed.username or "",
            tls=tls if tls in TLS_MODES else "prefer",
            ca_file=str(query.get("sslrootcert", "")),
        )


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
