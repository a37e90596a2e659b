"""Making a report: resolve the request, gather the figures, write the workbook into place.

The one entry point for the CLI (``export``) and the Reports tab. Each report
module has ``TITLE``, ``gather(req, tick)``, ``headline(data)`` and
``write(wb, data, req, tick)``; this module adds what every workbook has
(cover sheet, document properties, atomic write) so no report can forget it.
"""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from supervisor_app.domain.errors import UserError
from supervisor_app.reports import (
    escalations,
    review,
    satisfaction,
    schedule,
    scorecards,
    service_level,
    staffing,
)
from supervisor_app.reports.atomic import check_target, write_atomically
from supervisor_app.reports.cover import Headline, ReportMeta, add_cover, set_properties
from supervisor_app.reports.request import ExportRequest, Resolved, Tick, check_request
from supervisor_app.services.database import Database
from supervisor_app.services.report_data import report_context, resolve

log = logging.getLogger(__name__)

REPORTS: dict[str, ModuleType] = {
    "service": service_level,
    "scorecards": scorecards,
    "schedule": schedule,
    "staffing": staffing,
    "satisfaction": satisfaction,
    "escalations": escalations,
    "review": review,
}


def available_reports() -> dict[str, str]:
    """Report name → title, in menu order."""
    return {name: module.TITLE for name, module in REPORTS.items()}


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    title: str
    sheets: tuple[str, ...]
    headline: tuple[Headline, ...]


def _module(name: str) -> ModuleType:
    try:
        return REPORTS[name]
    except KeyError:
        raise UserError(f"no report called {name!r}: choose one of {', '.join(REPORTS)}") from None


def resolve_request(
    db: Database, request: ExportRequest, *, now: datetime | None = None, user: str | None = None
) -> Resolved:
    _module(request.report)
    check_request(request)
    context = report_context(db, request.site_id)
    zone = ZoneInfo(context.timezone)
    return Resolved(
        db=db,
        request=request,
        context=context,
        queues=resolve("queue", request.queues, context.queues),
        teams=resolve("team", request.teams, context.teams),
        now=(now or datetime.now(UTC)).astimezone(zone),
        user=user or _user(),
        database=db.display_url,
    )


def preview(db: Database, request: ExportRequest) -> tuple[Headline, ...]:
    """The headline figures the workbook's cover will show, without writing anything."""
    req = resolve_request(db, request)
    module = _module(request.report)
    return tuple(module.headline(module.gather(req, _ignore)))


def export_report(
    db: Database,
    request: ExportRequest,
    path: Path,
    *,
    progress: Tick | None = None,
    now: datetime | None = None,
    user: str | None = None,
) -> ExportResult:
    """Write the report to ``path`` (atomically); ``progress`` gets 0..1 and may raise to stop."""
    tick = progress or _ignore
    target = check_target(Path(path))  # fail before the figures are gathered, not after
    req = resolve_request(db, request, now=now, user=user)
    module = _module(request.report)
    tick(0.02)
    data = module.gather(req, tick)
    meta = ReportMeta(
        title=module.TITLE,
        first=req.first,
        last=req.last,
        site=req.context.site,
        timezone=req.context.timezone,
        database=req.database,
        generated_at=req.now,
        generated_by=req.user,
        filters=req.filters(),
        headline=tuple(module.headline(data)),
    )
    sheets: list[str] = []

    def write(temp: Path) -> None:
        wb = Workbook(write_only=True)
        set_properties(wb, meta)
        module.write(wb, data, req, tick)
        # The cover lists the sheets, so it is written last and moved to the front.
        add_cover(wb, meta, [ws.title for ws in wb.worksheets])
        wb.move_sheet("Cover", offset=1 - len(wb.worksheets))
        wb.active = 0
        sheets.extend(ws.title for ws in wb.worksheets)
        tick(0.97)
        wb.save(temp)

    write_atomically(target, write)
    log.info("export: %s (%s to %s) written to %s", module.TITLE, req.first, req.last, target)
    tick(1.0)
    return ExportResult(target, module.TITLE, tuple(sheets), meta.headline)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container, a service account)
        return "unknown user"


def _ignore(_: float) -> None:
    return None
