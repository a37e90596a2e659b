"""The schedule's two grids: agents × days with shift times, and a timeline coloured by activity.

Colours are the schedule editor's (``ui/schedules/palette.py``, copied here
because reports may not import the UI; a test keeps the two equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook import Workbook

from supervisor_app.domain.enums import ActivityKind, TimeOffStatus
from supervisor_app.domain.labels import ACTIVITY_LABELS
from supervisor_app.domain.schedule_types import PlannedShift, ScheduleWeek
from supervisor_app.reports import styles
from supervisor_app.reports.table import CellMaker, Column, finish_sheet, start_sheet, text_cell

PRODUCTIVE = "7FB685"
ACTIVITY_COLOURS: dict[ActivityKind, str] = {
    ActivityKind.BREAK: "F2C14E",
    ActivityKind.LUNCH: "E8884A",
    ActivityKind.TRAINING: "8E6CC0",
    ActivityKind.MEETING: "3FA7A3",
    ActivityKind.COACHING: "C06C9A",
    ActivityKind.OFF_PHONE: "A68A64",
}
TIME_OFF = "8A96A8"
PALE_SHIFT = "DDEEDF"


def _fill(hex_colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=hex_colour)


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _day_text(shift: PlannedShift, zone: ZoneInfo) -> str:
    start, end = _local(shift.starts_at, zone), _local(shift.ends_at, zone)
    parts = [f"{start:%H:%M}–{end:%H:%M}"]
    for a in shift.activities:
        parts.append(f"{ACTIVITY_LABELS[a.kind]} {_local(a.starts_at, zone):%H:%M}")
    return "\n".join(parts)


def write_week_grid(wb: Workbook, week: ScheduleWeek, title: str) -> None:
    """Agents × the week's days: shift times and activities, shaded like the editor's shifts."""
    zone = ZoneInfo(week.timezone)
    days = [week.week_start + timedelta(days=i) for i in range(7)]
    columns = [Column("Team"), Column("Agent"), *(Column(f"{d:%a %d %b}") for d in days)]
    team_width = max([len(a.team or "") for a in week.agents] + [6]) + 2
    agent_width = max([len(a.name) for a in week.agents] + [8]) + 2
    ws = start_sheet(wb, title, columns, [min(team_width, 30), min(agent_width, 30), *[17] * 7], 2)
    shifts: dict[tuple[int, date], list[PlannedShift]] = {}
    for s in week.shifts:
        shifts.setdefault((s.agent_id, _local(s.starts_at, zone).date()), []).append(s)
    off = {
        (t.agent_id, week.week_start + timedelta(days=i))
        for t in week.time_off
        if t.status is TimeOffStatus.APPROVED
        for i in range(7)
        if _local(t.starts_at, zone).date()
        <= week.week_start + timedelta(days=i)
        < _local(t.ends_at, zone).date() + timedelta(days=1)
    }
    names = CellMaker(ws, columns[:2])
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, agent in enumerate(week.agents, start=2):
        row: list[Any] = names.row([agent.team, agent.name])
        texts = {
            d: "\n".join(_day_text(s, zone) for s in shifts.get((agent.agent_id, d), []))
            for d in days
        }
        lines = max((t.count("\n") + 1 for t in texts.values() if t), default=1)
        # A write-only row takes its height before it is written; spreadsheets don't refit it.
        ws.row_dimensions[n].height = 13 * lines + 3
        for day in days:
            if texts[day]:
                cell = text_cell(ws, texts[day])
                cell.fill, cell.alignment = _fill(PALE_SHIFT), wrap
            elif (agent.agent_id, day) in off:
                cell = WriteOnlyCell(ws, "Time off")
                cell.fill, cell.font = _fill(TIME_OFF), Font(color="FFFFFF")
            else:
                cell = None
            row.append(cell)
        ws.append(row)
    finish_sheet(ws, len(columns), len(week.agents))


def _slot_kind(shifts: Sequence[PlannedShift], t: datetime) -> ActivityKind | str | None:
    """What the agent does at UTC instant ``t``: an activity, "shift", or None (off)."""
    for s in shifts:
        if s.starts_at <= t < s.ends_at:
            for a in s.activities:
                if a.starts_at <= t < a.ends_at:
                    return a.kind
            return "shift"
    return None


def write_timeline(wb: Workbook, week: ScheduleWeek, title: str) -> None:
    """One row per agent and working day, one narrow column per interval, coloured by activity."""
    zone = ZoneInfo(week.timezone)
    if not week.shifts:
        return
    starts = [_local(s.starts_at, zone) for s in week.shifts]
    ends = [_local(s.ends_at, zone) for s in week.shifts]
    first_hour = min(t.hour for t in starts)
    last_hour = min(max(t.hour + (1 if t.minute else 0) for t in ends), 24)
    if any(e.date() > s.date() for s, e in zip(starts, ends, strict=True)):
        first_hour, last_hour = 0, 24  # overnight shifts: show the whole day
    step = week.interval_minutes
    slots = [
        timedelta(hours=first_hour, minutes=m)
        for m in range(0, (last_hour - first_hour) * 60, step)
    ]
    columns = [Column("Agent"), Column("Date", styles.CellKind.DATE)]
    columns += [Column(_slot_heading(s)) for s in slots]
    agent_width = max([len(a.name) for a in week.agents] + [8]) + 2
    ws = start_sheet(wb, title, columns, [min(agent_width, 30), 11, *[2.6] * len(slots)], 2)
    fills = {k: _fill(v) for k, v in ACTIVITY_COLOURS.items()}
    fills["shift"] = _fill(PRODUCTIVE)
    keys = CellMaker(ws, columns[:2])
    by_agent: dict[int, list[PlannedShift]] = {}
    for s in week.shifts:
        by_agent.setdefault(s.agent_id, []).append(s)
    rows = 0
    for agent in week.agents:
        mine = by_agent.get(agent.agent_id, [])
        for day in sorted({_local(s.starts_at, zone).date() for s in mine}):
            row: list[Any] = keys.row([agent.name, day])
            for slot in slots:
                wall = datetime.combine(day, datetime.min.time()) + slot
                kind = _slot_kind(mine, wall.replace(tzinfo=zone).astimezone(UTC))
                if kind is None:
                    row.append(None)
                    continue
                cell = WriteOnlyCell(ws)
                cell.fill = fills[kind]
                row.append(cell)
            ws.append(row)
            rows += 1
    ws.append([])
    legend = [
        ("Productive", PRODUCTIVE),
        *((ACTIVITY_LABELS[k], c) for k, c in ACTIVITY_COLOURS.items()),
    ]
    for name, colour in legend:
        swatch = WriteOnlyCell(ws)
        swatch.fill = _fill(colour)
        ws.append([text_cell(ws, name), None, swatch])
    finish_sheet(ws, len(columns), rows)


def _slot_heading(offset: timedelta) -> str:
    """Full hours are labelled ("7", "13"); the quarter-hours between them stay blank."""
    minutes = int(offset.total_seconds()) // 60
    return "" if minutes % 60 else str(minutes // 60)
