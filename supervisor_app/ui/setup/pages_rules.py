"""The Labour rules page: each site's limits and break rules, the ones the schedule checks."""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.setup_fields import RULE_FIELDS
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.services.setup import BreakRule, list_sites, load_rules, save_rules
from supervisor_app.ui.setup.record_page import RecordPage
from supervisor_app.ui.setup.record_parts import Column

# Break-rule columns: heading, range (as the service checks them), default of a new row.
BREAK_COLUMNS = (
    ("Shift from (min)", 1, 1440, 480),
    ("Breaks", 0, 10, 2),
    ("Lunches", 0, 5, 1),
    ("Break (min)", 1, 120, 15),
    ("Lunch (min)", 1, 240, 30),
)


class BreakRulesTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, len(BREAK_COLUMNS))
        self.setObjectName("breakRules")
        self.setHorizontalHeaderLabels([c[0] for c in BREAK_COLUMNS])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMinimumHeight(130)
        self.on_change: Any = None

    def set_rules(self, rules: tuple[BreakRule, ...]) -> None:
        self.setRowCount(0)
        for rule in rules:
            self.add_rule(astuple(rule))

    def add_rule(self, values: tuple[int, ...] | None = None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for col, (heading, low, high, default) in enumerate(BREAK_COLUMNS):
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setValue(default if values is None else values[col])
            spin.setToolTip(
                self.tr("{heading}: {low} to {high}").format(heading=heading, low=low, high=high)
            )
            spin.valueChanged.connect(lambda _v: self.on_change and self.on_change())
            self.setCellWidget(row, col, spin)

    def rules(self) -> tuple[BreakRule, ...]:
        rows = [
            BreakRule(*(self.cellWidget(r, c).value() for c in range(len(BREAK_COLUMNS))))  # type: ignore[union-attr]
            for r in range(self.rowCount())
        ]
        return tuple(sorted(rows, key=lambda r: r.min_shift_minutes))


class RulesPage(RecordPage):
    entity = "rules"
    field_names = tuple(f.name for f in RULE_FIELDS)
    columns = (
        Column("Site", lambda r: r.site),
        Column("Shortest shift", lambda r: r.min_shift_minutes),
        Column("Longest shift", lambda r: r.max_shift_minutes),
        Column("Rest", lambda r: r.min_rest_minutes),
        Column("Weekly tolerance", lambda r: r.weekly_tolerance_minutes),
        Column("Saved", lambda r: r.version > 0),
    )
    can_add = False

    def extra_widgets(self) -> list[QWidget]:
        box = QGroupBox(self.tr("Break rules (a shift at least this long needs these breaks)"))
        layout = QVBoxLayout(box)
        self.breaks = BreakRulesTable()
        self.breaks.on_change = self._breaks_changed
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add rule"))
        add.setObjectName("addBreakRule")
        add.clicked.connect(lambda: (self.breaks.add_rule(), self._breaks_changed()))
        remove = QPushButton(self.tr("Remove rule"))
        remove.clicked.connect(self._remove_rows)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addWidget(self.breaks)
        layout.addLayout(row)
        self.buttons = (add, remove)
        return [box]

    def _remove_rows(self) -> None:
        for row in sorted({i.row() for i in self.breaks.selectedIndexes()}, reverse=True):
            self.breaks.removeRow(row)
        self._breaks_changed()

    def _breaks_changed(self) -> None:
        lengths = [r.min_shift_minutes for r in self.breaks.rules()]
        twice = len(lengths) != len(set(lengths))
        self.message.setText(self.tr("Two break rules for the same shift length.") if twice else "")
        self.update_buttons()

    def extra_valid(self) -> bool:
        lengths = [r.min_shift_minutes for r in self.breaks.rules()]
        return len(lengths) == len(set(lengths))

    def load_extra(self, record: Any) -> None:
        self.breaks.set_rules(() if record is None else record.requirements)
        self.breaks.setEnabled(record is not None)
        for button in self.buttons:
            button.setEnabled(record is not None)

    def extra_changes(self) -> dict[str, Any]:
        if self.current is None:
            return {}
        rules = self.breaks.rules()
        return {} if rules == self.current.requirements else {"requirements": rules}

    def fetch(self, db: Database) -> tuple[list[Any], Any]:
        return [load_rules(db, site.id) for site in list_sites(db)], None

    def store(self, db: Database, seen: Any, changes: dict[str, Any]) -> Any:
        requirements = changes.pop("requirements", None)
        return save_rules(db, seen, changes, current_actor(), requirements)

    def describe(self, record: Any) -> str:
        state = "" if record.version else " (defaults, not saved yet)"
        return f"Labour rules · {record.site}{state}"

    def empty_text(self) -> str:
        return "No sites yet: add one on the Sites page first."
