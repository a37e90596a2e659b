"""The Setup window driven as a user would, on both engines: every page validates at the
field as the user types (Save disabled), saves off the GUI thread with an audit row, and
a row changed behind the page's back is shown as a conflict, never overwritten."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from supervisor_app.services.database import Database, open_database
from supervisor_app.services.setup import (
    add_agent,
    add_queue,
    add_site,
    add_team,
    list_agents,
    list_audit,
    list_queues,
    list_sites,
    list_teams,
    load_rules,
    save_rules,
    update_agent,
    update_queue,
    update_site,
    update_team,
)
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.setup import SetupDialog

ME, OTHER = "planner@ws-1", "lead@ws-2"
WAIT = 20_000


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    london = add_site(database, {"name": "London", "timezone": "Europe/London"}, ME)
    york = add_site(
        database, {"name": "New York", "timezone": "America/New_York", "interval_minutes": "30"}, ME
    )
    add_queue(database, london.id, {"name": "Sales", "channel": "voice"}, ME)
    add_queue(database, london.id, {"name": "Support", "channel": "chat"}, ME)
    blue = add_team(database, london.id, "Blue", ME)
    add_team(database, york.id, "Hudson", ME)
    for n, name in enumerate(("Ann", "Bob", "Cy")):
        add_agent(database, {"name": name, "employee_code": f"E{n}", "team_id": blue.id}, ME)
    yield database
    database.close()


@pytest.fixture
def dialog(qtbot: QtBot, workers: Workers, db: Database) -> Iterator[SetupDialog]:
    window = SetupDialog(workers, db)  # closed here, not by qtbot: see the end
    pages = (
        window.sites,
        window.queues,
        window.people.agents,
        window.people.teams,
        window.rules,
    )
    with qtbot.waitSignals([p.loaded for p in pages], timeout=WAIT):
        window.show()
        window.reload()
    yield window
    # Closing asks about unsaved edits in a modal box; a test leaves some, so drop them
    # first (qtbot would close its widgets before this teardown runs).
    for page in pages:
        page.revert()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=WAIT)
    window.close()
    window.deleteLater()


def _type(qtbot: QtBot, page: object, name: str, text: str) -> None:
    editor = page.form.editors[name].editor  # type: ignore[attr-defined]
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def _error(page: object, name: str) -> str | None:
    editor = page.form.editors[name]  # type: ignore[attr-defined]
    return editor.error.text() if editor.error.isVisibleTo(page) else None


def _choose(page: object, text: str, column: int = 0) -> None:
    """Select the row whose ``column`` shows ``text``, as a click would."""
    proxy, table = page.proxy, page.table  # type: ignore[attr-defined]
    for row in range(proxy.rowCount()):
        if proxy.index(row, column).data() == text:
            table.selectionModel().select(
                proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            return
    raise AssertionError(f"no row {text!r}")


def _save(qtbot: QtBot, page: object) -> None:
    assert page.save_button.isEnabled()  # type: ignore[attr-defined]
    with qtbot.waitSignal(page.loaded, timeout=WAIT):  # type: ignore[attr-defined]
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def _save_refused(qtbot: QtBot, page: object) -> None:
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.conflict.isVisibleTo(page), timeout=WAIT)  # type: ignore[attr-defined]


# -- Sites ------------------------------------------------------------------------------
# The time-zone completer's popup: the offscreen platform can't raise it or grab keys.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_sites_page_validates_saves_and_shows_a_conflict(
    qtbot: QtBot, dialog: SetupDialog, db: Database
) -> None:
    page = dialog.sites
    _choose(page, "London")
    _type(qtbot, page, "timezone", "Europe/Nowhere")
    assert _error(page, "timezone") == (
        "Time zone 'Europe/Nowhere' refused: an IANA time zone such as Europe/London or "
        "America/New_York"
    )
    assert not page.save_button.isEnabled()
    _type(qtbot, page, "timezone", "Europe/Dublin")
    assert _error(page, "timezone") is None
    _type(qtbot, page, "fte_weekly_hours", "37.5")
    _save(qtbot, page)
    london = next(s for s in list_sites(db) if s.name == "London")
    assert (london.timezone, london.fte_weekly_hours) == ("Europe/Dublin", 37.5)
    assert list_audit(db, entity="site")[0].action == "site.update"

    update_site(db, london, {"name": "London City"}, OTHER)  # behind the page's back
    _type(qtbot, page, "fte_weekly_hours", "35")
    _save_refused(qtbot, page)
    text = page.conflict.message.text()
    assert OTHER in text and "Site name: London → London City" in text
    assert next(s for s in list_sites(db) if s.id == london.id).fte_weekly_hours == 37.5
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.conflict.reload, Qt.MouseButton.LeftButton)
    assert not page.conflict.isVisibleTo(page)
    assert page.form.editors["name"].text() == "London City"


def test_a_new_site_is_added(qtbot: QtBot, dialog: SetupDialog, db: Database) -> None:
    page = dialog.sites
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert not page.save_button.isEnabled()  # no name yet
    _type(qtbot, page, "name", "Glasgow")
    _save(qtbot, page)
    assert [s.name for s in list_sites(db)] == ["London", "New York", "Glasgow"]
    assert list_audit(db, entity="site")[0].action == "site.add"


# -- Queues -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "sl_target_percent",
            "150",
            "Service-level target 150 % refused: above 0 % and at most 100 %",
        ),
        (
            "threshold_seconds",
            "-5",
            "Answer threshold -5 s refused: a whole number of seconds from 1 to 3600",
        ),
        ("waiting_red", "1", "Waiting red 1 refused: it must be at or above the amber limit (3)"),
    ],
)
def test_queue_page_refuses_at_the_field(
    qtbot: QtBot, dialog: SetupDialog, name: str, text: str, reason: str
) -> None:
    page = dialog.queues
    _choose(page, "Sales")
    _type(qtbot, page, "waiting_amber", "3")
    _type(qtbot, page, name, text)
    assert _error(page, name) == reason
    assert not page.save_button.isEnabled()


def test_queue_page_saves_targets_from_a_date_then_shows_a_conflict(
    qtbot: QtBot, dialog: SetupDialog, db: Database
) -> None:
    page = dialog.queues
    _choose(page, "Sales")
    assert not page.from_date.isEnabled()  # nothing dated changed yet
    _type(qtbot, page, "threshold_seconds", "30")
    assert page.from_date.isEnabled()
    page.from_date.setDate(page.from_date.date().addDays(-7))
    week_ago = page.from_date.date().toPython()
    _save(qtbot, page)
    sales = next(q for q in list_queues(db) if q.name == "Sales")
    assert sales.threshold_seconds == 30
    row = list_audit(db, entity="queue")[0]
    assert row.after is not None
    assert row.after["effective_from"] == week_ago.isoformat()

    update_queue(db, sales, {"sl_target_percent": 85.0}, OTHER)
    _type(qtbot, page, "patience_seconds", "90")
    _save_refused(qtbot, page)
    assert "Service-level target: 80 → 85" in page.conflict.message.text()
    assert next(q for q in list_queues(db) if q.name == "Sales").patience_seconds is None


def test_queue_deactivated_from_the_page(qtbot: QtBot, dialog: SetupDialog, db: Database) -> None:
    page = dialog.queues
    _choose(page, "Support")
    page.active.setChecked(False)
    _save(qtbot, page)
    assert next(q for q in list_queues(db) if q.name == "Support").active is False
    assert list_audit(db, entity="queue")[0].action == "queue.deactivate"
    assert page.message.text() == "Saved Support · London."  # not wiped by the reload


# -- Teams & agents ---------------------------------------------------------------------
def test_agents_validate_save_and_conflict(qtbot: QtBot, dialog: SetupDialog, db: Database) -> None:
    page = dialog.people.agents
    _choose(page, "Ann", column=1)
    _type(qtbot, page, "contracted_weekly_hours", "90")
    assert _error(page, "contracted_weekly_hours") == (
        "Contracted hours 90 h refused: from 0 to 80 hours a week"
    )
    assert not page.save_button.isEnabled()
    _type(qtbot, page, "contracted_weekly_hours", "30")
    page.team.setCurrentIndex(page.team.findText("Hudson · New York"))
    _save(qtbot, page)
    ann = next(a for a in list_agents(db) if a.name == "Ann")
    assert (ann.contracted_weekly_hours, ann.site) == (30.0, "New York")
    assert list_audit(db, entity="agent")[0].action == "agent.move"

    update_agent(db, ann, {"hourly_cost": 22.0}, OTHER)
    _type(qtbot, page, "name", "Anne")
    _save_refused(qtbot, page)
    assert "Hourly cost: 0 → 22" in page.conflict.message.text()
    assert next(a for a in list_agents(db) if a.id == ann.id).name == "Ann"


def test_several_agents_get_a_skill_at_once_and_one_agents_table_saves(
    qtbot: QtBot, dialog: SetupDialog, db: Database
) -> None:
    page = dialog.people.agents
    selection = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.clearSelection()
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 1).data() in ("Ann", "Bob"):
            selection.select(page.proxy.index(row, 0), flags)
    assert page.add_skill_button.text() == "Give to selected"
    page.skill_queue.setCurrentIndex(page.skill_queue.findText("Support · London"))
    page.skill_level.setValue(7)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.add_skill_button, Qt.MouseButton.LeftButton)
    skills = {a.name: {s.queue: s.proficiency for s in a.skills} for a in list_agents(db)}
    assert skills == {"Ann": {"Support": 7}, "Bob": {"Support": 7}, "Cy": {}}
    assert len(list_audit(db, entity="skill")) == 2

    _choose(page, "Cy", column=1)
    page.skill_queue.setCurrentIndex(page.skill_queue.findText("Sales · London"))
    page.skill_level.setValue(4)
    qtbot.mouseClick(page.add_skill_button, Qt.MouseButton.LeftButton)
    assert page.skills.skills() != {}
    _save(qtbot, page)
    cy = next(a for a in list_agents(db) if a.name == "Cy")
    assert [(s.queue, s.proficiency) for s in cy.skills] == [("Sales", 4)]
    assert list_audit(db, entity="agent")[0].action == "agent.skills"


def test_team_moves_to_another_site_and_conflicts(
    qtbot: QtBot, dialog: SetupDialog, db: Database
) -> None:
    page = dialog.people.teams
    _choose(page, "Blue")
    page.site_chooser.setCurrentIndex(page.site_chooser.findText("New York"))
    _save(qtbot, page)
    blue = next(t for t in list_teams(db) if t.name == "Blue")
    assert blue.site == "New York"
    assert {a.site for a in list_agents(db)} == {"New York"}  # its agents went with it

    update_team(db, blue, {"name": "Navy"}, OTHER)
    _type(qtbot, page, "name", "Cobalt")
    _save_refused(qtbot, page)
    assert "Team name: Blue → Navy" in page.conflict.message.text()
    assert next(t for t in list_teams(db) if t.id == blue.id).name == "Navy"


# -- Labour rules -----------------------------------------------------------------------
def test_rules_page_validates_saves_and_conflicts(
    qtbot: QtBot, dialog: SetupDialog, db: Database
) -> None:
    page = dialog.rules
    _choose(page, "London")
    _type(qtbot, page, "max_shift_minutes", "120")
    assert _error(page, "max_shift_minutes") == (
        "Longest shift 120 min refused: it must not be below the shortest shift (180 min)"
    )
    assert not page.save_button.isEnabled()
    _type(qtbot, page, "max_shift_minutes", "540")
    page.breaks.add_rule((240, 1, 0, 15, 30))  # the same length as the first rule
    page._breaks_changed()
    assert not page.save_button.isEnabled()
    page.breaks.removeRow(page.breaks.rowCount() - 1)
    page._breaks_changed()
    _save(qtbot, page)
    site = next(s for s in list_sites(db) if s.name == "London")
    saved = load_rules(db, site.id)
    assert (saved.version, saved.max_shift_minutes) == (1, 540)

    save_rules(db, saved, {"min_rest_minutes": 600}, OTHER)
    _type(qtbot, page, "weekly_tolerance_minutes", "30")
    _save_refused(qtbot, page)
    assert "Rest between shifts: 660 → 600" in page.conflict.message.text()
    assert load_rules(db, site.id).weekly_tolerance_minutes == 60


# -- Audit ------------------------------------------------------------------------------
def test_audit_page_filters_exports_and_copies(
    qtbot: QtBot, dialog: SetupDialog, db: Database, tmp_path: Path
) -> None:
    page = dialog.audit
    with qtbot.waitSignal(page.table.model().layoutChanged, timeout=WAIT, raising=False):
        page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 9, timeout=WAIT)  # 2+2+2+3 additions
    assert page.entity.findData("team") >= 0
    page.entity.setCurrentIndex(page.entity.findData("team"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    assert {page.model.index(r, 4).data() for r in range(2)} == {"team.add"}

    page.export_to(tmp_path / "audit.csv")
    qtbot.waitUntil(lambda: (tmp_path / "audit.csv").exists(), timeout=WAIT)
    with (tmp_path / "audit.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0][:6] == ["At (UTC)", "Actor", "Entity", "Id", "Action", "Change"]
    assert [r[4] for r in rows[1:]] == ["team.add", "team.add"]
    page.export_to(tmp_path / "audit.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "audit.xlsx").exists(), timeout=WAIT)
    sheet = load_workbook(tmp_path / "audit.xlsx").active
    assert sheet is not None and sheet.max_row == 3

    page.table.selectAll()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0].split("\t")[:2] == ["At (UTC)", "Actor"]
    assert len(copied) == 3

    page.until.setDate(page.since.date().addDays(-1))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)
    assert page.status.text() == "No changes in this range."


def test_unsaved_edits_are_asked_about_before_they_are_dropped(
    qtbot: QtBot, dialog: SetupDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    page = dialog.queues
    _choose(page, "Sales")
    _type(qtbot, page, "threshold_seconds", "45")
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def ask(_parent: object, _title: str, text: str, *_args: object) -> object:
            asked.append(text)
            return choice

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    _choose(page, "Support")  # refused: the edit stays, and so does the row
    assert page.current.name == "Sales"
    assert page.form.editors["threshold_seconds"].text() == "45"
    dialog.reject()
    assert dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    _choose(page, "Support")
    assert page.current.name == "Support"
    assert len(asked) == 3 and asked[0].startswith("Discard your changes to Sales")


def test_the_window_says_who_the_changes_are_made_as(dialog: SetupDialog, db: Database) -> None:
    import getpass

    text = dialog.who.text()
    if db.url.startswith("sqlite"):
        # a local file: one user, no roles, changes recorded under the computer's login
        assert "one user and no roles" in text and getpass.getuser() in text
    else:
        assert "Shared database" in text and "server's time" in text


def test_a_narrow_agents_table_scrolls_rather_than_squeezing_the_skills(
    qtbot: QtBot, dialog: SetupDialog, db: Database
) -> None:
    """The last column (skills) keeps the width its text needs, on one line, however
    narrow the table: a stretched last section was squeezed to a two-line sliver."""
    from supervisor_app.services.setup import set_skill

    queues = {q.name: q.id for q in list_queues(db)}
    ann = next(a for a in list_agents(db) if a.name == "Ann")
    for name in ("Sales", "Support"):
        set_skill(db, [ann.id], queues[name], 7, ME)
    page = dialog.people.agents
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.reload()
    dialog.show_page("people")
    page.splitter.setSizes([160, 1200])
    qtbot.waitUntil(lambda: page.table.viewport().width() < 200, timeout=WAIT)
    table, header = page.table, page.table.horizontalHeader()
    last = header.count() - 1
    assert page.proxy.headerData(last, Qt.Orientation.Horizontal) == "Skills"
    needs = max(table.sizeHintForColumn(last), header.sectionSizeHint(last))
    others = sum(header.sectionSize(c) for c in range(last))
    left_over = table.viewport().width() - others  # all a stretched last section would get
    assert header.sectionSize(last) >= needs > left_over
    assert not table.wordWrap()
    assert table.horizontalScrollBar().maximum() > 0


def test_a_threshold_dated_ahead_says_when_it_applies(
    qtbot: QtBot, dialog: SetupDialog, db: Database
) -> None:
    """Saved from next month, the list keeps today's 20 s: the page says why."""
    page = dialog.queues
    _choose(page, "Sales")
    _type(qtbot, page, "threshold_seconds", "30")
    page.from_date.setDate(page.from_date.date().addDays(30))
    ahead = page.from_date.date().toPython()
    _save(qtbot, page)
    assert next(q for q in list_queues(db) if q.name == "Sales").threshold_seconds == 20
    assert page.message.text() == (
        f"Saved Sales · London. The new targets apply from {ahead.isoformat()}; "
        "the list shows today's."
    )
    row = list_audit(db, entity="queue")[0]
    assert row.after is not None and row.after["threshold_seconds"] == 30
