"""The Queues table on a narrow screen: the service level's target gives way first.

Fifteen columns beside the what-if panel do not fit 1366 pixels at their natural
widths. Narrowing them all together cut the queue names ("Customer e…") and the
total's times; now only the service level column loses its tail until it is down
to its figure, and only then do the others narrow towards their titles.
"""

from __future__ import annotations

from datetime import timedelta

from live_factories import NOW, queue
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervisor_app.ui.live.board.queue_cells import COL, QUEUE_COLUMNS
from supervisor_app.ui.live.board.queue_model import QueueModel
from supervisor_app.ui.live.board.table_view import LiveTableView

SL = COL["service_level"]


def _view(qtbot: QtBot) -> tuple[LiveTableView, list[int]]:
    """A Queues table wide enough for every column; returns it and those natural widths."""
    model = QueueModel()
    model.apply([queue(1, "Customer email", waiting=2, oldest=NOW - timedelta(seconds=90))], [])
    view = LiveTableView("queueTable")
    qtbot.addWidget(view)
    view.setModel(model)
    view.size_columns(QUEUE_COLUMNS)
    view.resize(3000, 200)
    view.show()
    qtbot.waitExposed(view)
    return view, [view.columnWidth(i) for i in range(len(QUEUE_COLUMNS))]


def _shrink_viewport_by(view: LiveTableView, pixels: int) -> None:
    natural = sum(view.columnWidth(i) for i in range(len(QUEUE_COLUMNS)))
    frame = view.width() - view.viewport().width()
    view.resize(natural - pixels + frame, 200)


def test_only_the_service_level_gives_way_while_its_tail_lasts(qtbot: QtBot) -> None:
    view, natural = _view(qtbot)
    _shrink_viewport_by(view, 40)  # the target text "(80 % in 60 s)" is wider than 40 px
    widths = [view.columnWidth(i) for i in range(len(QUEUE_COLUMNS))]
    assert widths[SL] in (natural[SL] - 40, natural[SL] - 41)  # int() may round one down
    assert widths[:SL] + widths[SL + 1 :] == natural[:SL] + natural[SL + 1 :]
    assert not view.horizontalScrollBar().isVisible()


def test_past_the_tail_every_column_narrows_and_the_figure_stays(qtbot: QtBot) -> None:
    view, natural = _view(qtbot)
    figure = view.fontMetrics().horizontalAdvance("100.0 %")
    _shrink_viewport_by(view, natural[SL] - figure)  # more than the tail alone can give
    widths = [view.columnWidth(i) for i in range(len(QUEUE_COLUMNS))]
    assert widths[SL] >= figure
    assert widths[COL["queue"]] < natural[COL["queue"]]
    assert sum(widths) <= view.viewport().width()


def test_the_service_level_tooltip_carries_the_whole_figure() -> None:
    model = QueueModel()
    model.apply([queue(1, "Voice", target=0.8, threshold_s=20)], [])
    tip = model.index(0, SL).data(Qt.ItemDataRole.ToolTipRole)
    assert tip is not None
    assert tip.splitlines()[0] == model.index(0, SL).data()
    assert "(80 % in 20 s)" in tip
