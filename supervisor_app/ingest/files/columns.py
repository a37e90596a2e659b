"""Finding our columns in a roster or forecast file's header, however it spells them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from supervisor_app.ingest.files.table import UnreadableFile


def normalised(name: str) -> str:
    """``Hourly Cost (€)`` and ``hourly_cost`` both read ``hourlycost``."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"\(.*?\)", "", name.casefold()))


def locate(
    header: Sequence[str],
    aliases: dict[str, tuple[str, ...]],
    required: Sequence[str],
    file_name: str,
) -> dict[str, int]:
    """Each field's column index; a required field with no column is the user's to fix."""
    where = {normalised(name): i for i, name in enumerate(header)}
    found: dict[str, int] = {}
    for field, names in aliases.items():
        for alias in (field, *names):
            if normalised(alias) in where:
                found[field] = where[normalised(alias)]
                break
    missing = [f for f in required if f not in found]
    if missing:
        raise UnreadableFile(
            f"{file_name}: no column for {', '.join(missing)} "
            f"(the header has {', '.join(repr(h) for h in header)})"
        )
    return found
