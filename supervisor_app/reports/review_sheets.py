"""The review pack's sheets: each a function from the gathered ``ReviewData`` to a ``Table``.

``Scorecard`` has one row per agent (a team pack puts its agents side by
side, one per row), each scorecard figure with the agent's rank in the team,
and the service level of each queue the agents are skilled for; under them the
team median and the queue targets. ``Training`` lists each agent's courses as
they stood on the period's last day. ``Quality`` and ``Coaching`` are in
``reports.review_people``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from supervisor_app.domain.kpi_catalogue import BY_FIELD
from supervisor_app.domain.training import TrainingStatus
from supervisor_app.reports import styles
from supervisor_app.reports.kpi_columns import cell_kind
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Column, Table
from supervisor_app.services.analytics import ScoreFigure, TeamScorecard
from supervisor_app.services.people import CoachingLine, EvaluationLine, TrainingLine
from supervisor_app.services.report_data import ReviewAgent, ReviewTarget

# The scorecard counts what the agent answered and finished (as the scorecards report says).
TITLES = {"answered": "Handled"}
AMBER_FILL = "FFEB9C"


@dataclass(frozen=True, slots=True)
class ReviewData:
    first: date
    last: date
    agents: tuple[ReviewAgent, ...]  # reviewed, in row order
    figures: tuple[ScoreFigure, ...]  # the scorecard's figures, in column order
    team: TeamScorecard  # the agents' team: its medians and each member's ranks
    targets: tuple[ReviewTarget, ...]  # the queues the agents are skilled for
    levels: dict[int, dict[int, float | None]]  # queue id → team member id → service level
    level_medians: dict[int, float | None]  # queue id → the team's median service level
    training: tuple[TrainingLine, ...]
    quality: tuple[EvaluationLine, ...] = ()  # the period's evaluations, oldest first
    coaching: tuple[CoachingLine, ...] = ()  # the period's coaching notes, oldest first
    zone: tzinfo | None = None  # the site's: evaluation and note times are shown in it

    def value(self, agent_id: int, figure: str) -> float | None:
        score = next((a for a in self.team.agents if a.agent_id == agent_id), None)
        return None if score is None else score.values.get(figure)

    def rank(self, agent_id: int, figure: str) -> int | None:
        score = next((a for a in self.team.agents if a.agent_id == agent_id), None)
        return None if score is None else score.ranks.get(figure)


def _figure_title(name: str) -> str:
    return TITLES.get(name, BY_FIELD[name].title)


def _level_title(target: ReviewTarget) -> str:
    return f"{BY_FIELD['service_level'].title}, {target.queue} ({_span(target.threshold_seconds)})"


def _span(seconds: int) -> str:
    """An answer threshold as people say it: 20 s, 5 min, 4 h."""
    if seconds < 120 or seconds % 60:
        return f"{seconds} s"
    if seconds < 7200 or seconds % 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


def scorecard_sheet(data: ReviewData) -> Table:
    """Agents by row; each figure and its rank in the team; then the team median and targets."""
    columns = [Column("Agent"), Column("Employee code")]
    for f in data.figures:
        title = _figure_title(f.name)
        columns += [Column(title, cell_kind(f.name)), Column(f"{title} rank", CellKind.COUNT)]
    columns += [Column(_level_title(t), CellKind.PERCENT) for t in data.targets]
    rows: list[list[Any]] = []
    for a in data.agents:
        row: list[Any] = [a.name, a.employee_code]
        for f in data.figures:
            row += [data.value(a.id, f.name), data.rank(a.id, f.name)]
        row += [data.levels.get(t.queue_id, {}).get(a.id) for t in data.targets]
        rows.append(row)
    median_row: list[Any] = [f"Team median ({data.team.team})", None]
    for f in data.figures:
        median_row += [data.team.medians.get(f.name), None]
    median_row += [data.level_medians.get(t.queue_id) for t in data.targets]
    target_row: list[Any] = ["Queue target", None, *([None] * 2 * len(data.figures))]
    target_row += [t.sl_target for t in data.targets]
    return Table("Scorecard", columns, rows, [median_row, target_row], freeze_columns=1)


def training_sheet(data: ReviewData) -> Table:
    """Each agent's courses: required for which queues, completed, expiry, status at the end."""
    names = {a.id: a for a in data.agents}
    columns = [
        Column("Agent"),
        Column("Employee code"),
        Column("Course"),
        Column("Required for"),
        Column("Completed", CellKind.DATE),
        Column("Expires", CellKind.DATE),
        Column(f"Status on {data.last:%Y-%m-%d}"),
    ]
    rows = [
        [
            names[t.agent_id].name,
            names[t.agent_id].employee_code,
            t.course,
            ", ".join(t.required_for) or "not required",
            t.completed_on,
            t.expires_on,
            t.status.value,
        ]
        for t in data.training
    ]
    return Table("Training", columns, rows, freeze_columns=1)


def shade_status(ws: Any, table: Table) -> None:
    """Expired or never completed in red, expiring soon in amber: what the review must raise."""
    if not table.rows:
        return
    letter = get_column_letter(len(table.columns))
    cells = f"{letter}2:{letter}{len(table.rows) + 1}"
    for fill, statuses in (
        (styles.RED_FILL, (TrainingStatus.EXPIRED, TrainingStatus.NEVER)),
        (AMBER_FILL, (TrainingStatus.DUE,)),
    ):
        test = ",".join(f'{letter}2="{s.value}"' for s in statuses)
        ws.conditional_formatting.add(
            cells, FormulaRule(formula=[f"OR({test})"], fill=PatternFill("solid", fgColor=fill))
        )
