"""Where the database is: ``--db``, then ``SUPERVISOR_APP_DB``, then the settings file,
then a SQLite file in the user's data folder.

``SUPERVISOR_APP_HOME`` moves the settings and data folders (tests and portable
installs use it so they never touch a user's real files).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

from supervisor_app.domain.errors import DatabaseError

# SQLAlchemy is imported inside the URL functions: the window reads config_dir()
# before its first paint and must not pay ~250 ms for it.

APP_NAME = "supervisor-app"
ENV_DB = "SUPERVISOR_APP_DB"
ENV_HOME = "SUPERVISOR_APP_HOME"
ENV_READ_DB = "SUPERVISOR_APP_READ_DB"


def config_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "config" if home else user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "data" if home else user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    """Where the rotated log files go (``~/.local/state/supervisor-app/log`` on Linux)."""
    home = os.environ.get(ENV_HOME)
    return Path(home) / "logs" if home else user_log_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'supervisor.db'}"


def database_settings(path: Path | None = None) -> dict[str, object]:
    """The settings file's ``[database]`` table (empty without a file)."""
    path = path or settings_file()
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DatabaseError(f"settings file {path} can't be read: {exc}") from exc
    table = data.get("database", {})
    return table if isinstance(table, dict) else {}


def _url_from_settings(path: Path) -> str | None:
    url = database_settings(path).get("url")
    if url is not None and not isinstance(url, str):
        raise DatabaseError(f"settings file {path}: [database] url must be a string")
    return url or None


def resolve_database_url(cli_url: str | None = None) -> str:
    """The URL to use, by the documented order of precedence."""
    for candidate in (cli_url, os.environ.get(ENV_DB), _url_from_settings(settings_file())):
        if candidate:
            return normalise_url(candidate)
    return default_database_url()


def resolve_read_url(cli_read_url: str | None = None) -> str | None:
    """A read replica's URL, or None to read where we write: ``--read-db``, then
    ``SUPERVISOR_APP_READ_DB``, then ``[database] read_url`` in the settings file."""
    path = settings_file()
    setting = database_settings(path).get("read_url")
    if setting is not None and not isinstance(setting, str):
        raise DatabaseError(f"settings file {path}: [database] read_url must be a string")
    for candidate in (cli_read_url, os.environ.get(ENV_READ_DB), setting):
        if candidate:
            return normalise_url(candidate)
    return None


def normalise_url(url: str) -> str:
    """Accept the spellings people paste, and say clearly what is wrong otherwise."""
    if "://" not in url:
        # A bare path means a SQLite file.
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabaseError(f"database URL {redact(url)!r} is not a valid URL") from None
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"database URL {display_url(url)!r}: only sqlite:/// and postgresql+psycopg:// "
            "databases are supported"
        )
    return parsed.render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """The URL with any password replaced, fit for a status bar or a log."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return redact(url)


_PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]*:)[^\s/]*@")


def redact(text: str) -> str:
    """``text`` with any ``user:password@`` in it shown as ``user:***@``.

    For text that is not a URL SQLAlchemy can parse (a typo), where
    ``render_as_string(hide_password=True)`` can't help.
    """
    return _PASSWORD_IN_URL.sub(r"\1***@", text)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other engines and in-memory databases."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
