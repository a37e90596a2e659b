"""The widgets of the escalations panel: the sortable table and its keyboard actions.

Sorting happens in a proxy, by the model's sort role, so "most severe, then
oldest" is one click on Severity, and a refresh applied to the source model
keeps the user's sort and selection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from supervisor_app.ui.common.copy_table import enable_copy
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.live.panels.escalations_model import (
    AGE,
    REASON,
    SEVERITY,
    SORT_ROLE,
    EscalationsModel,
)

AGE_WIDTH = 76
REASON_MIN = 200  # below this the table scrolls sideways rather than hide why it escalated


def sorted_proxy(model: EscalationsModel, parent: QWidget) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy


class EscalationsTable(QTableView):
    """Reason takes the room the other columns leave, but never less than ``REASON_MIN``."""

    def fit_reason(self) -> None:
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != REASON)
        header.resizeSection(REASON, max(self.viewport().width() - others, REASON_MIN))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_reason()


def escalations_table(proxy: QSortFilterProxyModel) -> EscalationsTable:
    view = EscalationsTable()
    view.setObjectName("escalationsTable")
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.sortByColumn(SEVERITY, Qt.SortOrder.DescendingOrder)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.sectionResized.connect(lambda col, _old, _new: col != REASON and view.fit_reason())
    header.setSectionResizeMode(AGE, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(AGE, AGE_WIDTH)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    enable_copy(view)  # Ctrl+C: the selected rows as spreadsheet text
    return view


def panel_action(
    panel: QWidget, view: QTableView, text: str, keys: str, slot: Callable[[], None]
) -> QAction:
    """An action with a shortcut that works anywhere in the panel, also in the table's menu."""
    action = QAction(text, panel)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    action.setIconText(text.replace("&", ""))  # tool buttons would drop the "…" otherwise
    action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shown})")
    action.triggered.connect(slot)
    panel.addAction(action)
    view.addAction(action)
    return action


def placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("font-size: 13px;")
    set_tone(label, "muted")
    return label
