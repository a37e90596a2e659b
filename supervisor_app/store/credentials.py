"""Where a shared database's password comes from, without it ever touching a file we write.

In order: a password in the URL itself (``--db`` given by hand; never echoed), the
password typed in the login dialog for this run (kept in memory only), the OS keychain
(``keyring``) when the user ticked "remember", then libpq's own ``PGPASSWORD`` and
``.pgpass`` (``store/pgpass.py``), which the driver reads by itself. The keychain entry
is named by server, port, database and user, never by the whole URL.
"""

from __future__ import annotations

import contextlib
import logging
import os

log = logging.getLogger(__name__)

KEYCHAIN_SERVICE = "supervisor-app"

_typed: dict[str, str] = {}


def account(host: str, port: int, database: str, user: str) -> str:
    """The keychain's name for one login on one database."""
    return f"{user}@{host}:{port}/{database}"


def remember_for_this_run(key: str, password: str) -> None:
    """The password typed in the login dialog, for this process only."""
    _typed[key] = password


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """A machine without a keychain says so once per run, not at every connection."""
    if message not in _warned:
        _warned.add(message)
        log.warning(message)


def keychain_password(key: str) -> str | None:
    """The remembered password, or None (no keychain on this machine counts as none)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYCHAIN_SERVICE, key)
        except KeyringError as exc:
            _warn_once(f"keychain: can't read ({type(exc).__name__})")
            return None
    except Exception as exc:  # a broken backend must not stop the console
        log.warning("keychain: unavailable (%s)", type(exc).__name__)
        return None


def store_in_keychain(key: str, password: str) -> None:
    """Keep ``password`` in the OS keychain; a ``KeyringError`` says there is none."""
    import keyring

    keyring.set_password(KEYCHAIN_SERVICE, key, password)


def forget(key: str) -> None:
    """Drop the remembered password (and this run's), if any."""
    _typed.pop(key, None)
    try:
        import keyring
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            keyring.delete_password(KEYCHAIN_SERVICE, key)
    except Exception as exc:
        log.warning("keychain: can't forget (%s)", type(exc).__name__)


def password_for(key: str) -> str | None:
    """The password to hand the driver, or None to let libpq find it.

    ``PGPASSWORD`` set in the environment wins over the keychain: it is what a
    script or an administrator chose for this process.
    """
    if key in _typed:
        return _typed[key]
    if os.environ.get("PGPASSWORD"):
        return None
    return keychain_password(key)
