"""Schedule editor: painting a 500-agent week, and one drag to an updated coverage chart.

- ``schedule.paint_500_agents_ms``: the grid (time header, names column and body) of the
  Schedules tab rendered offscreen at 1400 × 860 with a 500-agent week loaded
  (``widget.grab()``), week zoom; median of RUNS. Only visible rows are painted, so this
  is ~30 rows whatever the roster. Target ≤ 150 ms.
- ``schedule.paint_500_agents_day_ms``: the same at day zoom (shift labels drawn).
- ``schedule.edit_to_coverage_ms``: one drag of a shift by an hour on the grid's viewport
  (mouse press, move, release through QTest) until the undo command has run, the rules
  were re-checked, the coverage chart and table recomputed from the draft
  (``CoveragePanel.show_draft``) and the resulting paint events processed; median of RUNS,
  alternating +1 h / −1 h. Target ≤ 50 ms.
- ``schedule.edit_to_draft_ms``: the same drag without the chart (edit, rules, grid repaint):
  the editor's own share of the figure above.
- ``schedule.recheck_one_agent_ms`` / ``schedule.check_week_full_ms``: the rule check
  after a one-agent edit (incremental) against a full ``check_week`` of 500 agents.

The week is ``tests/ui/schedules/synthetic.py`` (500 agents, 10 teams, 6 queues, fixed
seed). The coverage panel gets its forecast directly (six queues, two daily peaks),
not from a database: the figure is the editor's path, not the forecast's loading.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from figures import Figure

RUNS = 15
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ui"))


def _median_ms(run: Callable[[], object], runs: int = RUNS) -> float:
    gc.collect()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _demands(queues: tuple[str, ...], intervals: int) -> tuple[object, ...]:
    import numpy as np

    from supervisor_app.domain.coverage import QueueDemand

    hour = (np.arange(intervals) % 96) / 4
    day = np.arange(intervals) // 96
    shape = np.exp(-(((hour - 10.5) / 2.2) ** 2)) + 0.8 * np.exp(-(((hour - 15) / 2.5) ** 2))
    shape = np.where((hour >= 7) & (hour < 21), shape, 0.0) * np.where(day >= 5, 0.45, 1.0)
    return tuple(
        QueueDemand(
            i + 1, name, tuple(float(v) for v in 30 * shape), (300.0,) * intervals, 0.8, 20.0
        )
        for i, name in enumerate(queues)
    )


def run() -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    saved = os.environ.get("SUPERVISOR_APP_HOME")
    with tempfile.TemporaryDirectory(prefix="bench-schedule-home-") as home:
        os.environ["SUPERVISOR_APP_HOME"] = home  # the tab remembers its splitter: not in yours
        try:
            return _run()
        finally:
            if saved is None:
                os.environ.pop("SUPERVISOR_APP_HOME", None)
            else:
                os.environ["SUPERVISOR_APP_HOME"] = saved


def _run() -> list[Figure]:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from schedules.synthetic import QUEUES, week_of

    from supervisor_app.domain.coverage import coverage
    from supervisor_app.domain.schedule_rules import RuleSettings, check_week
    from supervisor_app.services.planning import CoverageInputs
    from supervisor_app.ui.common.workers import Workers
    from supervisor_app.ui.schedules import SchedulesTab
    from supervisor_app.ui.schedules.planning.coverage_panel import Loaded
    from supervisor_app.ui.schedules.week.recheck import recheck

    workers = Workers()
    tab = SchedulesTab(workers)
    tab.resize(1400, 1100)
    tab.show()
    week = week_of(500)
    panel = tab.coverage
    inputs = CoverageInputs(_demands(QUEUES, 7 * 96), ())  # type: ignore[arg-type]
    if panel is not None:
        panel.loaded = Loaded(inputs, week, coverage(week, inputs.demands))
    tab.draft.load(week)
    app.processEvents()
    grid = tab.grid
    grid.resize(1400, 860)
    figures = [Figure("schedule.paint_500_agents_ms", _median_ms(grid.grab), "ms")]
    grid.show_day(1)
    app.processEvents()
    figures.append(Figure("schedule.paint_500_agents_day_ms", _median_ms(grid.grab), "ms"))

    # A Tuesday shift of an agent in the first visible rows: drag it by an hour and back.
    row = next(r for r in grid.rows if r.agent is not None and tab.draft.index.of(r.agent.agent_id))
    agent_id = row.agent.agent_id  # type: ignore[union-attr]
    vp = grid.viewport()
    sign = [1]

    def one_drag() -> None:
        shift = next(s for s in tab.draft.index.of(agent_id) if s.starts_at.weekday() == 1)
        grab_at = shift.starts_at + timedelta(minutes=150)
        a = grid.viewport_point(agent_id, grab_at)
        b = grid.viewport_point(agent_id, grab_at + sign[0] * timedelta(hours=1))
        assert a is not None and b is not None
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
        QTest.mouseMove(vp, QPoint((a.x() + b.x()) // 2, a.y()))
        QTest.mouseMove(vp, b)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
        app.processEvents()
        sign[0] = -sign[0]

    before = tab.undo_stack.count()
    shown = [0]
    if panel is not None:
        panel.shown.connect(lambda: shown.__setitem__(0, shown[0] + 1))
    figures.append(Figure("schedule.edit_to_coverage_ms", _median_ms(one_drag), "ms"))
    assert tab.undo_stack.count() == before + RUNS, "every drag must have been one edit"
    if panel is not None:
        assert panel.draft_shown and shown[0] == RUNS, "each drag must redraw the coverage"
    else:
        print(
            "# no CoveragePanel: edit_to_coverage measured to the re-checked draft", file=sys.stderr
        )

    # The editor's own share: the same drag with the chart unplugged.
    feed = tab.coverage_feed
    feed.panel, saved_panel = None, feed.panel
    figures.append(Figure("schedule.edit_to_draft_ms", _median_ms(one_drag), "ms"))
    feed.panel = saved_panel

    draft = tab.draft
    previous_week, previous_index = draft.week, draft.index
    tab.undo_stack.undo()
    edited = draft.week
    assert previous_week is not None and edited is not None
    figures.append(
        Figure(
            "schedule.recheck_one_agent_ms",
            _median_ms(lambda: recheck(previous_index, previous_week, edited, None)),
            "ms",
        )
    )
    figures.append(
        Figure(
            "schedule.check_week_full_ms",
            _median_ms(lambda: check_week(edited, RuleSettings()), runs=5),
            "ms",
        )
    )
    tab.shutdown()
    tab.close()
    workers.shutdown()
    return figures


if __name__ == "__main__":
    for f in run():
        print(f"{f.name} {f.value:.6g} {f.unit}")
