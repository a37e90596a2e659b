"""The escalations model applies a refresh as differences: never a reset, selection kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import EscalationStatus, Severity
from supervisor_app.services.live import EscalationRow
from supervisor_app.ui.live.panels.escalations_model import AGE, CUSTOMER, OWNER, EscalationsModel

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def row(i: int, **changes: object) -> EscalationRow:
    base = EscalationRow(
        id=i, version=1, customer_ref=f"C-{i}", queue_name="Sales", reason="Wants a manager",
        severity=Severity.MEDIUM, status=EscalationStatus.OPEN, owner=None, notes=None,
        created_at=NOW - timedelta(minutes=i), taken_at=None, resolved_at=None, resolution=None,
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def ids(model: EscalationsModel) -> list[int]:
    return [model.row(i).id for i in range(model.rowCount())]


def test_differences_not_resets(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    model = EscalationsModel(NOW)
    qtmodeltester.check(model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    steps = [
        [row(1), row(2), row(3)],
        [row(1), row(2, owner="ana@ws-2", status=EscalationStatus.TAKEN, version=2), row(3)],
        [row(3), row(1), row(4)],  # removal, move and insert at once
        [row(5), row(4), row(3), row(1)],
        [],
        [row(2)],
    ]
    for rows in steps:
        model.apply(rows)
        assert ids(model) == [r.id for r in rows]
        assert [model.row(i) for i in range(model.rowCount())] == rows
        qtmodeltester.check(model)
    assert not resets


def test_selection_survives_a_refresh(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTableView

    model = EscalationsModel(NOW)
    model.apply([row(1), row(2), row(3)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectionModel().select(
        model.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    model.apply([row(0), row(3), row(2, owner="ana@ws-2")])
    [selected] = view.selectionModel().selectedRows()
    assert model.row(selected.row()).id == 2
    assert model.index(selected.row(), OWNER).data() == "ana@ws-2"


def test_tick_changes_only_the_age_column(qtbot: QtBot) -> None:
    model = EscalationsModel(NOW)
    model.apply([row(1), row(2)])
    assert model.index(0, AGE).data() == "1m 00s"
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.tick(NOW + timedelta(seconds=5))
    top, bottom = signal.args[0], signal.args[1]
    assert (top.row(), top.column(), bottom.row(), bottom.column()) == (0, AGE, 1, AGE)
    assert model.index(0, AGE).data() == "1m 05s"
    assert model.index(0, CUSTOMER).data() == "C-1"


def test_put_replaces_newer_and_drops_resolved(qtbot: QtBot) -> None:
    model = EscalationsModel(NOW)
    model.apply([row(1), row(2)])
    model.put(row(1, version=3, owner="ben@ws-5", status=EscalationStatus.TAKEN))
    model.put(row(1, version=2, owner="old"))  # an older answer arriving late is ignored
    assert model.index(0, OWNER).data() == "ben@ws-5"
    model.put(row(2, version=2, status=EscalationStatus.RESOLVED))
    assert ids(model) == [1]
