"""The profile's coaching and restricted-records sections on a real SQLite file: what they
show, their saves on a worker, and "Restricted" in plain words when the database refuses.
Each is also saved as a 1366×768 screenshot (``SUPERVISOR_SCREENSHOTS``, if set)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from two_sites import TwoSites, build_two_sites

from supervisor_app.domain.people_records import RecordKind
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import add_note, add_record, list_notes, list_records
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import CoachingSection, ProfileContext, RecordsSection
from supervisor_app.ui.people.note_dialog import NoteDialog, NoteValues
from supervisor_app.ui.people.records_section import RESTRICTED

TODAY = date(2026, 12, 7)


@pytest.fixture
def world(sqlite_url: str) -> Iterator[tuple[Database, TwoSites]]:
    db = open_database(sqlite_url)
    yield db, build_two_sites(db)
    db.close()


def _context(db: Database, workers: Workers, sites: TwoSites, reloads: list[int]) -> ProfileContext:
    return ProfileContext(
        db, workers, sites.lena, "Lena", sites.london, TODAY, lambda: reloads.append(1)
    )


def _shoot(widget: CoachingSection | RecordsSection, name: str) -> None:
    folder = os.environ.get("SUPERVISOR_SCREENSHOTS")
    widget.resize(1366, 768)
    widget.show()
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))


def test_the_coaching_log_and_its_saves(
    qtbot: QtBot,
    workers: Workers,
    world: tuple[Database, TwoSites],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, sites = world
    add_note(
        db,
        sites.lena,
        topic="Hold times",
        text="Long holds on billing calls.",
        actor="tess@desk",
        actions="Use mute, not hold.",
        follow_up_on=TODAY,
    )
    add_note(
        db, sites.lena, topic="Praise", text="Great save on L2.", actor="tess@desk", contact_id=None
    )
    reloads: list[int] = []
    section = CoachingSection(_context(db, workers, sites, reloads))
    qtbot.addWidget(section)
    section.show_data(section.fetch(db, sites.lena, TODAY))
    assert section.table.rowCount() == 2
    assert section.table.item(1, 2).text() == "Hold times"  # newest first: Praise on top
    section.table.selectRow(1)
    assert section.done_button.isEnabled()
    assert "Use mute, not hold." in section.detail.text()
    _shoot(section, "coaching_section")

    section.mark_done()
    qtbot.waitUntil(lambda: reloads == [1], timeout=10_000)
    assert [n.followed_up_on for n in list_notes(db, sites.lena)] == [None, TODAY]

    values = NoteValues("Wrap-up", "Wrap-up over 60 s.", "", date(2026, 12, 14), "L1", None)
    monkeypatch.setattr(NoteDialog, "exec", lambda _self: NoteDialog.DialogCode.Accepted)
    monkeypatch.setattr(NoteDialog, "values", lambda _self: values)
    section.add_note()
    qtbot.waitUntil(lambda: reloads == [1, 1], timeout=10_000)
    newest = list_notes(db, sites.lena)[0]
    assert (newest.topic, newest.contact_ref, newest.follow_up_on) == (
        "Wrap-up",
        "L1",
        date(2026, 12, 14),
    )

    bad = NoteValues("x", "y", "", None, "NOPE", None)  # an unknown contact: said, not crashed
    monkeypatch.setattr(NoteDialog, "values", lambda _self: bad)
    section.add_note()
    qtbot.waitUntil(lambda: "no contact" in section.status.text(), timeout=10_000)
    assert reloads == [1, 1]


def test_restricted_records_and_the_refusal(
    qtbot: QtBot, workers: Workers, world: tuple[Database, TwoSites]
) -> None:
    db, sites = world
    add_record(
        db,
        sites.lena,
        RecordKind.IMPROVEMENT_PLAN,
        "Adherence under 85 % for three weeks: plan agreed, weekly check-ins.",
        date(2026, 11, 23),
        "tess",
        review_on=date(2026, 12, 21),
    )
    add_record(
        db,
        sites.lena,
        RecordKind.WARNING,
        "Third unexcused absence in November.",
        date(2026, 12, 1),
        "tess",
    )
    reloads: list[int] = []
    section = RecordsSection(_context(db, workers, sites, reloads))
    qtbot.addWidget(section)
    section.show_data(section.fetch(db, sites.lena, TODAY))
    assert section.table.rowCount() == 2
    assert section.table.item(0, 0).text() == "Warning"
    assert section.table.item(0, 3).text() == "not yet"
    _shoot(section, "records_section")
    section.table.selectRow(0)
    section.acknowledge()
    qtbot.waitUntil(lambda: reloads == [1], timeout=10_000)
    assert list_records(db, sites.lena)[0].acknowledged_on == TODAY

    section.show_data(RESTRICTED)
    assert section.notice.text().startswith("Restricted: only admins")
    assert section.table.isHidden() and section.add_button.isHidden()
    _shoot(section, "records_section_restricted")


def test_the_follow_up_dialog_marks_the_follow_up_done(
    qtbot: QtBot, workers: Workers, world: tuple[Database, TwoSites]
) -> None:
    from supervisor_app.ui.people import FollowUpDialog

    db, sites = world
    note = add_note(db, sites.lena, topic="Hold times", text="Long holds.", actor="tess",
                    actions="Use mute.", follow_up_on=TODAY)  # fmt: skip
    dialog = FollowUpDialog(db, workers, note, lambda: TODAY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.done_button.isEnabled(), timeout=10_000)
    assert dialog.heading.text().startswith("Lena: Hold times (follow-up due 2026-12-07")
    assert "Use mute." in dialog.body.text()
    with qtbot.waitSignal(dialog.done, timeout=10_000) as done:
        dialog.done_button.click()
    assert done.args == [note]
    assert list_notes(db, sites.lena)[0].followed_up_on == TODAY
