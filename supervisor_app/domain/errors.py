"""Errors that are the user's to fix, kept apart from bugs.

A ``UserError`` carries a message fit to show as is (what went wrong and where);
anything else that escapes is a bug and goes to the crash report with the log.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an unreachable resource, explained in one line."""


class UsageError(UserError):
    """A command's input is wrong or missing (``--site`` with several sites): the command
    exits 2, as argparse does for a bad option, so a script can tell it from a failure."""


class DatabaseError(UserError):
    """The database can't be used: wrong URL, unreachable, not a database, too new."""


class SchemaMismatch(DatabaseError):
    """A shared database at another schema revision than this build reads.

    The console and the commands never migrate a shared database (only its owner does,
    with ``supervisor-app db upgrade``), so this is said and nothing is touched; the
    window shows it in a plain dialog, not as a failure to retry.
    """


class Refused(DatabaseError):
    """The database refused a change this login's role may not make (a grant or a
    row-level security check): one line naming what, never a crash report."""


class LoginNeeded(DatabaseError):
    """A shared database wants a password this console doesn't have, or refused the one
    it had: the window asks for it in the login dialog instead of showing a failure."""
