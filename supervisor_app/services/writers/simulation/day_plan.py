"""The day's plan for a live run: published shifts and time off read back, generated days written.

Planners may move published shifts while the simulator runs; it follows what is
published, and only writes a plan for a day that has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from supervisor_app.domain.enums import ShiftStatus, TimeOffStatus
from supervisor_app.services.database import Database
from supervisor_app.services.writers.simulation.writes import (
    SOURCE,
    ActivitySpec,
    RosterSpec,
    ShiftSpec,
)
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Forecast, Shift, ShiftActivity, TimeOff


def _at(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


class DayPlanIO:
    """What a ``LiveWriter`` reads and writes of the plan (a base class: it shares ``_db``)."""

    _db: Database

    def day_shifts(self, roster: RosterSpec, start: float, end: float) -> list[ShiftSpec] | None:
        """Published shifts of the roster starting in [start, end), or None if the day has none.

        Planners may have moved them since: the simulator follows what is published.
        """
        agent_ids = [a.id for a in roster.agents]
        with self._db.sessions() as session:
            shifts = session.scalars(
                select(Shift)
                .where(
                    Shift.agent_id.in_(agent_ids),
                    Shift.status == ShiftStatus.PUBLISHED,
                    Shift.starts_at >= _at(start),
                    Shift.starts_at < _at(end),
                )
                .options(selectinload(Shift.activities))
                .order_by(Shift.starts_at, Shift.id)
            ).all()
            if not shifts:
                return None
            return [
                ShiftSpec(
                    s.agent_id,
                    s.starts_at.timestamp(),
                    s.ends_at.timestamp(),
                    tuple(
                        ActivitySpec(a.kind, a.starts_at.timestamp(), a.ends_at.timestamp())
                        for a in s.activities
                    ),
                )
                for s in shifts
            ]

    def absent(self, roster: RosterSpec, start: float, end: float) -> frozenset[int]:
        """Agents with approved time off overlapping [start, end)."""
        with self._db.sessions() as session:
            return frozenset(
                session.scalars(
                    select(TimeOff.agent_id).where(
                        TimeOff.agent_id.in_([a.id for a in roster.agents]),
                        TimeOff.status == TimeOffStatus.APPROVED,
                        TimeOff.starts_at < _at(end),
                        TimeOff.ends_at > _at(start),
                    )
                )
            )

    def publish(
        self,
        shifts: Sequence[ShiftSpec],
        forecasts: Sequence[tuple[int, float, float, float]],
        published_at: float,
    ) -> None:
        """Write a generated day: published shifts, and forecast rows (queue, start, volume, AHT)
        for intervals that have none yet."""
        with self._db.engine.begin() as conn:
            for spec in shifts:
                shift_id = conn.execute(
                    insert(Shift)
                    .values(
                        agent_id=spec.agent_id,
                        starts_at=_at(spec.starts),
                        ends_at=_at(spec.ends),
                        status=ShiftStatus.PUBLISHED,
                        published_at=_at(published_at),
                        published_by=SOURCE,
                        version=1,
                    )
                    .returning(Shift.id)
                ).scalar_one()
                if spec.activities:
                    conn.execute(
                        insert(ShiftActivity),
                        [
                            {
                                "shift_id": shift_id,
                                "kind": a.kind,
                                "starts_at": _at(a.starts),
                                "ends_at": _at(a.ends),
                                "version": 1,
                            }
                            for a in spec.activities
                        ],
                    )
            if forecasts:
                starts = [f[1] for f in forecasts]
                taken = {
                    (queue_id, start)
                    for queue_id, start in conn.execute(
                        select(Forecast.queue_id, Forecast.interval_start).where(
                            Forecast.queue_id.in_({f[0] for f in forecasts}),
                            Forecast.interval_start >= _at(min(starts)),
                            Forecast.interval_start <= _at(max(starts)),
                        )
                    )
                }
                rows = [
                    {"queue_id": q, "interval_start": _at(t), "volume": v, "aht_seconds": a}
                    for q, t, v, a in forecasts
                    if (q, _at(t)) not in taken
                ]
                if rows:
                    conn.execute(insert(Forecast), rows)
            announce(conn, ["shifts", "shift_activities", "forecasts"])

    # -- events ------------------------------------------------------------------------
