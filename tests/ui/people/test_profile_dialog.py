"""The agent profile on a seeded SQLite database: every section fills on a worker, the trend
has 13 months, training shows its statuses and saves, and the GUI thread never waits."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QTime, QTimer
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.permissions import Role
from supervisor_app.services.database import Database
from supervisor_app.services.people import add_course, record_completion
from supervisor_app.services.schedules import check_schedule, load_week
from supervisor_app.services.setup import list_agents, list_queues, update_agent
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import (
    SECTIONS,
    AgentProfileDialog,
    SessionForm,
    open_agent_profile,
)
from supervisor_app.ui.people.header_section import HeaderSection, tenure
from supervisor_app.ui.people.schedule_section import ScheduleSection
from supervisor_app.ui.people.scorecard_section import ScorecardSection
from supervisor_app.ui.people.section import ProfileSection
from supervisor_app.ui.people.training_section import TrainingSection

from .conftest import NOW

TODAY = date(2026, 12, 7)
WAIT = 60_000


def _agent(db: Database) -> Any:
    return next(a for a in list_agents(db) if a.team_id is not None)


def opened(
    qtbot: QtBot, workers: Workers, db: Database, agent_id: int, **kw: Any
) -> AgentProfileDialog:
    dialog = open_agent_profile(None, workers, db, agent_id, now=NOW, **kw)
    qtbot.waitUntil(lambda: bool(dialog.frames) and not dialog.busy_sections(), timeout=60_000)
    return dialog


def test_every_section_fills_and_the_trend_has_13_months(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    agent = _agent(db)
    update_agent(db, agent, {"hire_date": date(2023, 2, 20)}, "tester")
    dialog = opened(qtbot, workers, db, agent.id)
    assert [type(f.section) for f in dialog.frames] == SECTIONS
    assert dialog.heading.text() == f"{agent.name} ({agent.employee_code})"
    header = dialog.section(HeaderSection)
    assert isinstance(header, HeaderSection)
    assert header.values["team"].text() == agent.team
    # 2023-02-20 to 2026-12-07: 3 years and 9 whole months (20 Nov → 7 Dec is not a month)
    assert header.values["hired"].text() == "20 Feb 2023 (3 y 9 m)"
    score = dialog.section(ScorecardSection)
    assert isinstance(score, ScorecardSection) and score.trend is not None
    assert len(score.trend.points) == 13 and len(score.chart.labels) == 13
    assert score.chart.labels[0] == "Dec 25" and score.chart.labels[-1] == "Dec 26"
    xs, _ = score.chart.agent.getData()
    assert xs is not None and set(xs) <= set(range(13)) and 11.0 in set(xs)  # November
    training = dialog.section(TrainingSection)
    assert isinstance(training, TrainingSection)
    assert training.empty.isVisibleTo(dialog) and training.empty.text() == "No training recorded"
    dialog.close()


def test_tenure_is_whole_months() -> None:
    assert tenure(date(2024, 1, 31), date(2024, 2, 29)) == (0, 0)
    assert tenure(date(2024, 1, 31), date(2024, 3, 1)) == (0, 1)
    assert tenure(date(2020, 6, 1), date(2026, 6, 1)) == (6, 0)
    assert tenure(date(2027, 1, 1), date(2026, 6, 1)) == (0, 0)


def test_training_record_highlights_and_records_a_completion(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    agent = _agent(db)
    queue = next(q for q in list_queues(db) if q.name == agent.skills[0].queue)
    expired = add_course(db, "Complaints", 30, [queue.id], "tester")
    add_course(db, "GDPR", 365, [queue.id], "tester")
    record_completion(db, agent.id, expired.id, date(2026, 10, 1), "tester")  # ended 10-31
    dialog = opened(qtbot, workers, db, agent.id)
    training = dialog.section(TrainingSection)
    assert isinstance(training, TrainingSection)
    table = training.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(5)] for r in range(2)}
    assert rows["GDPR"][2:] == ["—", "—", "never completed"]
    assert rows["Complaints"][2:] == ["01 Oct 2026", "31 Oct 2026", "expired"]
    assert table.item(0, 0).background().color().name() == "#fbe3e1"
    table.selectRow(next(r for r in range(2) if table.item(r, 0).text() == "GDPR"))
    training.ask_completion()
    form = training.form
    assert form is not None and form.course.currentText() == "GDPR"
    form.accept()
    qtbot.waitUntil(lambda: "holds until" in training.message.text(), timeout=20_000)
    qtbot.waitUntil(lambda: not dialog.busy_sections(), timeout=60_000)
    after = {table.item(r, 0).text(): table.item(r, 4).text() for r in range(table.rowCount())}
    assert after["GDPR"] == "valid"  # 7 Dec 2026 + 365 days: 7 Dec 2027
    dialog.close()


def test_schedule_session_writes_a_training_activity_schedule_check_sees(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    agent = _agent(db)
    london = ZoneInfo("Europe/London")
    day = TODAY + timedelta(days=2)
    monday = day - timedelta(days=day.weekday())
    shift = next(
        s
        for s in load_week(db, monday, [agent.team_id]).shifts
        if s.agent_id == agent.id and s.starts_at.astimezone(london).date() == day
    )
    shift_start = shift.starts_at.astimezone(london)
    dialog = opened(qtbot, workers, db, agent.id)
    training = dialog.section(TrainingSection)
    assert isinstance(training, TrainingSection)

    def book(start: datetime, minutes: int) -> str:
        training.ask_session()
        form = training.form
        assert isinstance(form, SessionForm)
        form.day.setDate(QDate(day.year, day.month, day.day))
        form.start.setTime(QTime(start.hour, start.minute))
        form.minutes.setValue(minutes)
        form.accept()
        qtbot.waitUntil(lambda: training.message.text() not in ("", "Saving…"), timeout=20_000)
        qtbot.waitUntil(lambda: not dialog.busy_sections(), timeout=60_000)
        return training.message.text()

    # half an hour before the shift, for an hour: it would overlap the shift's start
    said = book(shift_start - timedelta(minutes=30), 60)
    assert said.startswith("Not saved: ") and "would overlap the shift" in said
    # two hours into the shift, 45 minutes: a Training activity of that shift
    inside = shift_start + timedelta(hours=2)
    said = book(inside, 45)
    assert "is on the schedule" in said, said
    week = load_week(db, monday, [agent.team_id])
    host = next(s for s in week.shifts if s.id == shift.id)
    sessions = [a for a in host.activities if a.kind is ActivityKind.TRAINING]
    assert [(a.starts_at, a.ends_at) for a in sessions] == [
        (inside.astimezone(UTC), inside.astimezone(UTC) + timedelta(minutes=45))
    ]
    # schedule check reads the week with the session in it, as the grid does
    violations = check_schedule(db, monday)
    again = [v for v in violations if v.agent_id == agent.id]
    assert ("Schedule check that week:" in said) == bool(again)
    upcoming = dialog.section(ScheduleSection)
    assert isinstance(upcoming, ScheduleSection)
    row = next(i for i, s in enumerate(upcoming.shifts) if s.day == day)
    assert f"Training {inside:%H:%M}–" in upcoming.table.item(row, 3).text()
    dialog.close()


class Gate(ProfileSection):
    """A section whose fetch waits for the test: the dialog must stay responsive meanwhile."""

    title = "Gate"
    release = threading.Event()
    shown: ClassVar[list[Any]] = []

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        assert threading.current_thread() is not threading.main_thread()
        Gate.release.wait(20)
        return agent_id

    def show_data(self, data: Any) -> None:
        assert threading.current_thread() is threading.main_thread()
        Gate.shown.append(data)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window manager
def test_the_gui_thread_does_not_wait_for_a_section(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    agent = _agent(db)
    Gate.release.clear()
    dialog = open_agent_profile(
        None, workers, db, agent.id, now=NOW, sections=[HeaderSection, Gate]
    )
    qtbot.waitUntil(lambda: dialog.busy_sections() == ["Gate"], timeout=20_000)
    frame = dialog.frames[1]
    assert frame.stack.currentWidget() is frame.busy and frame.busy.text() == "Loading…"
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)  # the event loop runs
    timer.stop()
    Gate.release.set()
    qtbot.waitUntil(lambda: not dialog.busy_sections(), timeout=20_000)
    assert Gate.shown == [agent.id]
    again = open_agent_profile(None, workers, db, agent.id)
    assert again is dialog  # one profile per agent: asking again raises it
    dialog.close()


def test_a_role_that_may_not_write_is_not_offered_the_buttons(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    # a director only reads; a supervisor records completions but plans no schedule
    # (the grant matrix: training_completions SI for sc_supervisor, shifts not)
    agent = _agent(db)
    shown = {}
    for role in (Role.DIRECTOR, Role.SUPERVISOR, Role.PLANNER):
        dialog = opened(qtbot, workers, db, agent.id, role=role)
        training = dialog.section(TrainingSection)
        assert isinstance(training, TrainingSection)
        shown[role] = (
            training.record_button.isVisibleTo(dialog),
            training.session_button.isVisibleTo(dialog),
        )
        dialog.close()
        qtbot.waitUntil(lambda: not workers.busy(), timeout=WAIT)
    assert shown == {
        Role.DIRECTOR: (False, False),
        Role.SUPERVISOR: (True, False),
        Role.PLANNER: (False, True),
    }


def test_the_profile_remembers_its_size_and_fits_a_small_screen(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    agent = _agent(db)
    first = opened(qtbot, workers, db, agent.id)
    screen = first.screen().availableGeometry()
    # 1180×980 at most, and never more than 92 % × 90 % of the screen (a 1366×768 laptop)
    assert (first.width(), first.height()) == (
        min(1180, int(screen.width() * 0.92)),
        min(980, int(screen.height() * 0.9)),
    )
    first.resize(640, 480)
    first.close()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=WAIT)
    again = opened(qtbot, workers, db, agent.id)
    assert (again.width(), again.height()) == (640, 480)
    again.close()
