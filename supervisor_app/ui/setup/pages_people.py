"""The Teams & agents page: teams (rename, move between sites, who supervises them) and
agents (sortable, several at once for a skill), each agent's skills edited in a table
with proficiency."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.setup_fields import field
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.services.setup import (
    add_agent,
    add_team,
    list_agents,
    list_queues,
    list_sites,
    list_teams,
    remove_skill,
    save_agent_skills,
    set_skill,
    update_agent,
    update_team,
)
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import open_agent_profile
from supervisor_app.ui.setup.pages_org import SiteChooser
from supervisor_app.ui.setup.record_page import RecordPage
from supervisor_app.ui.setup.record_parts import Column
from supervisor_app.ui.setup.team_supervisors import TeamSupervisorsBox

_LEVEL = field("skill", "proficiency")


def _spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(int(_LEVEL.low or 1), int(_LEVEL.high or 10))
    spin.setValue(value)
    spin.setToolTip(f"{_LEVEL.label}: {_LEVEL.reason}")
    return spin


class TeamsPage(RecordPage):
    entity = "team"
    field_names = ("name",)
    columns = (
        Column("Team", lambda r: r.name),
        Column("Site", lambda r: r.site),
        Column("Agents", lambda r: r.agent_count),
    )
    add_label = "New team"

    def extra_widgets(self) -> list[QWidget]:
        layout = self.form.layout_  # the form's own rows: labels line up with its fields
        self.site_chooser = SiteChooser()
        self.site_chooser.setObjectName("teamSite")
        self.site_chooser.setToolTip(self.tr("Moving a team moves its agents to that site"))
        self.site_chooser.currentIndexChanged.connect(self.update_buttons)
        layout.addRow(self.tr("Site"), self.site_chooser)
        self._site: int | None = None
        self.supervisors = TeamSupervisorsBox(self.workers, self.db)
        return [self.supervisors]

    def context_changed(self) -> None:
        self.site_chooser.set_sites(self.context)

    def load_extra(self, record: Any) -> None:
        if record is not None:
            self.site_chooser.choose(record.site_id)
        self.site_chooser.setEnabled(record is not None or self.adding)
        self.supervisors.set_team(None if record is None else record.id)

    def extra_changes(self) -> dict[str, Any]:
        chosen = self.site_chooser.site_id()
        if self.current is None or chosen == self.current.site_id:
            return {}
        return {"site_id": chosen}

    def save(self) -> None:
        self._site = self.site_chooser.site_id()
        super().save()

    def fetch(self, db: Database) -> tuple[list[Any], Any]:
        return list_teams(db), list_sites(db)

    def store(self, db: Database, seen: Any, changes: dict[str, Any]) -> Any:
        return update_team(db, seen, changes, current_actor())

    def create(self, db: Database, values: dict[str, Any]) -> Any:
        assert self._site is not None
        return add_team(db, self._site, values["name"], current_actor())

    def describe(self, record: Any) -> str:
        return f"{record.name} · {record.site}"


class SkillsTable(QTableWidget):
    """One agent's skills: queue and proficiency (a spin box per row)."""

    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setObjectName("skillsTable")
        self.setHorizontalHeaderLabels([self.tr("Queue"), self.tr("Proficiency")])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMinimumHeight(120)
        self.on_change: Any = None

    def set_skills(self, skills: dict[int, tuple[str, int]]) -> None:
        self.setRowCount(0)
        for queue_id, (name, level) in sorted(skills.items(), key=lambda kv: kv[1][0]):
            self.add_skill(queue_id, name, level)

    def add_skill(self, queue_id: int, name: str, level: int) -> None:
        for row in range(self.rowCount()):
            if self.item(row, 0).data(Qt.ItemDataRole.UserRole) == queue_id:
                self.cellWidget(row, 1).setValue(level)  # type: ignore[union-attr]
                return
        row = self.rowCount()
        self.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, queue_id)
        self.setItem(row, 0, item)
        spin = _spin(level)
        spin.valueChanged.connect(lambda _v: self.on_change and self.on_change())
        self.setCellWidget(row, 1, spin)

    def skills(self) -> dict[int, int]:
        return {
            int(self.item(row, 0).data(Qt.ItemDataRole.UserRole)): int(
                self.cellWidget(row, 1).value()  # type: ignore[union-attr]
            )
            for row in range(self.rowCount())
        }


