"""The what-if panel readable where it stands: beside the Queues table on a 1366×768 screen
(narrow and short) and on a wide screen (issue 15: "shows only about 2 rows")."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from supervisor_app.ui.live.whatif.whatif_panel import SIDE_BY_SIDE_WIDTH, WhatIfPanel

from .test_whatif_panel import forecast, snapshot

# The defaults (± 3 agents, 15 min): now, −1…−3, +1…+3 and 1…3 on break = 10 scenarios.
SCENARIOS = 10


def _rows_in_view(panel: WhatIfPanel) -> int:
    """Rows wholly inside the table's viewport (none cut by its bottom edge)."""
    table = panel.table
    height = table.viewport().height()
    tops = (table.rowViewportPosition(r) for r in range(panel.model.rowCount()))
    return sum(1 for top in tops if top >= 0 and top + table.rowHeight(0) <= height)


def _shown(qtbot: QtBot, width: int, height: int) -> WhatIfPanel:
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.show(snapshot(), 1, forecast())
    _settle(qtbot, panel)
    return panel


def _settle(qtbot: QtBot, panel: WhatIfPanel) -> None:
    """Let the posted resize and layout requests through, as the event loop would."""
    qtbot.wait(20)
    panel.body.activate()
    qtbot.wait(20)


def test_narrow_and_short_the_rows_keep_most_of_the_height(qtbot: QtBot, tmp_path: Path) -> None:
    # What the Live tab gives it at 1366×768: 340 px beside the Queues table, 204 px high.
    panel = _shown(qtbot, 340, 204)
    panel.grab().save(str(tmp_path / "whatif-340x204.png"))
    assert not panel.side_by_side()
    assert panel.words.geometry().bottom() < panel.table.geometry().top()  # words above
    assert panel.model.rowCount() == SCENARIOS
    # 204 − 12 margins − one line of title and choices (~26) − one of facts (~18) − spacing
    # leaves ~130 px: the header and at least five rows (it was two and a half).
    assert _rows_in_view(panel) >= 5
    assert panel.title.text() == "What if · Sales"
    # The notes are out of the way but not lost: hovering the facts or the table shows them.
    assert not panel.notes.isVisible()
    assert panel.notes.text() and panel.notes.text() in panel.facts.toolTip()
    assert panel.facts.text() in panel.table.toolTip()


def test_wide_the_words_stand_beside_and_every_scenario_shows(qtbot: QtBot, tmp_path: Path) -> None:
    panel = _shown(qtbot, SIDE_BY_SIDE_WIDTH + 200, 250)
    panel.grab().save(str(tmp_path / "whatif-wide.png"))
    assert panel.side_by_side()
    assert panel.notes.isVisible() and panel.facts.toolTip() == ""
    assert _rows_in_view(panel) == SCENARIOS
    # The words' column is left of the table.
    assert panel.words.geometry().right() < panel.table.geometry().left()
    assert panel.fitted_height() <= 250


def test_it_switches_back_and_forth_with_its_width(qtbot: QtBot) -> None:
    panel = _shown(qtbot, SIDE_BY_SIDE_WIDTH + 100, 250)
    assert panel.side_by_side() and panel.moves.suffix()
    panel.resize(SIDE_BY_SIDE_WIDTH - 100, 250)
    _settle(qtbot, panel)
    assert not panel.side_by_side()
    assert panel.words.geometry().bottom() < panel.table.geometry().top()
    assert panel.moves.suffix() == "" and panel.moves.prefix() == "± "
    panel.resize(SIDE_BY_SIDE_WIDTH + 100, 250)
    _settle(qtbot, panel)
    assert panel.side_by_side()
    assert panel.model.rowCount() == SCENARIOS
