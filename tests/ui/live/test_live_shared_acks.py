"""Alert acknowledgements shared through the database: two consoles, and a restart.

Each console is a real LiveTab on the same database (SQLite and PostgreSQL),
with scripted snapshots that keep one queue in the red; acknowledging at one
console clears the alert at the other once its next refresh, which the change
feed starts, reads the acknowledgements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from live_factories import NOW, FakeExtras, ScriptedTake, queue, snapshot
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import Acknowledgement, QueueThresholds
from supervisor_app.store.models import AlertAcknowledgement
from supervisor_app.ui.live import LiveTab
from supervisor_app.ui.live.alerts.shared_acks import GRACE, covering
from supervisor_app.ui.live.refresh.snapshot_op import read_acknowledgements

MakeTab = Callable[..., LiveTab]
SL = QueueThresholds(service_level_amber=0.8, service_level_red=0.7)
# 600 of 1000 answered in time: 60 %, under the red limit of 70 %.
RED = snapshot(
    [
        queue(
            1,
            "Voice",
            today=ContactSums(offered=1000, answered=1000, answered_within_threshold=600),
            thresholds=SL,
        )
    ]
)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def console(qtbot: QtBot, make_tab: MakeTab, db: Database) -> LiveTab:
    tab = make_tab(
        take=ScriptedTake(RED), extras=FakeExtras(), acknowledgements=read_acknowledgements
    )
    tab.set_database(db)
    qtbot.waitUntil(lambda: tab.alerts.model.rowCount() == 1, timeout=10_000)
    return tab


def status(tab: LiveTab) -> str:
    model = tab.alerts.model
    return str(model.data(model.index(0, 1)))


def test_acknowledged_at_one_console_clears_at_the_other_and_after_a_restart(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    first, second = console(qtbot, make_tab, db), console(qtbot, make_tab, db)
    assert status(first) == status(second) == "New"
    first.alerts.view.selectRow(0)
    first.alerts.acknowledge_selected()
    assert status(first) == "Acknowledged"

    def stored() -> list[tuple[str, str, str]]:
        with db.sessions() as s:
            rows = s.scalars(select(AlertAcknowledgement)).all()
            return [(r.subject, r.metric, r.acknowledged_by) for r in rows]

    qtbot.waitUntil(lambda: stored() == [("Voice", "service_level", current_actor())])
    # The change feed calls on_changed on every console; the next snapshot reads it.
    second.on_changed(frozenset({"alert_acknowledgements"}), datetime.now(UTC))
    login = current_actor().split("@")[0]
    qtbot.waitUntil(lambda: status(second).startswith(f"Seen by {login} "))
    assert second.alerts.model.unacknowledged() == 0
    assert second.ui.side_tabs.tabText(second.ui.side_tabs.indexOf(second.alerts)) == "Alerts"

    restarted = console(qtbot, make_tab, db)  # a console opened during the breach
    qtbot.waitUntil(lambda: status(restarted).startswith("Seen by"))


def test_a_note_travels_with_the_acknowledgement(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    first, second = console(qtbot, make_tab, db), console(qtbot, make_tab, db)
    first.alerts._ask = lambda *_: "Calling in two agents from Sales"
    first.alerts.view.selectRow(0)
    first.alerts.acknowledge_with_note()
    with db.sessions() as s:
        qtbot.waitUntil(lambda: s.scalar(select(AlertAcknowledgement.note)) is not None)
    second.on_changed(frozenset({"alert_acknowledgements"}), datetime.now(UTC))
    model = second.alerts.model
    qtbot.waitUntil(
        lambda: str(model.data(model.index(0, 1), 3)).endswith(  # ToolTipRole
            ": Calling in two agents from Sales"
        )
    )


def ack(
    minutes_after: float, subject: str = "Voice", metric: str = "service_level"
) -> Acknowledgement:
    return Acknowledgement(subject, metric, NOW + timedelta(minutes=minutes_after), "ana@ws", None)


def test_which_alerts_an_acknowledgement_covers() -> None:
    acks = [ack(5)]
    assert covering("Voice", "service_level", NOW, False, acks) is acks[0]
    # another console raised it a minute before this one: still the same breach
    assert covering("Voice", "service_level", NOW + timedelta(minutes=6), False, acks)
    # past the grace: a new breach after a recovery, new again
    late = NOW + timedelta(minutes=5) + GRACE + timedelta(seconds=1)
    assert covering("Voice", "service_level", late, False, acks) is None
    # unless this console first saw the floor then (it can't know when the breach began)
    assert covering("Voice", "service_level", late, True, acks) is acks[0]
    assert covering("Voice", "waiting", NOW, False, acks) is None
    assert covering("Chat", "service_level", NOW, False, acks) is None
