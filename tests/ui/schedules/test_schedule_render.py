"""500 agents on screen: only the visible rows are painted, filters narrow the rows, the
header and names stay put while scrolling, and hovering a broken rule says why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from supervisor_app.domain.schedule_rules import Rule
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules import SchedulesTab
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.grid.grid_hit import hit_test
from supervisor_app.ui.schedules.grid.grid_paint import BodyPainter
from supervisor_app.ui.schedules.grid.grid_tips import tooltip_for
from supervisor_app.ui.schedules.grid.rows import RowFilter

from .synthetic import TEAMS, week_of


def loaded_tab(qtbot: QtBot, pool: Workers) -> SchedulesTab:
    tab = SchedulesTab(pool)
    qtbot.addWidget(tab)
    tab.resize(1400, 860)
    tab.show()
    qtbot.waitExposed(tab)
    tab.draft.load(week_of(500))
    return tab


def test_a_500_agent_week_paints_only_the_rows_on_screen(
    qtbot: QtBot, pool: Workers, tmp_path: Path, monkeypatch: object
) -> None:
    tab = loaded_tab(qtbot, pool)
    g = tab.grid
    assert len([r for r in g.rows if r.agent]) == 500 and len(g.rows) == 510  # + 10 team rows
    painted: list[int] = []
    original = BodyPainter.paint

    def counting(self: BodyPainter, p: object, rows: object, visible: range, *rest: object) -> None:
        painted.append(len(visible))
        original(self, p, rows, visible, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(BodyPainter, "paint", counting)  # type: ignore[attr-defined]
    image = tab.grab()
    image.save(str(tmp_path / "week.png"))
    assert painted and max(painted) <= g.viewport().height() // 22 + 2
    # The names column and the header are not the body: scrolling moves the body only.
    top_name = g.row_at_y(30)
    g.verticalScrollBar().setValue(2000)
    assert g.row_at_y(30) is not top_name
    assert g.names.geometry().top() == g.viewport().geometry().top()
    assert g.header.geometry().bottom() < g.viewport().geometry().top()


def test_team_skill_and_name_filters_narrow_the_rows(qtbot: QtBot, pool: Workers) -> None:
    tab = loaded_tab(qtbot, pool)
    g, tb = tab.grid, tab.toolbar
    tb.team.setCurrentIndex(tb.team.findData(TEAMS[0]))
    agents = [r.agent for r in g.rows if r.agent is not None]
    assert len(agents) == 50 and {a.team for a in agents} == {TEAMS[0]}
    assert [r.team for r in g.rows if r.agent is None] == [TEAMS[0]]
    tb.skill.setCurrentIndex(tb.skill.findData("VIP"))
    agents = [r.agent for r in g.rows if r.agent is not None]
    assert agents and all("VIP" in a.skills and a.team == TEAMS[0] for a in agents)
    tb.team.setCurrentIndex(0)
    tb.skill.setCurrentIndex(0)
    tb.search.setText("patel")
    agents = [r.agent for r in g.rows if r.agent is not None]
    assert agents and all("patel" in a.name.casefold() for a in agents)
    assert g.filter == RowFilter(None, None, "patel")


def test_a_broken_rule_is_drawn_where_it_is_and_its_tooltip_says_why(
    qtbot: QtBot, pool: Workers
) -> None:
    tab = loaded_tab(qtbot, pool)
    g, draft = tab.grid, tab.draft
    # Agent 29 has no lunch on Tuesday in the synthetic week (an 8.5-hour shift).
    (lunchless,) = [v for v in draft.violations if v.agent_id == 29 and v.rule is Rule.LUNCH]
    g.set_filter(RowFilter(text=next(a.name for a in draft.week.agents if a.agent_id == 29)))  # type: ignore[union-attr]
    i = next(i for i, r in enumerate(g.rows) if r.agent and r.agent.agent_id == 29)
    assert g.scale is not None
    middle = lunchless.starts_at + (lunchless.ends_at - lunchless.starts_at) / 2
    hit = hit_test(g.rows[i], i, g.scale.x(middle), g.scale, draft.index)
    text = tooltip_for(hit, draft, g.zone)
    assert text.startswith("⚠ ") and "lunch" in text and "Shift Tue" in text
    # The red mark is painted at the bottom of that row, under the shift.
    image = g.viewport().grab().toImage()
    p = g.viewport_point(29, middle)
    assert p is not None
    row_bottom = g.rows[i].bottom - g.verticalScrollBar().value()
    assert image.pixelColor(p.x(), row_bottom - 3) == QColor(pal.VIOLATION)
    # Adding a lunch there (keyboard L at the cursor) clears it as the planner edits.
    g.cursor_row, g.cursor_time = (
        i,
        lunchless.starts_at + (lunchless.ends_at - lunchless.starts_at) / 2,
    )
    draft.select((hit.shift.key,))  # type: ignore[union-attr]
    g.setFocus()
    from PySide6.QtCore import Qt

    qtbot.keyClick(g, Qt.Key.Key_L)
    assert not [v for v in draft.violations if v.agent_id == 29 and v.rule is Rule.LUNCH]
