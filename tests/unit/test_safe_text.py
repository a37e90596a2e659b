"""The one rule for text a spreadsheet would run as a formula (OWASP "CSV injection")."""

from __future__ import annotations

from datetime import date

import pytest

from supervisor_app.domain.safe_text import clean_text, guard, needs_guard


@pytest.mark.parametrize(
    ("text", "guarded"),
    [("=1+1", True), ("+A1", True), ("-2+3", True), ("@SUM(1)", True), ("\t=1", True),
     ("\r=1", True), ("\x00=1", True), ("=cmd|' /C calc'!A0", True), ("-0:03:12", True),
     ("-", True), ("+", True), ("-1e", True),
     ("-1", False), ("+1.5", False), ("-12.5%", False), ("-1,234.5", False), ("-.5", False),
     ("-2E+3", False), ("Sales", False), ("1-2", False), (" =1", False), ("", False)],
)  # fmt: skip
def test_which_text_a_spreadsheet_would_run(text: str, guarded: bool) -> None:
    assert needs_guard(text) is guarded


def test_guard_prefixes_an_apostrophe_to_text_only() -> None:
    assert guard("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert guard("@SUM(1)") == "'@SUM(1)"
    assert guard("-2+3") == "'-2+3"
    assert guard("\t=1") == "'\t=1"
    assert guard("Sales") == "Sales"
    assert guard("-5") == "-5"
    assert guard(-5) == -5
    assert guard(-2.5) == -2.5
    assert guard(None) is None
    assert guard(date(2026, 1, 5)) == date(2026, 1, 5)


def test_clean_text_drops_what_xml_cannot_hold() -> None:
    assert clean_text("a\x00b\x07c\td\ne\rf\ufffe") == "abc\td\ne\rf"
