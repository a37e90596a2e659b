"""Text from the database made safe for a spreadsheet: never a formula, never invalid XML.

Names, comments and notes are typed by people (or by an attacker through a
web form, or arrive from a PBX unchanged). A value that begins with ``=``,
``+``, ``-`` or ``@`` is run as a formula by a spreadsheet once it is opened,
pasted or edited, and one that begins with a tab, carriage return or NUL
hides such a prefix ("formula injection", OWASP's "CSV Injection").

This module is the one place that decides it, for every path that hands text
to a spreadsheet: the Excel reports write such text as a string cell with
Excel's quote prefix (``needs_guard``); CSV files, the command line's
``--format csv`` and Ctrl+C copies put an apostrophe in front (``guard``),
the character a user would type to say "this is text". A plain number
(``-5``, ``+1.5``, ``-12.5%``) is not a formula and stays as it is, so
figures stay figures. Characters XML can't carry are dropped (``clean_text``).
"""

from __future__ import annotations

import re
from typing import Any

# Characters XML 1.0 forbids (tab, line feed and carriage return are allowed).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00")
# A signed decimal, perhaps with thousands commas, an exponent or a percent sign: a figure.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet could take ``text`` for a formula (a plain number is none)."""
    return text.startswith(GUARDED_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def guard(value: Any) -> Any:
    """``value`` for a CSV cell or a clipboard cell: text a spreadsheet would run gets ``'``.

    Only text is touched; numbers, dates and ``None`` come back as they are.
    """
    if isinstance(value, str) and needs_guard(value):
        return "'" + value
    return value


def clean_text(text: str) -> str:
    """``text`` without the characters an .xlsx file can't hold."""
    return _ILLEGAL.sub("", text)
