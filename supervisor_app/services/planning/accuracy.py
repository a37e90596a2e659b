"""How good past forecasts were: WAPE of volume and handle time, per week and queue.

Forecast rows and the actual sums (the KPI's own, ``contact_sums``) are lined
up interval by interval; an interval with a forecast and no contact counts as
an actual 0, and one with contacts and no forecast as a forecast 0, so a
missing forecast shows up as error rather than vanishing. The formula is
``domain.forecast.wape`` / ``aht_wape``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.forecast import aht_wape, check_week_start, wape
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.services.database import Database
from supervisor_app.services.planning.forecast_history import actuals_by_interval
from supervisor_app.services.planning.forecast_read import load_forecast_week
from supervisor_app.services.planning.settings import load_site

MAX_WEEKS = 105


@dataclass(frozen=True, slots=True)
class WeekAccuracy:
    week_start: date
    queue_id: int | None  # None: all the chosen queues together
    queue: str
    forecast_volume: float
    actual_offered: int
    volume_wape: float | None  # None: no contacts that week
    aht_wape: float | None  # None: no handled contacts


def forecast_accuracy(
    db: Database,
    first_week: date,
    last_week: date,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> list[WeekAccuracy]:
    """Per week from Monday ``first_week`` to Monday ``last_week``: each queue, then the total."""
    check_week_start(first_week)
    check_week_start(last_week)
    if last_week < first_week:
        raise UserError(f"the last week ({last_week}) is before the first ({first_week})")
    if (last_week - first_week).days // 7 >= MAX_WEEKS:
        raise UserError(f"accuracy covers at most {MAX_WEEKS} weeks at a time")
    out = []
    with db.sessions() as session:
        site = load_site(session, site_id)
        zone = ZoneInfo(site.timezone)
        week = first_week
        while week <= last_week:
            fw = load_forecast_week(session, site, week, queue_ids)
            start, _ = local_day_bounds(week, zone)
            _, end = local_day_bounds(week + timedelta(days=6), zone)
            ids = [q.plan.queue_id for q in fw.queues]
            actual = actuals_by_interval(session, start, end, site.interval_minutes, ids)
            cells: list[tuple[float, float, float, int, float]] = []
            for q in fw.queues:
                mine = []
                for i, s in enumerate(fw.starts):
                    a = actual.get((q.plan.queue_id, s))
                    offered, handled, seconds = (
                        (a.offered, a.handled, a.handle_seconds) if a else (0, 0, 0.0)
                    )
                    mine.append((q.volume[i], q.aht_seconds[i], offered, handled, seconds))
                cells.extend(mine)
                out.append(_row(week, q.plan.queue_id, q.plan.name, mine))
            out.append(_row(week, None, "All queues", cells))
            week += timedelta(days=7)
    return out


def _row(
    week: date, queue_id: int | None, name: str, cells: list[tuple[float, float, float, int, float]]
) -> WeekAccuracy:
    f, f_aht, offered, handled, seconds = (
        (list(c) for c in zip(*cells, strict=True)) if cells else ([],) * 5
    )
    return WeekAccuracy(
        week_start=week,
        queue_id=queue_id,
        queue=name,
        forecast_volume=float(sum(f)),
        actual_offered=int(sum(offered)),
        volume_wape=wape(f, offered),
        aht_wape=aht_wape(f_aht, handled, seconds),
    )
