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
