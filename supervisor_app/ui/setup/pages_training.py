"""The Training page: courses (name, how long a completion holds), the queues that require
each, and who is due within 30 days — with "Record completion…" for a due agent.

Every read and save runs on a worker; the services write the audit rows. What a
missing course means for a schedule is the labour rules' part (``schedule check``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.services.people import (
    DUE_WITHIN_DAYS,
    Course,
    TrainingDue,
    add_course,
    list_courses,
    record_completion,
    set_required_queues,
    training_due,
)
from supervisor_app.services.setup import list_queues
from supervisor_app.ui.common.failures import first_line
from supervisor_app.ui.common.text_rows import text_table
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import CompletionForm, open_agent_profile

OVERDUE_FILL, SOON_FILL = QColor("#fbe3e1"), QColor("#fdf0d5")


def _table(name: str, headings: list[str]) -> QTableWidget:
    table = text_table(name, headings)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSortingEnabled(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], fills: list[QColor | None]) -> None:
    table.setRowCount(len(rows))
    for r, (cells, fill) in enumerate(zip(rows, fills, strict=True)):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if fill is not None:
                item.setBackground(QBrush(fill))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    # the last column (queues: the long one) takes what is left and elides, with the whole
    # text as its tooltip, rather than pushing the columns beside it out of sight
    last = table.columnCount() - 1
    table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
    for r in range(table.rowCount()):
        item = table.item(r, last)
        if item is not None:
            item.setToolTip(item.text())


class TrainingPage(QWidget):
    def __init__(
        self, workers: Workers, db: Database, parent: QWidget | None = None, *, today: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPage")
        self.workers, self.db = workers, db
        self._today = today or date.today
        self.courses: list[Course] = []
        self.due: list[TrainingDue] = []
        self.queues: list[Any] = []
        self.busy = False
        self.course_table = _table(
            "trainingCourses", [self.tr("Course"), self.tr("Valid for"), self.tr("Required by")]
        )
        self.course_table.itemSelectionChanged.connect(self._course_chosen)
        self.name = QLineEdit()
        self.name.setObjectName("courseName")
        self.name.setPlaceholderText(self.tr("e.g. Card payments (PCI)"))
        self.name.textChanged.connect(self._sync)
        self.valid_days = QSpinBox()
        self.valid_days.setObjectName("courseValidDays")
        self.valid_days.setRange(0, 3650)
        self.valid_days.setValue(365)
        self.valid_days.setSpecialValueText(self.tr("never expires"))
        self.valid_days.setSuffix(self.tr(" days"))
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("courseQueues")
        self.queue_list.setMaximumHeight(150)
        self.add_button = QPushButton(self.tr("Add course"))
        self.add_button.setObjectName("addCourse")
        self.add_button.clicked.connect(self.add)
        self.queues_button = QPushButton(self.tr("Save required queues"))
        self.queues_button.setObjectName("saveCourseQueues")
        self.queues_button.setToolTip(self.tr("The ticked queues require the chosen course"))
        self.queues_button.clicked.connect(self.save_queues)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Valid for"), self.valid_days)
        form.addRow(self.tr("Required by"), self.queue_list)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.queues_button)
        buttons.addWidget(self.add_button)
        courses_box = QGroupBox(self.tr("Courses"))
        left = QVBoxLayout(courses_box)
        left.addWidget(self.course_table, 1)
        left.addLayout(form)
        left.addLayout(buttons)
        self.due_table = _table(
            "trainingDue",
            [
                self.tr("Agent"),
                self.tr("Code"),
                self.tr("Course"),
                self.tr("Expires"),
                self.tr("Queues"),
            ],
        )
        self.due_table.itemSelectionChanged.connect(self._sync)
        self.due_table.doubleClicked.connect(lambda _i: self.ask_completion())
        self.empty = QLabel(self.tr("No one is due within 30 days."))
        self.empty.setObjectName("trainingDueEmpty")
        set_tone(self.empty, "muted")
        self.empty.hide()
        self.record_button = QPushButton(self.tr("Record completion…"))
        self.record_button.setObjectName("dueRecordCompletion")
        self.record_button.clicked.connect(self.ask_completion)
        self.profile_button = QPushButton(self.tr("Profile…"))
        self.profile_button.setObjectName("dueProfile")
        self.profile_button.clicked.connect(self._open_profile)
        due_box = QGroupBox(self.tr("Due within 30 days (red: expired or never completed)"))
        right = QVBoxLayout(due_box)
        right.addWidget(self.due_table, 1)
        right.addWidget(self.empty)
        due_buttons = QHBoxLayout()
        due_buttons.addStretch(1)
        due_buttons.addWidget(self.profile_button)
        due_buttons.addWidget(self.record_button)
        right.addLayout(due_buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(courses_box)
        split.addWidget(due_box)
        split.setSizes([480, 620])
        self.message = QLabel()
        self.message.setObjectName("trainingPageMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.form: CompletionForm | None = None
        self._sync()

    # -- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        db, today = self.db, self._today()

        def op(_report: Any) -> tuple[list[Course], list[TrainingDue], list[Any]]:
            return list_courses(db), training_due(db, today, DUE_WITHIN_DAYS), list_queues(db)

        self.busy = True
        self._sync()
        self.workers.run(op, on_success=self._show, on_failure=self._failed)

    def _show(self, data: tuple[list[Course], list[TrainingDue], list[Any]]) -> None:
        if not isValid(self):
            return
        self.busy = False
        keep = self._chosen_course()
        self.courses, self.due, self.queues = data
        never, days = self.tr("never expires"), self.tr("{0} days")
        _fill(
            self.course_table,
            [
                (c.name, never if c.valid_days is None else days.format(c.valid_days),
                 ", ".join(c.queues) or "—")
                for c in self.courses
            ],
            [None] * len(self.courses),
        )  # fmt: skip
        for row, course in enumerate(self.courses):
            if keep is not None and course.id == keep.id:
                self.course_table.selectRow(row)
        overdue, soon = self.tr("overdue"), self.tr("never completed")
        _fill(
            self.due_table,
            [
                (d.agent, d.employee_code, d.course,
                 soon if d.expires_on is None else
                 f"{d.expires_on:%d %b %Y}" + (f" ({overdue})" if d.overdue else ""),
                 ", ".join(d.queues))
                for d in self.due
            ],
            [OVERDUE_FILL if d.overdue else SOON_FILL for d in self.due],
        )  # fmt: skip
        self.empty.setVisible(not self.due)
        self.due_table.setVisible(bool(self.due))
        self._course_chosen()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.busy = False
        set_tone(self.message, "error")
        self.message.setText(self.tr("Not done: {0}").format(first_line(exc)))
        self._sync()

    # -- courses ---------------------------------------------------------------------
    def _chosen_course(self) -> Course | None:
        row = self.course_table.currentRow()
        selected = self.course_table.selectionModel().hasSelection()
        return self.courses[row] if selected and 0 <= row < len(self.courses) else None

    def _course_chosen(self) -> None:
        course = self._chosen_course()
        required = set(course.queues) if course else set()
        self.queue_list.clear()
        for queue in self.queues:
            item = QListWidgetItem(f"{queue.name} · {queue.site}")
            item.setData(Qt.ItemDataRole.UserRole, queue.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = queue.name in required
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.queue_list.addItem(item)
        self._sync()

    def _ticked(self) -> list[int]:
        return [
            int(self.queue_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.queue_list.count())
            if self.queue_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def add(self) -> None:
        db, name, queues = self.db, self.name.text(), self._ticked()
        days = self.valid_days.value() or None
        self._save(
            lambda _r: add_course(db, name, days, queues, current_actor()),
            self.tr("Course added."),
        )

    def save_queues(self) -> None:
        course = self._chosen_course()
        if course is None:
            return
        db, queues = self.db, self._ticked()
        self._save(
            lambda _r: set_required_queues(db, course.id, queues, current_actor()),
            self.tr("Required queues saved."),
        )

    # -- due list --------------------------------------------------------------------
    def _chosen_due(self) -> TrainingDue | None:
        row = self.due_table.currentRow()
        selected = self.due_table.selectionModel().hasSelection()
        return self.due[row] if selected and 0 <= row < len(self.due) else None

    def ask_completion(self) -> None:
        due = self._chosen_due()
        if due is None:
            return
        course = next((c.id for c in self.courses if c.name == due.course), None)
        form = CompletionForm(due.agent, self.courses, self._today(), course, self)
        form.accepted.connect(lambda: self.save_completion(due.agent_id, *form.chosen()))
        self.form = form
        form.open()

    def save_completion(self, agent_id: int, course_id: int, day: date) -> None:
        db = self.db
        self._save(
            lambda _r: record_completion(db, agent_id, course_id, day, current_actor()),
            self.tr("Completion recorded."),
        )

    def _open_profile(self) -> None:
        due = self._chosen_due()
        if due is not None:
            open_agent_profile(self.window(), self.workers, self.db, due.agent_id)

    # -- saving ----------------------------------------------------------------------
    def _save(self, op: Any, said: str) -> None:
        self.busy = True
        set_tone(self.message, "muted")
        self.message.setText(self.tr("Saving…"))
        self._sync()

        def done(_result: Any) -> None:
            if isValid(self):
                self.message.setText(said)
                self.reload()

        self.workers.run(op, on_success=done, on_failure=self._failed)

    def _sync(self, *_args: object) -> None:
        idle = not self.busy
        self.add_button.setEnabled(idle and bool(self.name.text().strip()))
        self.queues_button.setEnabled(idle and self._chosen_course() is not None)
        chosen = self._chosen_due() is not None
        self.record_button.setEnabled(idle and chosen and bool(self.courses))
        self.profile_button.setEnabled(chosen)
