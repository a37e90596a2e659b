"""What a report is asked for, and what every report builder is handed.

The CLI and the Reports tab both fill an ``ExportRequest``; ``resolve`` checks
it against the database (queues and teams by name or id) into a ``Resolved``
request that the builders read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.report_data import Named, ReportContext

PERIODS = ("daily", "weekly", "monthly")
MAX_DAYS = 400

Tick = Callable[[float], None]  # fraction of the work done, 0..1


@dataclass(frozen=True, slots=True)
class ExportRequest:
    report: str
    first: date
    last: date
    queues: tuple[str, ...] = ()  # names or ids; empty: every queue
    teams: tuple[str, ...] = ()
    period: str | None = None  # service: daily, weekly or monthly; None: from the range
    rows: bool = False  # add the row-level contact sheet (service, satisfaction)
    # The site; None: all sites, except for SITE_REPORTS, where None is the only site
    # (with several, planning refuses to guess and says so).
    site_id: int | None = None
    agents: tuple[str, ...] = ()  # review: the agent, by employee code or name


@dataclass(frozen=True, slots=True)
class Resolved:
    db: Database
    request: ExportRequest
    context: ReportContext
    queues: tuple[Named, ...]  # chosen; empty: every queue
    teams: tuple[Named, ...]
    now: datetime  # aware, site-local
    user: str
    database: str

    @property
    def first(self) -> date:
        return self.request.first

    @property
    def last(self) -> date:
        return self.request.last

    @property
    def site_id(self) -> int | None:
        return self.context.site_id

    @property
    def queue_ids(self) -> frozenset[int] | None:
        return frozenset(q.id for q in self.queues) if self.queues else None

    @property
    def team_ids(self) -> frozenset[int] | None:
        return frozenset(t.id for t in self.teams) if self.teams else None

    @property
    def period(self) -> str:
        if self.request.period is not None:
            return self.request.period
        days = (self.last - self.first).days + 1
        return "daily" if days == 1 else "weekly" if days <= 31 else "monthly"

    def filters(self) -> tuple[str, ...]:
        out = []
        if self.queues:
            out.append("Queues: " + ", ".join(q.name for q in self.queues))
        if self.teams:
            out.append("Teams: " + ", ".join(t.name for t in self.teams))
        if self.request.agents:
            out.append("Agent: " + ", ".join(self.request.agents))
        return tuple(out)


USES_QUEUES = frozenset({"service", "satisfaction", "escalations", "staffing"})
USES_TEAMS = frozenset({"scorecards", "schedule", "review"})
USES_AGENTS = frozenset({"review"})
HAS_ROWS = frozenset({"service", "satisfaction"})
# Forecasts, staffing and schedules are planned per site: these reports take one site.
SITE_REPORTS = frozenset({"staffing", "schedule"})


def check_request(request: ExportRequest) -> None:
    """A filter the report can't apply is an error, not silently ignored (a cron job's typo)."""
    name = request.report
    if request.queues and name not in USES_QUEUES:
        raise UserError(
            f"the {name} report is by team: --queue applies to {', '.join(sorted(USES_QUEUES))}"
        )
    if request.teams and name not in USES_TEAMS:
        raise UserError(
            f"the {name} report is by queue: --team applies to {', '.join(sorted(USES_TEAMS))}"
        )
    if request.agents and name not in USES_AGENTS:
        raise UserError(f"--agent applies to the {' and '.join(sorted(USES_AGENTS))} report")
    if name in USES_AGENTS:
        check_review(request)
    if request.rows and name not in HAS_ROWS:
        raise UserError(f"--rows applies to the {' and '.join(sorted(HAS_ROWS))} reports")
    if request.period is not None and name != "service":
        raise UserError("--period applies to the service report only")

    check_range(request)


def check_review(request: ExportRequest) -> None:
    """A review pack is about one agent, or one team side by side."""
    if len(request.agents) + len(request.teams) != 1:
        raise UserError(
            "the review report needs one --agent CODE_OR_NAME or one --team NAME "
            "(a pack is about one agent, or one team side by side)"
        )


def check_range(request: ExportRequest) -> None:
    if request.first > request.last:
        raise UserError(f"the range {request.first} to {request.last} ends before it starts")
    days = (request.last - request.first).days + 1
    if days > MAX_DAYS:
        raise UserError(f"the range is {days} days long; a report covers at most {MAX_DAYS}")
    if request.period is not None and request.period not in PERIODS:
        raise UserError(f"period {request.period!r}: choose one of {', '.join(PERIODS)}")
