"""What each tab will hold, said plainly until the real view replaces it.

An empty tab reads as broken; a title, a sentence on what is coming and what
the user can do today (a CLI command that already works) reads as a plan.
Each view's package swaps its placeholder for the real widget by key.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.resources import icon


@dataclass(frozen=True)
class TabSpec:
    key: str  # objectName of the tab's page, the settings value, the icon's name
    title: str
    heading: str
    body: str
    now: str  # what works today, then the commands that do it
    commands: tuple[str, ...]


# The Live tab is real (``ui/live``); these follow it.
TABS: tuple[TabSpec, ...] = (
    TabSpec(
        "schedules",
        "Schedules",
        "Agent schedules",
        "Planners will edit shifts, breaks and time off here against the staffing "
        "requirement, and every change will be audited.",
        "Load agents and a forecast, and size an interval with Erlang C:",
        (
            "supervisor-app import agents FILE",
            "supervisor-app import forecast FILE",
            "supervisor-app staffing --calls 120 --aht 300 --interval 30 "
            "--target-sl 80 --target-time 20",
        ),
    ),
    TabSpec(
        "analytics",
        "Analytics",
        "History and KPIs",
        "Charts of service level, handle time and abandonment by queue, team, agent and "
        "interval will appear here, from the same formulas as the reports.",
        "Print the same figures today:",
        ("supervisor-app kpi --from DATE --to DATE --by queue",),
    ),
    TabSpec(
        "reports",
        "Reports",
        "Excel reports",
        "Ready-made workbooks for directors and planners will be built and previewed here.",
        "Write one now, or from a scheduled job:",
        ("supervisor-app export REPORT --from DATE --to DATE -o FILE.xlsx",),
    ),
)


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def _command(text: str) -> QLabel:
    """One command per line, in a fixed-width font, selectable so it can be copied."""
    label = _label(text, "emptyCommand")
    label.setAlignment(Qt.AlignmentFlag.AlignLeft)
    label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setCursor(Qt.CursorShape.IBeamCursor)
    return label


class EmptyState(QScrollArea):
    """Icon, heading, one or two sentences, and a card saying what works today.

    In a scroll area so the text never sets a minimum size for the whole window:
    on a small screen the window still shrinks, and the placeholder scrolls.
    """

    MAX_TEXT_WIDTH = 600

    def __init__(self, spec: TabSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(spec.key)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.spec = spec
        page = QWidget()
        page.setProperty("emptyState", True)  # the style sheet's selector
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        picture = QLabel()
        picture.setObjectName("emptyIcon")
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        pixmap = icon(spec.key).pixmap(QSize(56, 56))
        if not pixmap.isNull():
            picture.setPixmap(pixmap)

        self.heading = _label(spec.heading, "emptyTitle")
        self.body = _label(spec.body, "emptyBody")

        card = QFrame()
        card.setObjectName("emptyNow")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 14, 20, 16)
        card_layout.setSpacing(8)
        card_layout.addWidget(_label("WHAT YOU CAN DO NOW", "emptyNowHeading"))
        self.now = _label(spec.now, "emptyNowText")
        card_layout.addWidget(self.now)
        self.commands = [_command(text) for text in spec.commands]
        for label in self.commands:
            card_layout.addWidget(label)

        column = QWidget()
        column.setMaximumWidth(self.MAX_TEXT_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        inner.addWidget(picture)
        inner.addSpacing(4)
        inner.addWidget(self.heading)
        inner.addWidget(self.body)
        inner.addSpacing(14)
        inner.addWidget(card)

        # Stretches, not an alignment flag: an aligned widget gets its size hint, which
        # for word-wrapped labels is too narrow and too short, so the text is cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
        self.setWidget(page)


def spec_for(key: str) -> TabSpec:
    """The placeholder text of the tab named ``key``."""
    return next(spec for spec in TABS if spec.key == key)
