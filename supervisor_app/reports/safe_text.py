"""Text from the database made safe for a cell: never a formula, never invalid XML.

Names, comments and notes are typed by people (or by an attacker through a
web form). A value that begins with ``=``, ``+``, ``-`` or ``@`` is run as a
formula by a spreadsheet once someone edits the cell, and one that begins
with a tab, carriage return or NUL hides such a prefix ("formula injection",
OWASP's "CSV Injection"). Such text is written as a string cell with Excel's
quote prefix (the ``'`` a user would type), so it shows and stays as text,
and the characters XML can't carry (NUL and other C0 controls) are dropped.
"""

from __future__ import annotations

import re

# Characters XML 1.0 forbids (tab, line feed and carriage return are allowed).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet could take ``text`` for a formula."""
    return text.startswith(GUARDED_STARTS)


def clean_text(text: str) -> str:
    """``text`` without the characters an .xlsx file can't hold."""
    return _ILLEGAL.sub("", text)
