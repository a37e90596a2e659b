"""The legend under the grid (every colour it uses) and the keyboard help behind its "?" button."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from supervisor_app.domain.enums import TimeOffStatus
from supervisor_app.ui.schedules import palette as pal

KEYS = QT_TRANSLATE_NOOP(
    "legend",
    """\
<b>Mouse</b><br>
Drag on an empty row: new shift · double-click a free day: shift from the chosen template<br>
Drag a shift: move it (to another agent too) · drag its edges: resize (snaps to the interval)<br>
Drag an activity or its edges within its shift · right-click: add an activity, paste, delete<br>
Ctrl+click or Shift+drag on free space: select several · Ctrl+wheel: zoom · Shift+wheel: scroll<br>
<b>Keyboard</b> (the dotted cell is the cursor)<br>
Arrows: move the cursor; with a selection, ←/→ move it one interval<br>
Shift+←/→: move the end of the selection · Shift+Alt+←/→: move its start<br>
Alt+↑/↓: move the selected shift to the agent above/below<br>
Tab / Shift+Tab: select the next/previous shift · Space: select at the cursor (Ctrl+Space adds)<br>
Enter or Insert: new shift at the cursor (chosen template, else 8 h) · Del: delete · Esc: clear<br>
B, L, T, M, C, O: add a break, lunch, training, meeting, coaching, off-phone work<br>
Ctrl+C / Ctrl+V: copy / paste the day at the cursor (the selected agents' days)<br>
Ctrl+Shift+C / Ctrl+Shift+V: copy / paste the whole week (paste in another week too)<br>
Ctrl+Z / Ctrl+Shift+Z: undo / redo · Ctrl+S: save · Ctrl+=/Ctrl+-: zoom · Alt+PgUp/PgDn: week
""",
)


def legend_entries() -> list[tuple[str, str, str]]:
    """(label, colour, style): style is ``fill``, ``hatch`` or ``line`` (an outline or a mark)."""
    out = [("Shift (draft)", pal.SHIFT, "fill"), ("Published", pal.PUBLISHED_EDGE, "line")]
    out += [(pal.ACTIVITY_NAME[k], c, "fill") for k, c in pal.ACTIVITY.items()]
    out += [
        (pal.TIME_OFF_NAME[TimeOffStatus.APPROVED], pal.TIME_OFF[TimeOffStatus.APPROVED], "hatch"),
        (pal.TIME_OFF_NAME[TimeOffStatus.REQUESTED], pal.TIME_OFF[TimeOffStatus.REQUESTED], "fill"),
        ("Rule broken (hover for why)", pal.VIOLATION, "violation"),
        ("Selected", pal.SELECTED, "line"),
    ]
    return out


class Legend(QWidget):
    """One line of swatches; wraps when the window is narrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleLegend")
        self.entries = [(self.tr(label), c, style) for label, c, style in legend_entries()]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _layout(self, width: int) -> list[tuple[QRectF, str, str, str]]:
        fm = self.fontMetrics()
        x, y, out = 8.0, 2.0, []
        for label, colour, style in self.entries:
            w = fm.horizontalAdvance(label) + 34
            if x + w > width and x > 8:
                x, y = 8.0, y + 20
            out.append((QRectF(x, y, w, 20), label, colour, style))
            x += w
        return out

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cells = self._layout(width)
        return int(cells[-1][0].bottom()) + 4 if cells else 24

    def sizeHint(self) -> QSize:
        return QSize(900, self.heightForWidth(max(self.width(), 900)))

    def resizeEvent(self, event: object) -> None:
        self.setFixedHeight(self.heightForWidth(self.width()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        for rect, label, colour, style in self._layout(self.width()):
            box = QRectF(rect.x(), rect.y() + 4, 22, 12)
            if style == "line":
                p.fillRect(box, pal.qcolour(pal.SHIFT))
                p.setPen(pal.qcolour(colour))
                p.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
            elif style == "violation":
                p.fillRect(box, pal.qcolour(pal.SHIFT))
                p.fillRect(QRectF(box.x(), box.bottom() - 3, box.width(), 3), pal.qcolour(colour))
                p.fillRect(QRectF(box.x(), box.y(), 3, box.height()), pal.qcolour(colour))
            else:
                p.fillRect(box, pal.qcolour(colour, 150 if style == "hatch" else 255))
                if style == "hatch":
                    p.fillRect(box, QBrush(pal.qcolour("#5d6b7d", 90), Qt.BrushStyle.BDiagPattern))
            p.setPen(self.palette().color(QPalette.ColorRole.WindowText))  # on the window
            p.drawText(rect.adjusted(27, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
