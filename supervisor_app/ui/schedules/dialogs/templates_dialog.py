"""Shift templates: the site's saved shift patterns; a selected shift becomes a new one."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.schedule_types import PlannedShift, ShiftTemplate, TemplateActivity
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.dialogs.dialog_tables import fill, make_table, selected_payload


def template_of(name: str, shift: PlannedShift, zone: ZoneInfo) -> ShiftTemplate:
    """The shift's pattern: local start, length, and its activities relative to its start."""
    local = shift.starts_at.astimezone(zone)

    def minutes(a: datetime, b: datetime) -> int:
        return round((b - a).total_seconds() / 60)

    acts = tuple(
        TemplateActivity(
            a.kind, minutes(shift.starts_at, a.starts_at), minutes(a.starts_at, a.ends_at)
        )
        for a in shift.activities
    )
    return ShiftTemplate(
        name, local.hour * 60 + local.minute, minutes(shift.starts_at, shift.ends_at), acts
    )


def describe(t: ShiftTemplate) -> tuple[str, str, str, str]:
    start = f"{t.start_minute // 60:02d}:{t.start_minute % 60:02d}"
    hours = f"{t.duration_minutes / 60:g} h"
    acts = ", ".join(
        f"{pal.ACTIVITY_NAME[a.kind]} +{a.offset_minutes // 60}:{a.offset_minutes % 60:02d} "
        f"({a.duration_minutes} min)"
        for a in t.activities
    )
    return t.name, start, hours, acts or "—"


class TemplatesDialog(QDialog):
    save_requested = Signal(object)  # ShiftTemplate
    delete_requested = Signal(object)  # ShiftTemplate

    def __init__(
        self,
        templates: list[ShiftTemplate],
        shift: PlannedShift | None,
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.setWindowTitle(self.tr("Shift templates"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shift, self.zone = shift, zone
        self.table = make_table("templatesTable", ["Name", "Starts", "Length", "Activities"])
        self.name = QLineEdit()
        self.name.setObjectName("templateName")
        self.name.setPlaceholderText(self.tr("Name for a template made from the selected shift"))
        self.add = QPushButton(self.tr("Save selected shift as template"))
        self.add.clicked.connect(self._save)
        self.delete = QPushButton(self.tr("Delete"))
        self.delete.clicked.connect(self._delete)
        self.name.textChanged.connect(self._sync)
        hint = QLabel(
            self.tr(
                "Use a template: pick it in the toolbar, then double-click a free day or "
                "press Enter; "
                "or right-click a free day."
            )
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.add)
        row.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        self.resize(720, 360)
        self.show_templates(templates)

    def show_templates(self, templates: list[ShiftTemplate]) -> None:
        fill(self.table, [(describe(t), t) for t in templates])
        self._sync()

    def _sync(self) -> None:
        self.add.setEnabled(self.shift is not None and bool(self.name.text().strip()))

    def _save(self) -> None:
        if self.shift is not None and self.name.text().strip():
            self.save_requested.emit(template_of(self.name.text().strip(), self.shift, self.zone))

    def _delete(self) -> None:
        t = selected_payload(self.table)
        if isinstance(t, ShiftTemplate):
            self.delete_requested.emit(t)
