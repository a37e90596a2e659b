"""``import agents``: the roster from a file, checked row by row, then written all or nothing.

Columns (any case or spacing): ``name``, ``code`` (employee code, the key),
``team``, ``skills`` (queue names separated by ``;``, each optionally
``:proficiency`` 1-10, default 5), ``hourly_cost``, ``contracted_hours``
(weekly, 0-80). An agent whose code exists is updated (skills replaced).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from supervisor_app.ingest.files.columns import locate
from supervisor_app.ingest.files.rejections import RowErrors
from supervisor_app.ingest.files.table import Cell, open_table
from supervisor_app.ingest.files.values import is_empty, parse_number, text_of
from supervisor_app.services.audit import ImportedFile, file_sha256
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files import (
    AgentRow,
    AgentWriteResult,
    known_queues,
    write_agents,
)

ALIASES = {
    "name": ("agent", "agent name", "full name"),
    "code": ("employee code", "employee_code", "id", "agent id", "login"),
    "team": ("team name", "group"),
    "skills": ("queues", "skill"),
    "hourly_cost": ("cost", "hourly rate", "rate"),
    "contracted_hours": ("weekly hours", "contracted weekly hours", "hours"),
}
REQUIRED = ("name", "code")


@dataclass(frozen=True)
class AgentImportResult:
    path: Path
    written: AgentWriteResult

    def summary(self) -> str:
        w = self.written
        text = f"{w.created} agents created and {w.updated} updated from {self.path.name}"
        return text + (f"; new teams: {', '.join(w.teams_created)}" if w.teams_created else "")


def parse_skills(text: str) -> tuple[tuple[str, int], ...]:
    skills: dict[str, int] = {}
    for part in text.replace("|", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        name, _, level = part.rpartition(":") if ":" in part else (part, "", "5")
        level = level.strip() or "5"
        if not level.isdigit() or not 1 <= int(level) <= 10:
            raise ValueError(f"skill {part!r}: proficiency must be 1 to 10")
        skills[name.strip()] = int(level)
    return tuple(skills.items())


def _row(cells: list[Cell], at: dict[str, int]) -> AgentRow:
    def cell(field: str) -> Cell:
        return cells[at[field]] if field in at else None

    name, code = text_of(cell("name")).strip(), text_of(cell("code")).strip()
    if not name or not code:
        raise ValueError(f"{'name' if not name else 'code'} is missing")
    if len(code) > 40 or len(name) > 120:
        raise ValueError("code is longer than 40 or name than 120 characters")
    cost = None if is_empty(cell("hourly_cost")) else parse_number(cell("hourly_cost"))
    hours = None if is_empty(cell("contracted_hours")) else parse_number(cell("contracted_hours"))
    if cost is not None and not 0 <= cost < 1e8:
        raise ValueError(f"hourly_cost {cost} is negative or too large")
    if hours is not None and not 0 <= hours <= 80:
        raise ValueError(f"contracted_hours {hours} is outside 0 to 80")
    team = text_of(cell("team")).strip() or None
    return AgentRow(
        code=code,
        name=name,
        team=team,
        skills=parse_skills(text_of(cell("skills"))) if "skills" in at else None,
        hourly_cost=None if cost is None else Decimal(str(round(cost, 2))),
        contracted_hours=None if hours is None else Decimal(str(round(hours, 2))),
    )


def import_agents(
    db: Database,
    path: Path | str,
    progress: Callable[[float], None] | None = None,
    *,
    site_id: int | None = None,
) -> AgentImportResult:
    """Check every row, then write all of them or nothing, at ``site_id`` (None: the only)."""
    checked_path, rows = check_agents(db, path, site_id)
    if progress is not None:
        progress(0.5)
    imported = ImportedFile("agents", str(checked_path), file_sha256(checked_path), len(rows), 0)
    written = write_agents(db, rows, imported, site_id=site_id)
    if progress is not None:
        progress(1.0)
    return AgentImportResult(checked_path, written)


def check_agents(
    db: Database, path: Path | str, site_id: int | None = None
) -> tuple[Path, list[AgentRow]]:
    """The roster's rows, checked; raises ``ImportRejected`` listing the bad ones."""
    table = open_table(path)
    at = locate(table.header, ALIASES, REQUIRED, table.path.name)
    errors = RowErrors(table.path)
    rows: list[AgentRow] = []
    seen: dict[str, int] = {}
    queues = known_queues(db, site_id)
    for number, cells in table.rows():
        try:
            row = _row(cells, at)
        except ValueError as exc:
            errors.add(number, str(exc))
            continue
        unknown = [q for q, _ in row.skills or () if q not in queues]
        if unknown:
            errors.add(number, f"skills name unknown queue {unknown[0]!r}")
            continue
        first = seen.setdefault(row.code.casefold(), number)
        if first != number:
            errors.add(number, f"code {row.code!r} repeats row {first}")
            continue
        rows.append(row)
    errors.raise_if_any()
    return table.path, rows
