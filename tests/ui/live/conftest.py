"""Fixtures for the Live tab tests: a signal log for item models, and a stand-alone tab."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QTimer
from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live import LiveTab
from supervisor_app.ui.live.refresh.snapshot_op import no_forecast


class ModelLog:
    """Every structural signal a model emits, in order, with its rows and columns."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.events: list[tuple[Any, ...]] = []
        model.dataChanged.connect(
            lambda tl, br, roles=(): self.events.append(
                ("dataChanged", tl.row(), br.row(), tl.column(), br.column())
            )
        )
        model.rowsInserted.connect(lambda _p, a, b: self.events.append(("rowsInserted", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.events.append(("rowsRemoved", a, b)))
        model.modelReset.connect(lambda: self.events.append(("modelReset",)))
        model.layoutChanged.connect(lambda *_: self.events.append(("layoutChanged",)))
        model.rowsMoved.connect(lambda *_: self.events.append(("rowsMoved",)))

    def kinds(self) -> set[str]:
        return {e[0] for e in self.events}

    def clear(self) -> None:
        self.events.clear()


@pytest.fixture
def model_log() -> Callable[[QAbstractItemModel], ModelLog]:
    return ModelLog


@pytest.fixture
def make_tab(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., LiveTab]]:
    """``make_tab(**kwargs)``: a shown LiveTab on its own Workers, shut down and checked."""
    made: list[tuple[LiveTab, Workers]] = []

    def make(**kwargs: Any) -> LiveTab:
        workers = Workers()
        kwargs.setdefault("settings", WindowSettings(tmp_path / "window.ini"))
        if "take" in kwargs:  # a scripted snapshot has no database to read a forecast from
            kwargs.setdefault("forecast", no_forecast)
        tab = LiveTab(workers, **kwargs)
        qtbot.addWidget(tab)
        tab.resize(1300, 800)
        tab.show()
        made.append((tab, workers))
        return tab

    yield make
    for tab, workers in made:
        tab.shutdown()
        assert workers.shutdown(), "a snapshot op was still running"
        active = [t for t in tab.findChildren(QTimer) if t.isActive()]
        assert not active, f"timers still running after shutdown: {active}"
