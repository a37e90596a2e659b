"""The header every flat table model here answers the same way, in one place.

Qt asks ``headerData`` for both edges of a table; these tables title only their
columns (no row has a name of its own), so a subclass answers
``column_header(section, role)`` and the row edge stays blank. Qt's own
``flags`` already makes a valid cell enabled, selectable and childless, which is
what a read-only table wants, so none of them overrides it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt


class TitledColumnsModel(QAbstractTableModel):
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        return self.column_header(section, role)

    def column_header(self, section: int, role: int) -> Any:
        """What column ``section``'s header shows for ``role``; None for nothing."""
        return None
