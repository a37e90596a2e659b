"""Two small arrangements several views repeat: widgets held together as one, and a field
with its button after it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QWidget


def held(
    layout_type: type[QBoxLayout], *widgets: QWidget, stretch: QWidget | None = None
) -> QWidget:
    """``widgets`` in one holder laid out by a new ``layout_type`` (a row or a column), no
    margin and 4 px between them; ``stretch``, if one of them, takes the room left over.
    Held, they stay together when a flowing toolbar wraps or a splitter moves."""
    holder = QWidget()
    layout = layout_type(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return holder


def with_button(field: QWidget, text: str, clicked: Callable[[], object]) -> QHBoxLayout:
    """``field`` taking the width, then a button labelled ``text`` that calls ``clicked``."""
    button = QPushButton(text)
    button.clicked.connect(clicked)
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row
