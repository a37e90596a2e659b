"""Each file-system failure a supervisor meets is put in words with what to do."""

from __future__ import annotations

import errno

import pytest

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.file_errors import explain_os_error

TARGET = "/mnt/share/report.xlsx"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOSPC, "The disk is full: /mnt/share/report.xlsx could not be written"),
        (errno.EACCES, "Permission denied: /mnt/share/report.xlsx. Choose a folder"),
        (errno.EPERM, "Permission denied: /mnt/share/report.xlsx. Choose a folder"),
        (errno.EBUSY, "/mnt/share/report.xlsx is open in another program (Excel?)"),
        (errno.EROFS, "/mnt/share/report.xlsx is on a read-only drive"),
        (errno.ESTALE, "The drive holding /mnt/share/report.xlsx is not reachable"),
        (errno.EHOSTDOWN, "The drive holding /mnt/share/report.xlsx is not reachable"),
        (errno.EIO, "The drive holding /mnt/share/report.xlsx is not reachable"),
        (errno.ENOENT, "/mnt/share/report.xlsx was not found"),
    ],
)
def test_each_failure_says_what_happened_and_to_which_file(code: int, expected: str) -> None:
    problem = explain_os_error(OSError(code, "raw text", TARGET))
    assert isinstance(problem, UserError)
    assert str(problem).startswith(expected)
    assert "Errno" not in str(problem) and "raw text" not in str(problem)


def test_a_windows_sharing_violation_names_the_other_program() -> None:
    exc = PermissionError(errno.EACCES, "The process cannot access the file", TARGET)
    exc.winerror = 32  # type: ignore[attr-defined]  # what Windows sets for a locked file
    assert "open in another program" in str(explain_os_error(exc))


def test_the_file_the_user_chose_is_named_over_the_temporary_one() -> None:
    exc = OSError(errno.ENOSPC, "No space left", "/mnt/share/.report.abc.xlsx.part")
    assert str(explain_os_error(exc, TARGET)).startswith(f"The disk is full: {TARGET} ")


def test_an_unknown_code_keeps_the_system_text() -> None:
    assert str(explain_os_error(OSError(errno.E2BIG, "Argument list too long", TARGET))) == (
        f"{TARGET}: Argument list too long"
    )
