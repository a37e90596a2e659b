"""The Teams page's Supervisors box: the database logins who supervise the selected team
(their Live alerts show its agents' coaching follow-ups; on a shared database only they
and admins see its restricted records). Read and changed on a worker, audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.common.error_display import user_message

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.common.workers import Workers


class TeamSupervisorsBox(QGroupBox):
    def __init__(self, workers: Workers, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamSupervisors")
        self.setTitle(self.tr("Supervisors"))
        self.setToolTip(
            self.tr(
                "Database logins who supervise this team: their alerts show its coaching "
                "follow-ups, and only they and admins see its restricted records"
            )
        )
        self.workers, self.db = workers, db
        self.team_id: int | None = None
        self.logins = QListWidget()
        self.logins.setObjectName("teamSupervisorLogins")
        self.logins.setMaximumHeight(90)
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("login"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.login, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.logins)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.login.returnPressed.connect(self.add)
        self.logins.itemSelectionChanged.connect(self._sync)
        self.set_team(None)

    def set_team(self, team_id: int | None) -> None:
        """Show ``team_id``'s supervisors (None: no team chosen, or a new one)."""
        self.team_id = team_id
        self.logins.clear()
        self.status.setText("")
        self.setEnabled(team_id is not None)
        self._sync()
        if team_id is None:
            return
        db = self.db

        def read(_report: Any) -> list[str]:
            from supervisor_app.services.people import list_team_supervisors

            return [x.login for x in list_team_supervisors(db, team_id)]

        self.workers.run(
            read, on_success=lambda logins: self._show(team_id, logins), on_failure=self._failed
        )

    def _show(self, team_id: int, logins: list[str]) -> None:
        if team_id != self.team_id:
            return  # another team was chosen meanwhile
        self.logins.clear()
        self.logins.addItems(logins)
        self._sync()

    def add(self) -> None:
        login = self.login.text().strip()
        if self.team_id is not None and login:
            self._change(login, adding=True)

    def remove(self) -> None:
        item = self.logins.currentItem()
        if self.team_id is not None and item is not None:
            self._change(item.text(), adding=False)

    def _change(self, login: str, *, adding: bool) -> None:
        db, team_id = self.db, self.team_id
        assert team_id is not None

        def write(_report: Any) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.people import (
                add_team_supervisor,
                remove_team_supervisor,
            )

            change = add_team_supervisor if adding else remove_team_supervisor
            change(db, team_id, login, current_actor())

        def done(_: object) -> None:
            self.login.clear()
            self.set_team(team_id)

        self.workers.run(write, on_success=done, on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc).splitlines()[0])

    def _sync(self) -> None:
        self.remove_button.setEnabled(self.logins.currentItem() is not None)
