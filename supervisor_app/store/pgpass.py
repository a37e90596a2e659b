"""Keeping a shared database's password where libpq looks: the user's password file.

A password never lives in settings.toml, a URL or a log. ``~/.pgpass`` (Windows:
``%APPDATA%\\postgresql\\pgpass.conf``; ``PGPASSFILE`` overrides both) is the
file PostgreSQL's own tools and psycopg read, readable by its owner only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def pgpass_path() -> Path:
    named = os.environ.get("PGPASSFILE")
    if named:
        return Path(named)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def remember_password(host: str, port: int, database: str, user: str, password: str) -> Path:
    """Add or replace the line for this server, database and user; the file stays 0600."""
    path = pgpass_path()
    key = ":".join(_escape(f) for f in (host, str(port), database, user)) + ":"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [line for line in lines if not line.startswith(key)]
    kept.append(key + _escape(password))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(kept) + "\n")
    if sys.platform != "win32":
        path.chmod(0o600)
    return path
