"""What hovering the grid says: the violations there (with their reasons), then what is there."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.grid.grid_hit import Hit, time_off_at, violations_at
from supervisor_app.ui.schedules.week.draft import ScheduleDraft


def _span(a: object, zone: ZoneInfo) -> str:
    s, e = a.starts_at.astimezone(zone), a.ends_at.astimezone(zone)  # type: ignore[attr-defined]
    if s.date() == e.date():
        return f"{s:%a %H:%M}–{e:%H:%M}"
    return f"{s:%a %H:%M} – {e:%a %H:%M}"


def tooltip_for(hit: Hit, draft: ScheduleDraft, zone: ZoneInfo | None) -> str:
    if hit.row.agent is None or zone is None:
        return ""
    agent_id = hit.row.agent.agent_id
    lines: list[str] = []
    interval = draft.week.interval_minutes if draft.week else 15
    for v in violations_at(draft.index, agent_id, hit.time, interval / 2):
        lines.append(f"⚠ {v.message}")
    if hit.activity is not None:
        lines.append(f"{pal.ACTIVITY_NAME[hit.activity.kind]} {_span(hit.activity, zone)}")
    if hit.shift is not None:
        state = "published" if hit.shift.status == ShiftStatus.PUBLISHED else "draft"
        hours = (hit.shift.ends_at - hit.shift.starts_at).total_seconds() / 3600
        lines.append(f"Shift {_span(hit.shift, zone)} ({hours:g} h, {state})")
    off = time_off_at(draft.index, agent_id, hit.time)
    if off is not None:
        reason = f": {off.reason}" if off.reason else ""
        lines.append(f"{pal.TIME_OFF_NAME[off.status]} {_span(off, zone)}{reason}")
    return "\n".join(lines)
