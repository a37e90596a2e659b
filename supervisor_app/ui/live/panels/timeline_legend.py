"""The legend under an agent's timeline: one swatch per colour on screen, flowed into rows.

Only what the day shows is listed, so a day without training has no "Training"
swatch to puzzle over; a colour shared by schedule and state (a break is amber in
both) is listed once, with both names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetrics, QPainter

from supervisor_app.domain.enums import ActivityKind, AgentState
from supervisor_app.ui.common import timeline_palette as pal

if TYPE_CHECKING:
    from supervisor_app.services.live import AgentDay

ROW = 20
SWATCH_GAP = 32  # swatch, space, and room before the next entry


@dataclass(frozen=True, slots=True)
class LegendCell:
    rect: QRectF
    label: str
    colour: str
    hatched: bool


def entries(
    activities: set[ActivityKind | None], states: set[AgentState], exceptions: tuple[bool, bool]
) -> list[tuple[str, str, bool]]:
    """(label, colour, hatched) for what is on screen, one entry per colour, in a fixed order."""
    entries: list[tuple[str, str, bool]] = []
    seen: dict[str, int] = {}

    def add(label: str, col: str) -> None:
        if col in seen:
            old = entries[seen[col]][0]
            if label not in old.split(" / "):
                entries[seen[col]] = (f"{old} / {label}", col, False)
            return
        seen[col] = len(entries)
        entries.append((label, col, False))

    for kind, col in pal.ACTIVITY.items():
        if kind in activities:
            add(pal.ACTIVITY_NAME[kind], col)
    for state, col in pal.STATE.items():
        if state in states:
            add(pal.STATE_NAME[state], col)
    open_, approved = exceptions
    if open_:
        entries.append(("Out of adherence", pal.EXCEPTION, True))
    if approved:
        entries.append(("Approved exception", pal.APPROVED, True))
    return entries


def legend_cells(
    day: AgentDay, metrics: QFontMetrics, left: float, right: float, top: float
) -> list[LegendCell]:
    """The day's legend entries laid out left to right from ``top``, wrapping at ``right``."""
    flags = (
        any(e.approved_by is None for e in day.exceptions),
        any(e.approved_by is not None for e in day.exceptions),
    )
    found = entries({s.activity for s in day.schedule}, {s.state for s in day.states}, flags)
    cells, x, y = [], left, top
    for label, colour, hatched in found:
        width = metrics.horizontalAdvance(label) + SWATCH_GAP
        if x + width > right and x > left:
            x, y = left, y + ROW
        cells.append(LegendCell(QRectF(x, y, width, ROW), label, colour, hatched))
        x += width
    return cells


def paint_legend(p: QPainter, cells: list[LegendCell]) -> None:
    for cell in cells:
        box = QRectF(cell.rect.x(), cell.rect.y() + 4, 14, 11)
        p.fillRect(box, pal.colour(cell.colour, 110 if cell.hatched else 255))
        if cell.hatched:
            p.fillRect(box, QBrush(pal.colour(cell.colour), Qt.BrushStyle.BDiagPattern))
        p.setPen(pal.colour(pal.TEXT))
        p.drawText(cell.rect.adjusted(19, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, cell.label)
