"""The intraday panel on a hand-made floor: the service's figures reach the kept plot items."""

from __future__ import annotations

import subprocess
import sys
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.services.live import IntradaySeries, intraday
from supervisor_app.store.models import Queue, Site
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live.panels.intraday_panel import IntradayPanel

from .conftest import OpenDb, assert_quiet
from .floor import NOW, ZONE, add_contact, at, build_floor


def make_panel(qtbot: QtBot, pool: Workers) -> IntradayPanel:
    panel = IntradayPanel(pool, clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(1000, 520)
    panel.show()
    return panel


def settled(qtbot: QtBot, panel: IntradayPanel) -> IntradaySeries:
    qtbot.waitUntil(lambda: panel.series is not None and not panel.refresher.busy())
    assert panel.series is not None
    return panel.series


def nan_equal(a: object, b: object) -> bool:
    return bool(np.array_equal(np.asarray(a, float), np.asarray(b, float), equal_nan=True))


def items(panel: IntradayPanel) -> list[object]:
    c = panel.charts
    return [c.offered_bars, c.forecast_curve, c.sl_curve, c.target_curve, c.agents_curve,
            c.waiting_curve, *c.now_lines]  # fmt: skip


def scene_items(panel: IntradayPanel) -> list[list[object]]:
    return [list(p.items) for p in (*panel.charts.plots, panel.charts.waiting)]


def assert_shows(panel: IntradayPanel, series: IntradaySeries) -> None:
    """x is the intervals' true instants, labelled in site time; y is the service's figures."""
    c = panel.charts
    points = series.points
    starts = np.array([p.start.timestamp() for p in points])
    step = series.interval_minutes * 60
    assert nan_equal(c.offered_bars.opts["x"], starts + step / 2)
    assert nan_equal(c.offered_bars.opts["height"], [p.offered for p in points])
    assert nan_equal(c.forecast_curve.xData, np.append(starts, starts[-1] + step))
    forecast = [np.nan if p.forecast is None else p.forecast for p in points]
    assert nan_equal(c.forecast_curve.yData, forecast)
    sl = [np.nan if p.service_level is None else 100 * p.service_level for p in points]
    assert nan_equal(c.sl_curve.yData, sl)
    target = [np.nan if p.service_level_target is None else 100 * p.service_level_target
              for p in points]  # fmt: skip
    assert nan_equal(c.target_curve.yData, target)
    past = [p.agents_available if p.start <= NOW else np.nan for p in points]
    assert nan_equal(c.agents_curve.yData, past)
    axis = c.staff.getAxis("bottom")
    labels = axis.tickStrings([starts[0], at(9, 30).timestamp()], 1, 900)
    local_midnight = points[0].start.astimezone(ZoneInfo(ZONE))
    assert labels == [f"{local_midnight:%H:%M}", "09:30"]


def test_the_kept_items_get_the_service_figures_on_every_refresh(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, db_url: str
) -> None:
    db = open_db(db_url)
    build_floor(db)
    panel = make_panel(qtbot, pool)
    panel.set_database(db)
    first = settled(qtbot, panel)
    assert first == intraday(db, now=NOW)
    assert panel.stack.currentWidget() is panel.charts
    assert_shows(panel, first)
    kept, in_scene = items(panel), scene_items(panel)

    add_contact(db, "late-one", at(13, 50))
    panel.refresh()
    qtbot.waitUntil(lambda: panel.series is not first)
    second = settled(qtbot, panel)
    assert sum(p.offered for p in second.points) == sum(p.offered for p in first.points) + 1
    assert_shows(panel, second)
    assert items(panel) == kept  # the same objects, fed with setData
    assert scene_items(panel) == in_scene  # nothing added to or removed from a plot
    assert_quiet(panel, pool)


def test_hover_reads_out_the_interval_in_site_time(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    db = open_db(sqlite_url)
    build_floor(db)
    panel = make_panel(qtbot, pool)
    panel.set_database(db)
    series = settled(qtbot, panel)
    assert "<b>14:00–14:15</b>" in panel.readout.text()  # at rest: the interval holding now
    index = next(i for i, p in enumerate(series.points) if p.start == at(9))
    vb = panel.charts.volume.vb
    pos = vb.mapViewToScene(QPointF(at(9, 7).timestamp(), 1.0))
    panel.charts.canvas.scene().sigMouseMoved.emit(pos)
    text = panel.readout.text()
    assert "<b>09:00–09:15</b>" in text
    assert f"Offered <b>{series.points[index].offered}</b>" in text
    assert all(line.isVisible() for line in panel.charts.cursor_lines)
    panel.charts.canvas.scene().sigMouseMoved.emit(QPointF(-50, -50))
    assert "<b>14:00–14:15</b>" in panel.readout.text()
    assert not any(line.isVisible() for line in panel.charts.cursor_lines)
    assert_quiet(panel, pool)


def test_an_empty_day_says_so(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    db = open_db(sqlite_url)
    with db.sessions() as s:  # a site and a queue, and nothing else yet today
        site = Site(name="North", timezone=ZONE)
        s.add_all([site, Queue(site=site, name="Sales", channel=Channel.VOICE)])
        s.commit()
    panel = make_panel(qtbot, pool)
    panel.set_database(db)
    settled(qtbot, panel)
    assert panel.stack.currentWidget() is panel.empty
    assert "No contacts, forecast or agents yet today" in panel.empty.text()
    assert_quiet(panel, pool)


def test_refreshes_coalesce_and_a_failure_keeps_the_charts(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supervisor_app.services import live as service

    db = open_db(sqlite_url)
    build_floor(db)
    calls: list[object] = []
    real = service.intraday

    def counting(*args: object, **kwargs: object) -> IntradaySeries:
        calls.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "intraday", counting)
    panel = make_panel(qtbot, pool)
    panel.set_database(db)
    panel.set_filter(frozenset({1}), None)
    for _ in range(5):
        panel.refresh()
    series = settled(qtbot, panel)
    assert len(calls) == 1  # one fetch for six requests in one turn of the event loop
    assert calls[0]["queue_ids"] == frozenset({1})

    def down(*_args: object, **_kwargs: object) -> IntradaySeries:
        raise UserError("Can't reach the database server at db.example:5432")

    monkeypatch.setattr(service, "intraday", down)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.status.note.isVisible())
    assert "Can't reach the database server" in panel.status.note.text()
    assert "showing data from 14:00" in panel.status.note.text()
    assert panel.series is series
    assert panel.stack.currentWidget() is panel.charts
    assert_quiet(panel, pool)


def test_importing_the_panel_does_not_load_pyqtgraph() -> None:
    """The Live tab imports this module while building the window; pyqtgraph waits for __init__."""
    code = (
        "import sys, supervisor_app.ui.live.panels.intraday_panel, "
        "supervisor_app.ui.live.panels.escalations_panel, "
        "supervisor_app.ui.live.panels.agent_timeline\n"
        "print('pyqtgraph' in sys.modules, 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
