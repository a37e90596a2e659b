"""One table row, rendered ahead of time: what each cell shows, copies and sorts by.

Built from a service row (on a worker thread for the agent board, where there
are thousands), so the model's ``data()`` is a tuple lookup and a refresh only
compares ``signature``s to find what changed. No Qt here.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from supervisor_app.domain.alerts import Level


@dataclass(frozen=True, slots=True)
class Column:
    """A column's title, header tooltip and alignment, and a typical widest value.

    ``sample`` sets the default width (a saved layout overrides it), so a column is as
    wide on an empty morning as in a busy afternoon and never jumps as values grow.
    ``narrow``: the head of the sample that must stay readable when the view is too
    narrow for every column (the rest may elide); None keeps the whole sample. Such
    columns give way first, so a queue's name and its figures stay whole on a 1366-pixel
    screen while the service level's target (also in its tooltip) is cut.
    """

    key: str
    title: str
    tip: str
    numeric: bool = False
    sample: str = "00000"
    narrow: str | None = None


@dataclass(slots=True, eq=False)
class Cells:
    """A rendered row. ``text``/``copy`` are lists because the clock columns tick in place.

    ``signature``: everything the row shows except what the clock changes; equal
    signatures mean "nothing to redraw". ``sort`` holds one key per column, never
    None, all of one type within a column; ``order`` breaks ties (and makes keys unique).
    ``levels``/``tips``: per column, or empty for "all OK, no tips".
    ``clocks``: the instant (epoch seconds) each ticking column counts from.
    ``source``: the service row, for filters and actions.
    """

    key: int
    signature: Hashable
    text: list[str]
    copy: list[str]
    sort: tuple[Any, ...]
    order: tuple[Any, ...]
    levels: list[Level] = field(default_factory=list)
    tips: list[str | None] = field(default_factory=list)
    clocks: dict[int, float] = field(default_factory=dict)
    bold: bool = False
    muted: bool = False
    source: Any = None

    def level(self, column: int) -> Level:
        return self.levels[column] if self.levels else Level.OK

    def tip(self, column: int) -> str | None:
        return self.tips[column] if self.tips else None
