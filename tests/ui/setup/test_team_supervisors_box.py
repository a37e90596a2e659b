"""The Teams page's Supervisors box on a real SQLite file: it lists the selected team's
logins, adds and removes them on a worker (audited), and says a bad login in one line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from two_sites import TwoSites, build_two_sites

from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import add_team_supervisor, list_team_supervisors
from supervisor_app.services.setup import list_teams
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.setup.team_supervisors import TeamSupervisorsBox


@pytest.fixture
def world(sqlite_url: str) -> Iterator[tuple[Database, TwoSites]]:
    db = open_database(sqlite_url)
    yield db, build_two_sites(db)
    db.close()


def _items(box: TeamSupervisorsBox) -> list[str]:
    return [box.logins.item(i).text() for i in range(box.logins.count())]


def test_the_box_lists_adds_and_removes(
    qtbot: QtBot, workers: Workers, world: tuple[Database, TwoSites]
) -> None:
    db, _sites = world
    thames = next(t.id for t in list_teams(db) if t.name == "Thames")
    add_team_supervisor(db, thames, "anna", "t")
    box = TeamSupervisorsBox(workers, db)
    qtbot.addWidget(box)
    assert not box.isEnabled()  # no team chosen
    box.set_team(thames)
    qtbot.waitUntil(lambda: _items(box) == ["anna"], timeout=10_000)

    box.login.setText("bert")
    box.add()
    qtbot.waitUntil(lambda: _items(box) == ["anna", "bert"], timeout=10_000)
    box.logins.setCurrentRow(0)
    box.remove()
    qtbot.waitUntil(lambda: _items(box) == ["bert"], timeout=10_000)
    assert [x.login for x in list_team_supervisors(db, thames)] == ["bert"]

    box.login.setText("9 lives")
    box.add()
    qtbot.waitUntil(lambda: "refused" in box.status.text(), timeout=10_000)
    assert _items(box) == ["bert"]
    qtbot.waitUntil(lambda: not workers.busy(), timeout=10_000)
