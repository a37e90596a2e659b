"""What the setup services hand out: plain, frozen records of what a person edits.

Each record carries the ``version`` it was read at; a save hands the record
back as "what I saw", so the service can tell a change made meanwhile at
another workstation (optimistic locking) and name the fields it touched.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class SiteRecord:
    id: int
    name: str
    timezone: str
    interval_minutes: int
    country_code: str | None  # as set; None: taken from the time zone
    fte_weekly_hours: float
    service_level_variant: str
    version: int

    def values(self) -> dict[str, Any]:
        """The editable fields by their field-table names (``domain.setup_fields``)."""
        out = asdict(self)
        del out["id"], out["version"]
        out["interval_minutes"] = str(self.interval_minutes)
        return out


@dataclass(frozen=True, slots=True)
class QueueRecord:
    id: int
    site_id: int
    site: str
    name: str
    channel: str
    sl_target_percent: float
    threshold_seconds: int
    short_abandon_seconds: int
    patience_seconds: float | None
    shrinkage_percent: float
    occupancy_cap_percent: float
    waiting_amber: int | None
    waiting_red: int | None
    longest_wait_amber_seconds: int | None
    longest_wait_red_seconds: int | None
    service_level_amber_pct: float | None
    service_level_red_pct: float | None
    active: bool
    version: int

    def values(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("id", "site_id", "site", "version"):
            del out[key]
        return out


@dataclass(frozen=True, slots=True)
class TeamRecord:
    id: int
    site_id: int
    site: str
    name: str
    agent_count: int
    version: int

    def values(self) -> dict[str, Any]:
        return {"name": self.name, "site_id": self.site_id}


@dataclass(frozen=True, slots=True)
class SkillRecord:
    queue_id: int
    queue: str
    proficiency: int


@dataclass(frozen=True, slots=True)
class AgentRecord:
    id: int
    name: str
    employee_code: str
    team_id: int | None
    team: str | None
    site_id: int | None  # the team's site; None for an agent in no team
    site: str | None
    hourly_cost: float
    contracted_weekly_hours: float
    active: bool
    version: int
    skills: tuple[SkillRecord, ...] = field(default=())
    hire_date: date | None = None

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "employee_code": self.employee_code,
            "team_id": self.team_id,
            "hourly_cost": self.hourly_cost,
            "contracted_weekly_hours": self.contracted_weekly_hours,
            "hire_date": self.hire_date,
            "active": self.active,
            "skills": {s.queue: s.proficiency for s in self.skills},
        }


@dataclass(frozen=True, slots=True)
class BreakRule:
    """One break requirement: a shift at least ``min_shift_minutes`` long needs these."""

    min_shift_minutes: int
    breaks: int
    lunches: int
    break_minutes: int = 15
    lunch_minutes: int = 30


@dataclass(frozen=True, slots=True)
class RulesRecord:
    site_id: int
    site: str
    min_shift_minutes: int
    max_shift_minutes: int
    min_rest_minutes: int
    weekly_tolerance_minutes: int
    lunch_is_paid: bool
    requirements: tuple[BreakRule, ...]
    version: int  # 0: the site has never saved its rules (the defaults are shown)

    @property
    def id(self) -> int:
        """One rules record per site: the site's id names it."""
        return self.site_id

    def values(self) -> dict[str, Any]:
        return {
            "min_shift_minutes": self.min_shift_minutes,
            "max_shift_minutes": self.max_shift_minutes,
            "min_rest_minutes": self.min_rest_minutes,
            "weekly_tolerance_minutes": self.weekly_tolerance_minutes,
            "lunch_is_paid": self.lunch_is_paid,
            "requirements": [asdict(r) for r in self.requirements],
        }


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: str | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
