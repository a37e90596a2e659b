"""The Sites and Queues pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QWidget,
)

from supervisor_app.domain.setup_fields import DATED_QUEUE_FIELDS, QUEUE_FIELDS, SITE_FIELDS
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.services.setup import (
    SiteRecord,
    add_queue,
    add_site,
    list_queues,
    list_sites,
    update_queue,
    update_site,
)
from supervisor_app.ui.setup.record_page import RecordPage
from supervisor_app.ui.setup.record_parts import Column


class SitesPage(RecordPage):
    entity = "site"
    field_names = tuple(f.name for f in SITE_FIELDS)
    columns = (
        Column("Site", lambda r: r.name),
        Column("Time zone", lambda r: r.timezone),
        Column("Interval (min)", lambda r: r.interval_minutes),
        Column("Holidays", lambda r: r.country_code or "from zone"),
        Column("Full-time h", lambda r: r.fte_weekly_hours),
        Column("Service level", lambda r: r.service_level_variant),
    )
    add_label = "New site"

    def fetch(self, db: Database) -> tuple[list[Any], Any]:
        return list_sites(db), None

    def store(self, db: Database, seen: Any, changes: dict[str, Any]) -> Any:
        return update_site(db, seen, changes, current_actor())

    def create(self, db: Database, values: dict[str, Any]) -> Any:
        return add_site(db, values, current_actor())

    def defaults(self) -> dict[str, Any]:
        return {
            "timezone": "Europe/London",
            "interval_minutes": "15",
            "fte_weekly_hours": 40.0,
            "service_level_variant": "offered",
        }


class SiteChooser(QComboBox):
    """The sites by name; ``site_id()`` of the chosen one."""

    def set_sites(self, sites: list[SiteRecord]) -> None:
        keep = self.site_id()
        blocker = self.blockSignals(True)
        self.clear()
        for site in sites:
            self.addItem(site.name, site.id)
        index = self.findData(keep)
        self.setCurrentIndex(index if index >= 0 else 0)
        self.blockSignals(blocker)

    def site_id(self) -> int | None:
        value = self.currentData()
        return None if value is None else int(value)

    def choose(self, site_id: int | None) -> None:
        index = self.findData(site_id)
        if index >= 0:
            blocker = self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(blocker)


class QueuesPage(RecordPage):
    entity = "queue"
    field_names = tuple(f.name for f in QUEUE_FIELDS)
    columns = (
        Column("Queue", lambda r: r.name),
        Column("Site", lambda r: r.site),
        Column("Channel", lambda r: r.channel),
        Column("Target %", lambda r: r.sl_target_percent),
        Column("Threshold s", lambda r: r.threshold_seconds),
        Column("Short abandon s", lambda r: r.short_abandon_seconds),
        Column("Patience s", lambda r: r.patience_seconds),
        Column("Active", lambda r: r.active),
    )
    add_label = "New queue"

    def extra_widgets(self) -> list[QWidget]:
        self._when: date | None = None
        self._site: int | None = None
        layout = self.form.layout_  # the form's own rows: labels line up with its fields
        self.site_chooser = SiteChooser()
        self.site_chooser.setObjectName("queueSite")
        self.active = QCheckBox(self.tr("Active (an inactive queue keeps its history)"))
        self.active.setObjectName("queueActive")
        self.active.toggled.connect(self.update_buttons)
        self.from_date = QDateEdit()
        self.from_date.setObjectName("targetsFrom")
        self.from_date.setCalendarPopup(True)
        self.from_date.setDisplayFormat("yyyy-MM-dd")
        self.from_date.setToolTip(
            self.tr(
                "The first day the new target, threshold or short-abandon time applies; "
                "days before it keep the values that were in force"
            )
        )
        self.from_note = QLabel(self.tr("Targets apply from"))
        layout.addRow(self.tr("Site"), self.site_chooser)
        layout.addRow("", self.active)
        layout.addRow(self.from_note, self.from_date)
        self.form.edited.connect(self._dated_shown)
        return []

    def _dated_shown(self) -> None:
        dated = bool(DATED_QUEUE_FIELDS & self.form.changes().keys()) and not self.adding
        self.from_date.setEnabled(dated)

    def context_changed(self) -> None:
        self.site_chooser.set_sites(self.context)

    def load_extra(self, record: Any) -> None:
        self.site_chooser.setEnabled(record is None and self.adding)
        if record is not None:
            self.site_chooser.choose(record.site_id)
        self.active.blockSignals(True)
        self.active.setChecked(True if record is None else record.active)
        self.active.blockSignals(False)
        self.active.setEnabled(record is not None)
        self.from_date.setDate(QDate.currentDate())
        self._dated_shown()

    def extra_changes(self) -> dict[str, Any]:
        if self.current is None or self.active.isChecked() == self.current.active:
            return {}
        return {"active": self.active.isChecked()}

    def effective_from(self) -> date | None:
        return self.from_date.date().toPython() if self.from_date.isEnabled() else None

    def fetch(self, db: Database) -> tuple[list[Any], Any]:
        return list_queues(db), list_sites(db)

    def store(self, db: Database, seen: Any, changes: dict[str, Any]) -> Any:
        return update_queue(db, seen, changes, current_actor(), self._when)

    def save(self) -> None:
        # Read on the GUI thread; the op on the worker uses them.
        self._when, self._site = self.effective_from(), self.site_chooser.site_id()
        super().save()

    def create(self, db: Database, values: dict[str, Any]) -> Any:
        assert self._site is not None
        return add_queue(db, self._site, values, current_actor())

    def can_save(self) -> bool:
        if self.adding and self.site_chooser.site_id() is None:
            return False
        return super().can_save()

    def start_adding(self) -> None:
        super().start_adding()
        self.site_chooser.setEnabled(True)

    def defaults(self) -> dict[str, Any]:
        return {
            "channel": "voice",
            "sl_target_percent": 80.0,
            "threshold_seconds": 20,
            "short_abandon_seconds": 5,
            "shrinkage_percent": 30.0,
            "occupancy_cap_percent": 85.0,
        }

    def describe(self, record: Any) -> str:
        return f"{record.name} · {record.site}"

    def saved_text(self, record: Any) -> str:
        """A change dated ahead leaves today's values in the list: say when it applies."""
        text = super().saved_text(record)
        if self._when is not None and self._when > QDate.currentDate().toPython():
            note = self.tr("The new targets apply from {0}; the list shows today's.")
            text += " " + note.format(self._when.isoformat())
        return text
