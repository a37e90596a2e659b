"""Time off for the week: enter a request, approve or refuse one (an approved one blocks shifts)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.enums import TimeOffStatus
from supervisor_app.domain.schedule_types import ScheduleWeek, TimeOffBand
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.dialogs.dialog_tables import fill, make_table, selected_payload

Request = tuple[int, datetime, datetime, str | None]


class TimeOffDialog(QDialog):
    requested = Signal(object)  # Request: agent, start, end (UTC), reason
    decided = Signal(object, bool)  # the TimeOffBand, approve?

    def __init__(
        self, week: ScheduleWeek, agent_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timeOffDialog")
        self.setWindowTitle(
            self.tr("Time off — week of {week_start:%d %b %Y}").format(week_start=week.week_start)
        )
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.zone = ZoneInfo(week.timezone)
        self.names = {a.agent_id: a.name for a in week.agents}
        self.table = make_table("timeOffTable", ["Agent", "From", "To", "Status", "Reason"])
        self.table.itemSelectionChanged.connect(self._sync)
        self.approve = QPushButton(self.tr("Approve"))
        self.refuse = QPushButton(self.tr("Refuse"))
        self.approve.clicked.connect(lambda: self._decide(True))
        self.refuse.clicked.connect(lambda: self._decide(False))
        self.agent = QComboBox()
        self.agent.setObjectName("timeOffAgent")
        for a in sorted(week.agents, key=lambda a: a.name.casefold()):
            self.agent.addItem(a.name, a.agent_id)
        if agent_id is not None:
            self.agent.setCurrentIndex(max(self.agent.findData(agent_id), 0))
        monday = datetime.combine(week.week_start, time(0), tzinfo=self.zone)
        self.start = self._when(monday)
        self.end = self._when(monday + timedelta(days=1))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (optional)"))
        self.add = QPushButton(self.tr("Enter request"))
        self.add.clicked.connect(self._request)
        form = QFormLayout()
        form.addRow(self.tr("Agent"), self.agent)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.add)
        actions = QHBoxLayout()
        actions.addWidget(self.approve)
        actions.addWidget(self.refuse)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(form)
        self.resize(720, 480)
        self.show_bands(week.time_off)

    def _when(self, local: datetime) -> QDateTimeEdit:
        edit = QDateTimeEdit(QDateTime(local.replace(tzinfo=None)))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMM yyyy HH:mm")
        return edit

    def show_bands(self, bands: tuple[TimeOffBand, ...]) -> None:
        z = self.zone
        fill(
            self.table,
            [
                (
                    (
                        self.names.get(b.agent_id, f"agent {b.agent_id}"),
                        (f"{b.starts_at.astimezone(z):%a %d %b %H:%M}", b.starts_at.isoformat()),
                        (f"{b.ends_at.astimezone(z):%a %d %b %H:%M}", b.ends_at.isoformat()),
                        pal.TIME_OFF_NAME[b.status].removeprefix("Time off (").rstrip(")"),
                        b.reason,
                    ),
                    b,
                )
                for b in sorted(bands, key=lambda b: (b.starts_at, b.agent_id))
            ],
        )
        self._sync()

    def _sync(self) -> None:
        band = selected_payload(self.table)
        pending = isinstance(band, TimeOffBand) and band.status == TimeOffStatus.REQUESTED
        self.approve.setEnabled(pending)
        self.refuse.setEnabled(pending)

    def _decide(self, approve: bool) -> None:
        band = selected_payload(self.table)
        if isinstance(band, TimeOffBand):
            self.decided.emit(band, approve)

    def _utc(self, edit: QDateTimeEdit) -> datetime:
        local = edit.dateTime().toPython().replace(tzinfo=self.zone)  # type: ignore[union-attr]
        return local.astimezone(UTC)

    def _request(self) -> None:
        reason = self.reason.text().strip() or None
        self.requested.emit(
            (self.agent.currentData(), self._utc(self.start), self._utc(self.end), reason)
        )
