"""The first-run wizard, and File › Connect… later: which database this console opens.

Three ways in, one page each: try the demo (a local file with four weeks of history and
live simulated traffic, as ``gui --demo``), start an empty local database (then Setup),
or connect to a shared PostgreSQL. The shared page's "Test connection" runs on a worker
and says precisely what is wrong (unreachable, wrong password, no such database, schema
too old or too new); "Connect" is offered only once the test succeeded for what is typed.
Nothing is saved here: the caller saves the ``ConnectChoice`` (``apply_choice``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.connection_check import (
    TLS_MODES,
    CheckResult,
    Outcome,
    SharedDatabase,
    check_shared_database,
)
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Workers

Checker = Callable[[SharedDatabase, str | None], CheckResult]


class ChoiceKind(StrEnum):
    DEMO = "demo"
    LOCAL = "local"
    SHARED = "shared"


@dataclass(frozen=True)
class ConnectChoice:
    kind: ChoiceKind
    shared: SharedDatabase | None = None
    password: str | None = None  # in memory, or the keychain if remembered; never in settings
    remember: bool = False  # keep the password in the OS keychain


class ConnectDialog(QDialog):
    """Modal on a first start (nothing to show behind it); window-modal from File › Connect…."""

    def __init__(
        self,
        workers: Workers,
        parent: QWidget | None = None,
        *,
        first_run: bool = True,
        checker: Checker = check_shared_database,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self._workers = workers
        self._checker = checker
        self._tested: SharedDatabase | None = None
        self._testing = False
        self.choice: ConnectChoice | None = None
        self.setWindowTitle(
            self.tr("Welcome to Supervisor Console") if first_run else self.tr("Connect")
        )
        self.setMinimumWidth(560)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choice_page(first_run))
        self.pages.addWidget(self._shared_page())
        self._warn_tls()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- page 1: the three ways in ---------------------------------------------------------
    def _choice_page(self, first_run: bool) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr("Which database should this console open?")
            if not first_run
            else self.tr(
                "<b>No database is set up on this computer yet.</b><br>"
                "Choose how to start; File › Connect… changes it later."
            )
        )
        intro.setWordWrap(True)
        self.demo_button = QCommandLinkButton(
            self.tr("Try the demo"),
            self.tr(
                "A local database with four weeks of simulated history and live traffic, "
                "to look around without risk."
            ),
        )
        self.local_button = QCommandLinkButton(
            self.tr("Start an empty local database"),
            self.tr(
                "A database file on this computer; Setup opens to add your site, queues and agents."
            ),
        )
        self.shared_button = QCommandLinkButton(
            self.tr("Connect to a shared database"),
            self.tr("The PostgreSQL database your contact center shares between workstations."),
        )
        self.demo_button.clicked.connect(lambda: self._choose(ConnectChoice(ChoiceKind.DEMO)))
        self.local_button.clicked.connect(lambda: self._choose(ConnectChoice(ChoiceKind.LOCAL)))
        self.shared_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        for button in (self.demo_button, self.local_button, self.shared_button):
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(cancel)
        return page

    # -- page 2: the shared database --------------------------------------------------------
    def _shared_page(self) -> QWidget:
        page = QWidget()
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("server name, e.g. db.example.internal"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("contact_center")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("not needed if PGPASSWORD or a .pgpass file has it")
        )
        self.remember = QCheckBox(self.tr("&Remember the password in this computer's keychain"))
        self.tls = QComboBox()
        for mode, label in zip(
            TLS_MODES,
            (
                self.tr("Use TLS if the server offers it"),
                self.tr("Require TLS"),
                self.tr("Require TLS and check the server's certificate"),
                self.tr("No TLS"),
            ),
            strict=True,
        ):
            self.tls.addItem(label, mode)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("&TLS:"), self.tls)
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(
            self.tr("the CA certificate file the database owner gave you")
        )
        form.addRow(self.tr("&CA file:"), self.ca_file)
        self.tls_warning = QLabel()
        self.tls_warning.setObjectName("tlsWarning")
        self.tls_warning.setWordWrap(True)
        self.tls_warning.setTextFormat(Qt.TextFormat.PlainText)
        set_tone(self.tls_warning, "warn")
        self.tls_warning.hide()
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setObjectName("connectionResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        back = buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.ResetRole)
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.connect_button = buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setEnabled(False)
        self.connect_button.clicked.connect(self._connect_shared)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        for field in (self.host, self.database, self.user, self.password, self.ca_file):
            field.textChanged.connect(self._forget_test)
        self.port.valueChanged.connect(self._forget_test)
        self.tls.currentIndexChanged.connect(self._forget_test)
        self.host.textChanged.connect(self._warn_tls)
        self.tls.currentIndexChanged.connect(self._warn_tls)
        self.heading = QLabel(self.tr("<b>Connect to a shared database</b>"))
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.tls_warning)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def target(self) -> SharedDatabase | None:
        """The form as a ``SharedDatabase``; None (and the field named) if one is missing."""
        for field, name in (
            (self.host, self.tr("server")),
            (self.database, self.tr("database")),
            (self.user, self.tr("user")),
        ):
            if not field.text().strip():
                self._show(self.tr("Enter the {field} name.").format(field=name), ok=False)
                field.setFocus()
                return None
        return SharedDatabase(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            tls=str(self.tls.currentData()),
            ca_file=self.ca_file.text().strip() if self.tls.currentData() == "verify-full" else "",
        )

    def _warn_tls(self) -> None:
        tls = str(self.tls.currentData())
        self.ca_file.setEnabled(tls == "verify-full")
        probe = SharedDatabase(self.host.text().strip() or "localhost", 5432, "", "", tls)
        warning = probe.tls_warning()
        self.tls_warning.setText(warning or "")
        self.tls_warning.setVisible(warning is not None)

    def login(self, target: SharedDatabase, message: str) -> None:
        """Open as the login dialog: the shared page, filled in from the saved database."""
        self.setWindowTitle(self.tr("Log in"))
        self.heading.setText(self.tr("<b>Log in to the shared database</b>"))
        self.host.setText(target.host)
        self.port.setValue(target.port)
        self.database.setText(target.database)
        self.user.setText(target.user)
        self.tls.setCurrentIndex(max(self.tls.findData(target.tls), 0))
        self.ca_file.setText(target.ca_file)
        self.pages.setCurrentIndex(1)
        self._show(message, ok=False)
        self.password.setFocus()

    def test_connection(self) -> None:
        target = self.target()
        if target is None or self._testing:
            return
        self._testing = True
        self.test_button.setEnabled(False)
        self._show(self.tr("Testing {where}…").format(where=target.where()), ok=None)
        password = self.password.text() or None
        self._workers.run(
            lambda _report: self._checker(target, password),
            on_success=lambda result: self._tested_result(target, result),
            on_failure=lambda exc: self._tested_result(
                target, CheckResult(Outcome.OTHER, str(exc))
            ),
        )

    def _tested_result(self, target: SharedDatabase, result: CheckResult) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        self._show(result.message, ok=result.ok)
        still_same = target == self.target()
        self._tested = target if result.ok and still_same else None
        self.connect_button.setEnabled(self._tested is not None)

    def _forget_test(self) -> None:
        self._tested = None
        self.connect_button.setEnabled(False)

    def _show(self, text: str, *, ok: bool | None) -> None:
        self.result.setText(text)
        colour = {True: "#1b7f3b", False: "#b3261e", None: "palette(placeholder-text)"}[ok]
        self.result.setStyleSheet(f"color: {colour};")

    def _connect_shared(self) -> None:
        if self._tested is None:
            return
        self._choose(
            ConnectChoice(
                ChoiceKind.SHARED,
                self._tested,
                self.password.text() or None,
                remember=self.remember.isChecked(),
            )
        )

    def _choose(self, choice: ConnectChoice) -> None:
        self.choice = choice
        self.accept()
