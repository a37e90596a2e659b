"""The base of the Analytics figure tables: headings across the top, none down the side.

The KPI table and the scorecards name their columns (with a tooltip that says
what a figure means) and leave their rows unnamed, so each says only what a
column's header shows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt


class HeadedTableModel(QAbstractTableModel):
    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = int(Qt.ItemDataRole.DisplayRole),
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        return self.heading(section, role)

    def heading(self, section: int, role: int) -> Any:
        """What the header of column ``section`` shows for ``role`` (None: nothing)."""
        raise NotImplementedError
