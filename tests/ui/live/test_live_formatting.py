"""What a figure reads like on screen and on the clipboard; which failures mean "reconnect"."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.exc import OperationalError, ProgrammingError

from supervisor_app.domain.errors import UserError
from supervisor_app.ui.live import figure_text as fmt
from supervisor_app.ui.live.refresh.connection import is_connection_error


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(None, ""), (0, "0:00:00"), (59.9, "0:00:59"), (754, "0:12:34"), (90_061, "25:01:01")],
)
def test_durations_are_h_mm_ss(seconds: float | None, text: str) -> None:
    assert fmt.hms(seconds) == text


def test_percentages_and_service_level() -> None:
    assert fmt.percent_copy(0.7843) == "78.4%"
    assert fmt.percent_display(0.7843) == "78.4 %"
    assert (fmt.percent_display(None), fmt.percent_copy(None)) == ("—", "")
    assert fmt.service_level_display(0.7843, 0.8, 20) == "78.4 % (80 % in 20 s)"
    assert fmt.service_level_display(None, 0.875, 14_400) == "— (87.5 % in 4 h)"
    assert fmt.seconds_text(120) == "2 min" and fmt.seconds_text(90) == "90 s"


def _wrapped(inner: BaseException) -> BaseException:
    try:
        try:
            raise inner
        except BaseException as exc:
            raise RuntimeError("snapshot failed") from exc
    except RuntimeError as outer:
        return outer


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (OperationalError("SELECT 1", {}, Exception("database is locked")), True),
        (psycopg.OperationalError("server closed the connection unexpectedly"), True),
        (ConnectionResetError("reset by peer"), True),
        (_wrapped(psycopg.OperationalError("terminating connection")), True),
        (ProgrammingError("SELECT nope", {}, Exception("no such column")), False),
        (UserError("the database has no site yet"), False),
        (ValueError("a bug"), False),
    ],
)
def test_connection_errors_are_told_apart(exc: BaseException, expected: bool) -> None:
    assert is_connection_error(exc) is expected
