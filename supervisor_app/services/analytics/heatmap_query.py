"""Offered contacts and service level by weekday × local interval: the intraday heat map.

Contacts are summed in SQL per interval of the range (the same interval index
``kpi_report`` groups by, so DST days have 92 or 100 quarter-hours), then
folded here into the week's cells by each interval's local weekday and time
of day. A cell holds ``ContactSums``, so its service level comes from
``domain.kpi`` like every other service level.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, time

from supervisor_app.domain import kpi
from supervisor_app.domain.kpi import ContactSums, ServiceLevelVariant
from supervisor_app.services.analytics.options import site_parts
from supervisor_app.services.contact_sums import add_up, grouped_sums
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import Grouping, range_bounds, time_layout
from supervisor_app.services.sites import site_variant
from supervisor_app.store.models import Contact

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class Heatmap:
    first: date
    last: date
    interval_minutes: int
    slots: tuple[time, ...]  # local start of each interval of a day, in order
    cells: dict[tuple[int, time], ContactSums]  # (weekday 0=Mon, slot) → sums; empty cells absent
    days: dict[int, int]  # weekday → how many of that weekday the range holds
    variant: ServiceLevelVariant = ServiceLevelVariant.OFFERED  # the site's headline one

    def offered(self, weekday: int, slot: time) -> int:
        return self.cells.get((weekday, slot), ContactSums()).offered

    def mean_offered(self, weekday: int, slot: time) -> float | None:
        """Offered per day of that weekday (the range may hold several Mondays)."""
        return kpi.ratio(self.offered(weekday, slot), self.days.get(weekday, 0))

    def service_level(
        self, weekday: int, slot: time, variant: ServiceLevelVariant | None = None
    ) -> float | None:
        sums = self.cells.get((weekday, slot))
        return None if sums is None else kpi.service_level(sums, variant or self.variant)


def heatmap(
    db: Database,
    first: date,
    last: date,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> Heatmap:
    """Sums per (local weekday, local interval start) of the contacts from ``first`` to ``last``
    at ``site_id`` (None: all sites, each in its own zone, at the coarsest interval)."""
    cells: dict[tuple[int, time], ContactSums] = {}
    slots: set[time] = set()
    with db.sessions() as session:
        parts = site_parts(session, site_id)
        variant = site_variant(session, site_id)
        for part in parts:
            zone, minutes = part.zone, part.interval_minutes
            start, end = range_bounds(first, last, zone)
            layout = time_layout(Grouping.INTERVAL, first, last, zone, minutes)
            key = layout.key(Contact.arrived_at)
            where = [
                Contact.arrived_at >= start,
                Contact.arrived_at < end,
                *part.on(Contact.queue_id),
            ]
            if queue_ids:
                where.append(Contact.queue_id.in_(sorted(queue_ids)))
            last_group = len(layout.groups) - 1
            for (index,), sums, _ in grouped_sums(session, [key], *where):
                local = layout.groups[min(max(int(index), 0), last_group)].start.astimezone(zone)
                add_up(cells, (local.weekday(), local.time()), sums)
            slots |= {g.start.astimezone(zone).time() for g in layout.groups}
    minutes = parts[0].interval_minutes
    days: dict[int, int] = {}
    for offset in range((last - first).days + 1):
        weekday = (first.weekday() + offset) % 7
        days[weekday] = days.get(weekday, 0) + 1
    return Heatmap(first, last, minutes, tuple(sorted(slots)), cells, days, variant)
