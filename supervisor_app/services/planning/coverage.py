"""Coverage of a planning week: the stored forecast and the saved schedule, per queue and interval.

The arithmetic is ``domain.coverage.coverage``, which the schedule editor also
calls on an unsaved draft; this module only loads the two inputs. The demands
(forecast and targets) come back too, so a caller can recompute coverage for a
draft without going back to the database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.coverage import CoverageWeek, QueueDemand, coverage
from supervisor_app.domain.forecast import check_week_start
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.services.database import Database
from supervisor_app.services.planning.forecast_read import ForecastWeek, load_forecast_week
from supervisor_app.services.planning.patience import estimated_handle_cv2, estimated_patience
from supervisor_app.services.planning.settings import load_site
from supervisor_app.services.schedules import load_week

HISTORY_DAYS = 28  # the floor's recent behaviour: patience and handle times' spread


@dataclass(frozen=True, slots=True)
class CoverageInputs:
    """What ``domain.coverage.coverage`` needs besides a schedule: kept by the editor."""

    demands: tuple[QueueDemand, ...]
    holidays: tuple[tuple[date, str], ...]


def demands_of(forecast: ForecastWeek) -> CoverageInputs:
    return CoverageInputs(
        demands=tuple(
            QueueDemand(
                queue_id=q.plan.queue_id,
                name=q.plan.name,
                volume=q.volume,
                aht_seconds=q.aht_seconds,
                service_level=q.service_levels or q.plan.service_level,
                answer_seconds=q.answer_seconds or q.plan.answer_seconds,
                max_occupancy=q.plan.max_occupancy,
                shrinkage=q.plan.shrinkage,
                patience_seconds=q.plan.patience_seconds,
                deferred=q.plan.deferred,
            )
            for q in forecast.queues
        ),
        holidays=forecast.holidays,
    )


def coverage_inputs(
    db: Database,
    week_start: date,
    queue_ids: Sequence[int] | None = None,
    *,
    site_id: int | None = None,
) -> CoverageInputs:
    """The week's forecast and targets per queue, for coverage of a schedule held elsewhere."""
    check_week_start(week_start)
    with db.sessions() as session:
        site = load_site(session, site_id)
        inputs = demands_of(load_forecast_week(session, site, week_start, queue_ids))
    return with_history(db, inputs, week_start, ZoneInfo(site.timezone))


def with_history(
    db: Database, inputs: CoverageInputs, week_start: date, zone: ZoneInfo
) -> CoverageInputs:
    """The demands with what the ``HISTORY_DAYS`` before the week show: callers' patience
    where the queue's settings give none, and the spread of handle times — the inputs of
    the model ``plan accuracy --method erlang-a`` checks against the floor."""
    first, last = week_start - timedelta(days=HISTORY_DAYS), week_start - timedelta(days=1)
    patience = estimated_patience(db, first, last, zone)
    spread = estimated_handle_cv2(db, first, last, zone)
    demands = tuple(
        dataclasses.replace(
            d,
            patience_seconds=(
                d.patience_seconds if d.patience_seconds is not None else patience.get(d.queue_id)
            ),
            handle_cv2=spread.get(d.queue_id, d.handle_cv2),
        )
        for d in inputs.demands
    )
    return CoverageInputs(demands=demands, holidays=inputs.holidays)


def coverage_week(
    db: Database,
    week_start: date,
    queue_ids: Sequence[int] | None = None,
    *,
    site_id: int | None = None,
) -> CoverageWeek:
    """Forecast, required, scheduled productive agents, gap and expected service level per
    queue and interval of the local week from Monday ``week_start`` (all queues by default).

    Every queue is computed (a multi-skilled agent's share depends on all their
    queues' needs) and the chosen ones returned.
    """
    inputs = coverage_inputs(db, week_start, site_id=site_id)
    week: ScheduleWeek = load_week(db, week_start, site_id=site_id)
    result = coverage(week, inputs.demands, inputs.holidays)
    if queue_ids is None:
        return result
    keep = set(queue_ids)
    return CoverageWeek(
        week_start=result.week_start,
        timezone=result.timezone,
        interval_minutes=result.interval_minutes,
        starts=result.starts,
        queues=tuple(q for q in result.queues if q.queue_id in keep),
        holidays=result.holidays,
    )
