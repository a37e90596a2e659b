"""The shape the coaching log and the restricted records share: a read-only table of the
agent's entries, one row selected at a time, above which sit a status line and the
section's buttons (only those the session's role may use)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
)

from supervisor_app.ui.common.text_rows import text_table


def log_table(name: str, headers: Sequence[str]) -> QTableWidget:
    """A table of entries, whole rows selected one at a time, never edited in place."""
    table = text_table(name, headers)  # compact rows, as the profile's other tables
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def action_row(status: QLabel, buttons: Sequence[tuple[QPushButton, bool]]) -> QHBoxLayout:
    """The status line, then each button the role may use; the others are left out, not
    greyed: the database would refuse what they do (``domain/permissions.py``)."""
    row = QHBoxLayout()
    row.addWidget(status, 1)
    for button, allowed in buttons:
        if allowed:
            row.addWidget(button)
        else:
            button.hide()
    return row


def fit_rows(table: QTableWidget, at_most: int = 8) -> None:
    """Size the table to its rows (up to ``at_most``, then it scrolls) and hide it when it
    has none: inside the profile's scrolling page a table squeezed to two rows, or a tall
    empty box under an "empty" sentence, is what a reader notices first."""
    rows = table.rowCount()
    table.setVisible(rows > 0)
    if rows == 0:
        return
    shown = min(rows, at_most)
    body = sum(table.rowHeight(r) for r in range(shown))
    scrollbar = table.horizontalScrollBar()
    extra = scrollbar.sizeHint().height() if scrollbar.isVisible() else 0
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(header + body + 2 * table.frameWidth() + extra + 2)
