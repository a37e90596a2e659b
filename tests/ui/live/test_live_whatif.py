"""The what-if panel on the Live tab, on a seeded demo database: it follows the queue picked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.domain.whatif import what_if
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import forecast_now, set_interval
from supervisor_app.ui.live import LiveTab
from supervisor_app.ui.live.refresh.snapshot_op import Prepared
from supervisor_app.ui.live.whatif.situation import current_interval, situation_of

MakeTab = Callable[..., LiveTab]


@pytest.fixture
def demo(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    seed_demo(db, days=1, agents=12, queues=3, seed=3)
    yield db
    db.close()


def refreshed(qtbot: QtBot, tab: LiveTab) -> None:
    with qtbot.waitSignal(tab.refreshed, timeout=30_000):
        tab.refresh_now()


def test_selecting_a_queue_shows_its_what_if(
    qtbot: QtBot, make_tab: MakeTab, demo: Database, tmp_path: Path
) -> None:
    tab = make_tab()
    with qtbot.waitSignal(tab.refreshed, timeout=30_000):
        tab.set_database(demo)
    snap = tab.snapshot
    assert snap is not None and len(snap.queues) == 3
    queue = snap.queues[1]
    start, end = current_interval(snap)
    for at in (start, end):  # this interval and the next, should the clock cross over
        set_interval(demo, queue.queue_id, at, 40.0, 200.0)
    refreshed(qtbot, tab)

    view, panel = tab.ui.queue_view, tab.ui.whatif
    row = next(
        r for r in range(tab.queue_model.rowCount()) if tab.queue_model.key_at(r) == queue.queue_id
    )
    view.selectRow(row)
    snap = tab.snapshot
    assert snap is not None
    assert panel.title.text() == f"What if · {queue.name}"
    # Independently read: the same forecast the worker fetched, and the queue's live figures.
    forecast = forecast_now(demo, snap.taken_at)
    assert forecast[queue.queue_id].volume == 40.0
    context = situation_of(snap, queue.queue_id, forecast)
    assert context is not None
    now_row = next(q for q in snap.queues if q.queue_id == queue.queue_id)
    assert context.situation.waiting == now_row.waiting
    assert context.situation.agents == now_row.staffed
    assert panel.context == context
    want = what_if(context.situation, panel.moves.value(), float(panel.break_minutes.value()))
    assert panel.outcomes == want
    assert panel.model.rowCount() == len(want)
    assert panel.model.item(0, 0).text() == "now"
    assert f"{now_row.waiting} waiting" in panel.facts.text()

    delivered: list[Prepared] = []
    tab.refresher.delivered.connect(delivered.append)
    refreshed(qtbot, tab)  # a refresh keeps the picked queue, its figures from the worker
    assert panel.title.text() == f"What if · {queue.name}"
    worked_out = delivered[-1].whatif
    assert worked_out is not None and worked_out.key == (queue.queue_id, 3, 15.0)
    assert panel.outcomes == worked_out.outcomes and panel.context == worked_out.context

    total = tab.queue_model.rowCount() - 1  # the bold total row: every queue
    view.selectRow(total)
    assert panel.title.text() == "What if · All queues"

    view.clearSelection()
    tab.ui.filters.queue.setCurrentIndex(tab.ui.filters.queue.findData(snap.queues[0].queue_id))
    assert panel.title.text() == f"What if · {snap.queues[0].name}"

    tab.resize(1300, 800)
    qtbot.wait(50)
    assert tab.ui.queue_view.width() >= 2 * panel.width()  # the table is not squashed
    tab.grab().save(str(tmp_path / "live_whatif.png"))
