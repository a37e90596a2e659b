"""Plain words for the file-system failures a supervisor can do something about.

A full disk, a folder without write permission, a workbook Excel holds open, a network
drive that went away: each becomes a ``FileProblem`` (a ``UserError``) that says what
happened to which file and what to do, for the window and the command line alike.
Anything else stays an ``OSError`` with its own text.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supervisor_app.domain.errors import UserError

# Windows: the file is open in another program (sharing / lock violation).
_WINDOWS_IN_USE = {32, 33}
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_PERMISSION = {errno.EACCES, errno.EPERM}
_READ_ONLY = {errno.EROFS}
_LOCKED = {errno.EBUSY, getattr(errno, "ETXTBSY", errno.EBUSY)}
_GONE = {
    getattr(errno, name)
    for name in ("ESTALE", "EHOSTDOWN", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "ENOTCONN")
    if hasattr(errno, name)
} | {errno.EIO}


class FileProblem(UserError):
    """A file could not be read or written, said plainly with what to do about it."""


def explain_os_error(exc: OSError, path: Path | str | None = None) -> FileProblem:
    """``exc`` in words a supervisor can act on; ``path`` is the file the user chose."""
    target = str(path or exc.filename or "the file")
    winerror = getattr(exc, "winerror", None)
    code = exc.errno
    if winerror in _WINDOWS_IN_USE or code in _LOCKED:
        return FileProblem(
            f"{target} is open in another program (Excel?): close it there and try again."
        )
    if code in _DISK_FULL:
        return FileProblem(
            f"The disk is full: {target} could not be written. Free some space or choose "
            "another folder, then try again. The previous file, if any, is unchanged."
        )
    if code in _READ_ONLY:
        return FileProblem(f"{target} is on a read-only drive: choose another folder.")
    if code in _NO_PERMISSION:
        return FileProblem(
            f"Permission denied: {target}. Choose a folder you may write to, or ask your "
            "administrator for access."
        )
    if code in _GONE:
        return FileProblem(
            f"The drive holding {target} is not reachable (a network drive disconnected?). "
            "Reconnect it or choose another folder, then try again."
        )
    if code == errno.ENOENT:
        return FileProblem(
            f"{target} was not found: the folder may have been moved, or its network drive "
            "disconnected. Check the path and try again."
        )
    return FileProblem(f"{target}: {exc.strerror or exc}")


@contextmanager
def replaced_when_done(path: Path) -> Iterator[tuple[int, Path]]:
    """An open temporary file beside ``path`` (its descriptor and path), moved onto ``path``
    when the block ends; on any error it is removed and ``path`` keeps what it held.

    ``os.replace`` within one folder is atomic, so an export killed or failing half-way
    never leaves half a file where a good one was. The block owns the descriptor (it
    closes it, or hands it to ``os.fdopen``).
    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        yield fd, Path(temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
