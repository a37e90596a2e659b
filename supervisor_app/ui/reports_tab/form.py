"""The Reports tab's choices: which report, which dates, which queues and teams, which file.

A plain form that turns its widgets into an ``ExportRequest`` and says when any
choice changed; it knows nothing of the database (the tab fills its queue and
team lists from ``report_context``).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from supervisor_app.reports.request import (
    HAS_ROWS,
    USES_AGENTS,
    USES_QUEUES,
    USES_TEAMS,
    ExportRequest,
)
from supervisor_app.services.report_data import AgentChoice, Named, ReportContext

PERIODS = (
    (QT_TRANSLATE_NOOP("ReportForm", "From the range"), None),
    (QT_TRANSLATE_NOOP("ReportForm", "Daily"), "daily"),
    (QT_TRANSLATE_NOOP("ReportForm", "Weekly"), "weekly"),
    (QT_TRANSLATE_NOOP("ReportForm", "Monthly"), "monthly"),
)
ROW_LEVEL = HAS_ROWS
WHOLE_TEAM = QT_TRANSLATE_NOOP("ReportForm", "The ticked team, side by side")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ChoiceList(QListWidget):
    """Checkable names; none checked means all of them."""

    def __init__(self, object_name: str) -> None:
        super().__init__(objectName=object_name)
        self.setMaximumHeight(110)
        self.setToolTip(self.tr("Tick to keep only these; none ticked means all"))

    def fill(self, names: tuple[Named, ...]) -> None:
        kept = set(self.chosen())
        self.clear()
        for n in names:
            item = QListWidgetItem(n.name)
            item.setData(Qt.ItemDataRole.UserRole, n.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if n.name in kept else Qt.CheckState.Unchecked)
            self.addItem(item)

    def chosen(self) -> tuple[str, ...]:
        items = (self.item(i) for i in range(self.count()))
        return tuple(i.text() for i in items if i.checkState() == Qt.CheckState.Checked)


class ReportForm(QWidget):
    changed = Signal()

    def __init__(self, reports: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site_id: int | None = None  # the window's site (None: all sites)
        self.report = QComboBox(objectName="reportKind")
        for name, title in reports.items():
            self.report.addItem(title, name)
        today = date.today()
        self.first = self._date_edit("reportFrom", today - timedelta(days=7))
        self.last = self._date_edit("reportTo", today - timedelta(days=1))
        self.period = QComboBox(objectName="reportPeriod")
        for title, value in PERIODS:
            self.period.addItem(QCoreApplication.translate("ReportForm", title), value)
        self.queues = ChoiceList("reportQueues")
        self.teams = ChoiceList("reportTeams")
        self.agent = QComboBox(objectName="reportAgent")
        self.agent.setToolTip(self.tr("A review pack is about one agent, or one ticked team"))
        self.rows = QCheckBox(
            self.tr("Add a sheet with one row per contact"), objectName="reportRows"
        )
        self.file = QLineEdit(objectName="reportFile")
        self.file.setPlaceholderText(self.tr("Where to save the workbook (.xlsx)"))
        self.browse = QPushButton(self.tr("Browse…"), objectName="reportBrowse")
        self.browse.clicked.connect(self._browse)
        self.folder = Path.home()
        self._file_typed = False
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse)
        layout = QFormLayout(self)
        layout.addRow(self.tr("&Report:"), self.report)
        layout.addRow(self.tr("&From:"), self.first)
        layout.addRow(self.tr("&To:"), self.last)
        layout.addRow(self.tr("&Period:"), self.period)
        layout.addRow(self.tr("&Queues:\n(none ticked: all)"), self.queues)
        layout.addRow(self.tr("T&eams:\n(none ticked: all)"), self.teams)
        layout.addRow(self.tr("A&gent:"), self.agent)
        layout.addRow("", self.rows)
        file_label = QLabel(self.tr("F&ile:"))
        file_label.setBuddy(self.file)  # a layout row has no buddy of its own
        layout.addRow(file_label, file_row)
        for signal in (
            self.report.currentIndexChanged,
            self.period.currentIndexChanged,
            self.agent.currentIndexChanged,
        ):
            signal.connect(self._on_change)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._on_change)
        for box in (self.queues, self.teams):
            box.itemChanged.connect(self._on_change)
        self.rows.toggled.connect(self._on_change)
        self.file.textEdited.connect(self._typed)
        self._sync()

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def set_context(self, context: ReportContext) -> None:
        self.site_id = context.site_id
        self.queues.fill(context.queues)
        self.teams.fill(context.teams)
        self._fill_agents(context.agents)

    def _fill_agents(self, agents: tuple[AgentChoice, ...]) -> None:
        """The site's agents, the current one kept; first the choice of a whole team."""
        kept = self.agent.currentData()
        self.agent.blockSignals(True)
        self.agent.clear()
        self.agent.addItem(QCoreApplication.translate("ReportForm", WHOLE_TEAM), None)
        for choice in agents:
            self.agent.addItem(choice.label, choice.code)
        found = self.agent.findData(kept) if kept is not None else -1
        self.agent.setCurrentIndex(found if found >= 0 else min(1, self.agent.count() - 1))
        self.agent.blockSignals(False)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self._sync()

    def request(self) -> ExportRequest:
        name = self.report.currentData()
        agent = self.agent.currentData() if name in USES_AGENTS else None
        return ExportRequest(
            report=name,
            first=_date(self.first.date()),
            last=_date(self.last.date()),
            queues=self.queues.chosen() if name in USES_QUEUES else (),
            teams=self.teams.chosen() if name in USES_TEAMS and agent is None else (),
            agents=(agent,) if agent else (),
            period=self.period.currentData() if name == "service" else None,
            rows=self.rows.isChecked() and name in ROW_LEVEL,
            site_id=self.site_id,
        )

    def target(self) -> Path | None:
        text = self.file.text().strip()
        return Path(text).expanduser() if text else None

    def suggested_name(self) -> str:
        r = self.request()
        who = "".join("-" + "".join(c for c in a if c.isalnum() or c in "-_") for a in r.agents)
        return f"{r.report}{who}-{r.first:%Y-%m-%d}-to-{r.last:%Y-%m-%d}.xlsx"

    def _typed(self, _text: str) -> None:
        self._file_typed = True

    def _on_change(self, *_args: object) -> None:
        self._sync()
        self.changed.emit()

    def _sync(self) -> None:
        name = self.report.currentData()
        self.period.setEnabled(name == "service")
        self.queues.setEnabled(name in USES_QUEUES)
        self.agent.setEnabled(name in USES_AGENTS)
        self.teams.setEnabled(
            name in USES_TEAMS and (name not in USES_AGENTS or self.agent.currentData() is None)
        )
        self.rows.setEnabled(name in ROW_LEVEL)
        if not self._file_typed:
            self.file.setText(str(self.folder / self.suggested_name()))

    def _browse(self) -> None:
        current = self.target() or self.folder / self.suggested_name()
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as"), str(current), self.tr("Excel workbook (*.xlsx)")
        )
        if chosen:
            if not chosen.lower().endswith(".xlsx"):
                chosen += ".xlsx"
            self.file.setText(chosen)
            self._file_typed = True
