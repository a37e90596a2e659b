"""Writing a workbook into place safely: a temporary file beside the target, then a rename.

``os.replace`` within one folder is atomic, so a killed export leaves the old
file (or none), never half a workbook. A target another program holds open
(Excel's ``~$name`` or LibreOffice's ``.~lock.name#`` lock file beside it, or
a refused rename on Windows), a folder or file we may not write, or a disk that
fills up while writing, is a ``UserError`` that says so, and the old file stays as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.file_errors import explain_os_error


class TargetNotWritable(UserError):
    """The report's file can't be written where the user asked."""


def check_target(path: Path) -> Path:
    """The absolute target, or ``TargetNotWritable`` saying why it can't be written."""
    path = path.expanduser().absolute()
    if path.suffix.lower() != ".xlsx":
        raise TargetNotWritable(f"{path}: the report file must end in .xlsx")
    folder = path.parent
    if not folder.is_dir():
        raise TargetNotWritable(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise TargetNotWritable(f"{path} is a folder, not a file")
    for lock in (folder / f"~${path.name}", folder / f".~lock.{path.name}#"):
        if lock.exists():
            raise TargetNotWritable(
                f"{path} is open in a spreadsheet program ({lock.name} exists): "
                "close it and export again"
            )
    # The owner's write bit too: someone marked the file read-only (root may write it anyway).
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR):
        raise TargetNotWritable(f"{path} is read-only: choose another file or make it writable")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TargetNotWritable(f"{path}: no permission to write in {folder}")
    return path


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """``write(temp_path)`` then move the temporary file onto ``path``; returns ``path``."""
    path = check_target(Path(path))
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=".xlsx.part", dir=path.parent
        )
    except OSError as exc:
        raise TargetNotWritable(f"{path}: cannot write in {path.parent}: {exc.strerror}") from exc
    os.close(handle)
    temp = Path(name)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644  # mkstemp makes it 0600
    try:
        write(temp)
        with open(temp, "rb") as done:
            os.fsync(done.fileno())
        temp.chmod(mode)
        os.replace(temp, path)
    except PermissionError as exc:
        raise TargetNotWritable(
            f"{path} could not be replaced (open in another program?): {exc.strerror}"
        ) from exc
    except OSError as exc:  # a full disk, a network drive gone: said plainly, old file kept
        raise explain_os_error(exc, path) from exc
    finally:
        temp.unlink(missing_ok=True)
    return path
