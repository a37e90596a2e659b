"""Row errors gathered over a whole file, and the error that stops its import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from supervisor_app.domain.errors import UserError

SHOWN_ERRORS = 50


class ImportRejected(UserError):
    """Invalid rows: nothing was written. ``errors`` holds the first 50 (row, reason)."""

    def __init__(self, path: Path, errors: list[tuple[int, str]], count: int) -> None:
        self.path = path
        self.errors = errors
        self.count = count
        lines = [f"row {row}: {reason}" for row, reason in errors]
        more = f"\n… and {count - len(errors)} more" if count > len(errors) else ""
        rows = "row" if count == 1 else "rows"
        super().__init__(
            f"{path.name}: {count} invalid {rows}, nothing imported\n" + "\n".join(lines) + more
        )


@dataclass
class RowErrors:
    """Keeps going after the first error so the user sees every problem in one pass."""

    path: Path
    shown: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0

    def add(self, row: int, reason: str) -> None:
        self.count += 1
        if len(self.shown) < SHOWN_ERRORS:
            self.shown.append((row, reason))

    def raise_if_any(self) -> None:
        if self.count:
            raise ImportRejected(self.path, self.shown, self.count)
