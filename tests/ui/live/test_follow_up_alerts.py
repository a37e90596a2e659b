"""Coaching follow-ups in the Live tab's alert list, with a pinned day: due today and
overdue show (naming agent and topic), tomorrow's not yet; opening one leads to its
note; marking it done removes it. On SQLite every follow-up shows (single user)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from two_sites import TwoSites, build_two_sites

from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import add_note, mark_follow_up_done
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live.alerts.alerts_panel import AlertsPanel
from supervisor_app.ui.live.alerts.follow_ups import FollowUpAlerts, note_of

TODAY = date(2026, 12, 7)


@pytest.fixture
def world(sqlite_url: str) -> Iterator[tuple[Database, TwoSites]]:
    db = open_database(sqlite_url)
    yield db, build_two_sites(db)
    db.close()


def _rows(panel: AlertsPanel) -> list[tuple[str, str]]:
    return [(e.alert.subject, e.alert.message) for e in panel.model.entries]


def test_due_follow_ups_come_and_go(
    qtbot: QtBot, workers: Workers, world: tuple[Database, TwoSites]
) -> None:
    db, sites = world
    due = add_note(db, sites.lena, topic="Hold times", text="x", actor="t", follow_up_on=TODAY)
    late = add_note(
        db, sites.ned, topic="Greeting", text="x", actor="t", follow_up_on=date(2026, 12, 3)
    )
    add_note(db, sites.ned, topic="Tomorrow", text="x", actor="t", follow_up_on=date(2026, 12, 8))
    panel = AlertsPanel(is_window_active=lambda: True)
    qtbot.addWidget(panel)
    day = [TODAY]
    alerts = FollowUpAlerts(workers, panel, lambda: day[0], panel)
    alerts.set_database(db)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=10_000)
    assert sorted(_rows(panel)) == [
        ("Lena", "Hold times: coaching follow-up due today"),
        ("Ned", "Greeting: coaching follow-up overdue since 2026-12-03"),
    ]
    assert {note_of(e.alert.metric) for e in panel.model.entries} == {due, late}
    assert panel.model.unacknowledged() == 2

    opened: list[int] = []
    panel.follow_up_opened.connect(opened.append)
    row = next(i for i, e in enumerate(panel.model.entries) if e.note_id == due)
    panel._open(row)  # what a double-click does
    assert opened == [due] and panel.model.entries[row].acknowledged

    mark_follow_up_done(db, due, None, TODAY, "t")
    alerts.on_changed(frozenset({"coaching_notes"}))
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=10_000)
    assert _rows(panel) == [("Ned", "Greeting: coaching follow-up overdue since 2026-12-03")]

    day[0] = date(2026, 12, 8)  # the next day brings tomorrow's
    alerts.refresher.request()
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=10_000)
    assert ("Ned", "Tomorrow: coaching follow-up due today") in _rows(panel)

    alerts.set_site(sites.london)  # London: Lena's only, and hers is done
    qtbot.waitUntil(lambda: panel.model.entries == [], timeout=10_000)
    alerts.refresher.stop()