class AgentsPage(RecordPage):
    entity = "agent"
    field_names = ("name", "employee_code", "hourly_cost", "contracted_weekly_hours", "hire_date")
    columns = (
        Column("Code", lambda r: r.employee_code),
        Column("Agent", lambda r: r.name),
        Column("Team", lambda r: r.team),
        Column("Site", lambda r: r.site),
        Column("Cost/h", lambda r: r.hourly_cost),
        Column("Contract h", lambda r: r.contracted_weekly_hours),
        Column("Hired", lambda r: r.hire_date.isoformat() if r.hire_date else None),
        Column("Active", lambda r: r.active),
        Column("Skills", lambda r: ", ".join(f"{s.queue} {s.proficiency}" for s in r.skills)),
    )
    add_label = "New agent"

    def selection_mode(self) -> QAbstractItemView.SelectionMode:
        return QAbstractItemView.SelectionMode.ExtendedSelection

    def extra_widgets(self) -> list[QWidget]:
        layout = self.form.layout_  # the form's own rows: labels line up with its fields
        self.team = QComboBox()
        self.team.setObjectName("agentTeam")
        self.team.setToolTip(self.tr("Moving an agent to a team at another site moves them there"))
        self.team.currentIndexChanged.connect(self.update_buttons)
        self.active = QCheckBox(self.tr("Active (an inactive agent keeps their history)"))
        self.active.setObjectName("agentActive")
        self.active.toggled.connect(self.update_buttons)
        self.profile_button = QPushButton(self.tr("Profile…"))
        self.profile_button.setObjectName("agentProfile")
        self.profile_button.setToolTip(
            self.tr("The agent's profile: scorecard, training, schedule")
        )
        self.profile_button.clicked.connect(self._open_profile)
        layout.addRow(self.tr("Team"), self.team)
        layout.addRow("", self.active)
        layout.addRow("", self.profile_button)

        skills_box = QGroupBox(self.tr("Skills"))
        skills_layout = QVBoxLayout(skills_box)
        self.skills = SkillsTable()
        self.skills.on_change = self.update_buttons
        row = QHBoxLayout()
        self.skill_queue = QComboBox()
        self.skill_queue.setObjectName("skillQueue")
        self.skill_level = _spin(5)
        self.skill_level.setObjectName("skillLevel")
        self.add_skill_button = QPushButton(self.tr("Add / set"))
        self.add_skill_button.setObjectName("addSkill")
        self.add_skill_button.setToolTip(
            self.tr(
                "With one agent chosen: add the skill to the table (then Save). "
                "With several: give them all this skill now."
            )
        )
        self.add_skill_button.clicked.connect(self._add_skill)
        self.remove_skill_button = QPushButton(self.tr("Remove"))
        self.remove_skill_button.setObjectName("removeSkill")
        self.remove_skill_button.clicked.connect(self._remove_skill)
        row.addWidget(self.skill_queue, 1)
        row.addWidget(self.skill_level)
        row.addWidget(self.add_skill_button)
        row.addWidget(self.remove_skill_button)
        skills_layout.addWidget(self.skills)
        skills_layout.addLayout(row)
        self._team_id: int | None = None
        return [skills_box]

    # -- choosers ---------------------------------------------------------------------
    def context_changed(self) -> None:
        teams, queues = self.context
        keep = self.team.currentData()
        blocker = self.team.blockSignals(True)
        self.team.clear()
        self.team.addItem(self.tr("(no team)"), None)
        for team in teams:
            self.team.addItem(f"{team.name} · {team.site}", team.id)
        self.team.setCurrentIndex(max(0, self.team.findData(keep)))
        self.team.blockSignals(blocker)
        self.skill_queue.clear()
        for queue in queues:
            self.skill_queue.addItem(f"{queue.name} · {queue.site}", queue.id)

    def load_extra(self, record: Any) -> None:
        several = len(self.selected()) > 1
        for widget in (self.team, self.active, self.skills, self.remove_skill_button):
            widget.setEnabled(record is not None or (self.adding and widget is self.team))
        self.profile_button.setEnabled(record is not None)
        self.add_skill_button.setEnabled(record is not None or several)
        self.add_skill_button.setText(
            self.tr("Give to selected") if several else self.tr("Add / set")
        )
        self.remove_skill_button.setEnabled(record is not None or several)
        self.remove_skill_button.setText(
            self.tr("Take from selected") if several else self.tr("Remove")
        )
        blockers = self.team.blockSignals(True), self.active.blockSignals(True)
        self.team.setCurrentIndex(
            max(0, self.team.findData(None if record is None else record.team_id))
        )
        self.active.setChecked(True if record is None else record.active)
        self.team.blockSignals(blockers[0])
        self.active.blockSignals(blockers[1])
        self.skills.set_skills(
            {} if record is None else {s.queue_id: (s.queue, s.proficiency) for s in record.skills}
        )

    def extra_changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        team_id = self.team.currentData()
        if self.adding:
            return {"team_id": team_id}
        if self.current is None:
            return out
        if team_id != self.current.team_id:
            out["team_id"] = team_id
        if self.active.isChecked() != self.current.active:
            out["active"] = self.active.isChecked()
        skills = self.skills.skills()
        if skills != {s.queue_id: s.proficiency for s in self.current.skills}:
            out["skills"] = skills
        return out

    def _open_profile(self) -> None:
        if self.current is not None:
            open_agent_profile(self.window(), self.workers, self.db, int(self.current.id))

    # -- skills -----------------------------------------------------------------------
    def _add_skill(self) -> None:
        queue_id = self.skill_queue.currentData()
        if queue_id is None:
            return
        chosen = self.selected()
        if len(chosen) > 1:
            self._for_selected(chosen, int(queue_id), self.skill_level.value())
            return
        self.skills.add_skill(
            int(queue_id), self.skill_queue.currentText(), self.skill_level.value()
        )
        self.update_buttons()

    def _remove_skill(self) -> None:
        chosen = self.selected()
        if len(chosen) > 1:
            queue_id = self.skill_queue.currentData()
            if queue_id is not None:
                self._for_selected(chosen, int(queue_id), None)
            return
        rows = sorted({i.row() for i in self.skills.selectedIndexes()}, reverse=True)
        for row in rows:
            self.skills.removeRow(row)
        self.update_buttons()

    def _for_selected(self, agents: list[Any], queue_id: int, level: int | None) -> None:
        """Give (``level``) or take (None) one skill for several agents, on a worker."""
        db, ids = self.db, [a.id for a in agents]

        def op(_report: Any) -> int:
            if level is None:
                return remove_skill(db, ids, queue_id, current_actor())
            return set_skill(db, ids, queue_id, level, current_actor())

        self.busy = True
        self.message.setText(self.tr("Saving…"))
        self.update_buttons()

        def done(count: int) -> None:
            self.busy = False
            self.message.setText(
                self.tr("Changed the skill of {count} of {0} agents.").format(len(ids), count=count)
            )
            self.reload_keeping(ids)

        self.workers.run(op, on_success=done, on_failure=self._save_failed)

    def reload_keeping(self, ids: list[int]) -> None:
        def again() -> None:
            self.loaded.disconnect(again)
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(Qt.ItemDataRole.UserRole + 2) in ids:
                    self.table.selectionModel().select(
                        index,
                        self.table.selectionModel().SelectionFlag.Select
                        | self.table.selectionModel().SelectionFlag.Rows,
                    )

        self.loaded.connect(again)
        self.reload()

    # -- reading and saving ---------------------------------------------------------------
    def fetch(self, db: Database) -> tuple[list[Any], Any]:
        return list_agents(db), (list_teams(db), list_queues(db))

    def store(self, db: Database, seen: Any, changes: dict[str, Any]) -> Any:
        skills = changes.pop("skills", None)
        record = update_agent(db, seen, changes, current_actor()) if changes else seen
        if skills is not None:
            record = save_agent_skills(db, record, skills, current_actor())
        return record

    def create(self, db: Database, values: dict[str, Any]) -> Any:
        return add_agent(db, values, current_actor())

    def defaults(self) -> dict[str, Any]:
        return {"hourly_cost": 0.0, "contracted_weekly_hours": 40.0}

    def describe(self, record: Any) -> str:
        return f"{record.name} ({record.employee_code})"


class PeoplePage(QTabWidget):
    """Agents and teams, side by side as two inner tabs."""

    def __init__(self, workers: Workers, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agents = AgentsPage(workers, db)
        self.teams = TeamsPage(workers, db)
        self.addTab(self.agents, self.tr("Agents"))
        self.addTab(self.teams, self.tr("Teams"))
        self.teams.saved.connect(lambda _r: self.agents.reload())

    def reload(self) -> None:
        self.agents.reload()
        self.teams.reload()
