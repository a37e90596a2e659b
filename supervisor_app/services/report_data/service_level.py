"""Service figures per queue and local day, interval, week or month, for the Service report.

The ``kpi`` command groups by queue *or* by time; a service report needs both
at once. This runs the same sums query (``kpi_contacts.contact_sums``) with a
(queue, time group) key and turns sums into figures with ``KpiFigures.of``,
so every cell equals what ``kpi`` prints for that queue or day: totals are
figures of the added sums, never averages of rates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.kpi import ServiceLevelVariant
from supervisor_app.services.contact_sums import grouped_sums
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import (
    ContactScope,
    Grouping,
    GroupSums,
    KpiFigures,
    KpiFilter,
    Percentiles,
    QualitySums,
    TimeLayout,
    contact_sums,
    prepare_session,
    time_layout,
)
from supervisor_app.services.sites import SitePart, site_parts, site_variant
from supervisor_app.services.targets import targets_in_force
from supervisor_app.store.models import Contact, Queue

TIME_GROUPINGS = (Grouping.INTERVAL, Grouping.DAY, Grouping.WEEK, Grouping.MONTH)


@dataclass(frozen=True, slots=True)
class ServiceQueue:
    id: int
    name: str
    channel: str
    target: float  # service level target, fraction 0..1, in force on the range's last day
    threshold_seconds: int  # likewise


@dataclass(frozen=True, slots=True)
class ServiceCell:
    """One queue in one time group; in totals ``queue`` None is all queues, ``group`` -1 all
    of the range."""

    queue: ServiceQueue | None
    group: int
    starts: datetime  # local start of the time group (site zone)
    label: str  # "2026-11-17", "2026-W47", "2026-11", or the interval's local time
    figures: KpiFigures
    sums: GroupSums
    # The queue's target in force on the group's first day (the range's last day for a
    # queue's total); None for all queues together, which have no one target.
    target: float | None = None


@dataclass(frozen=True, slots=True)
class ServiceTable:
    by: Grouping
    first: date
    last: date
    timezone: str
    queues: tuple[ServiceQueue, ...]
    cells: tuple[ServiceCell, ...]  # per queue, then per group in time order
    queue_totals: tuple[ServiceCell, ...]  # per queue, all of the range
    group_totals: tuple[ServiceCell, ...]  # per group, the selected queues together
    total: ServiceCell


def _figures(sums: GroupSums, variant: ServiceLevelVariant) -> KpiFigures:
    return KpiFigures.of(sums, Percentiles(), agent_time=False, variant=variant)


def service_table(
    db: Database,
    first: date,
    last: date,
    by: Grouping | str,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> ServiceTable:
    """Figures of each chosen queue (all when None) in each ``by`` group of the range."""
    return service_tables(db, first, last, by, (), queue_ids, site_id=site_id)[0]


def service_tables(
    db: Database,
    first: date,
    last: date,
    by: Grouping | str,
    coarser: Sequence[Grouping | str],
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
    quality: bool = True,
) -> list[ServiceTable]:
    """The ``by`` table, then one per ``coarser`` grouping folded from it (one query).

    Every figure is a ratio of sums and sums add up, so a week's or a month's
    figures from its days equal those of a query by week or month. Without
    ``quality`` only the contact sums are read (``contact_sums.grouped_sums``, the
    same columns): no survey answers and no first-contact resolution, whose
    look-ahead for repeat contacts costs as much again, so CSAT, NPS and FCR are None.

    ``site_id`` None is all sites: each site's contacts in its own local groups (at the
    coarsest interval), met by label; queues are then called "Site · Queue".
    """
    by = Grouping(by)
    groupings = [by, *(Grouping(c) for c in coarser)]
    for g in groupings:
        if g not in TIME_GROUPINGS:
            raise UserError(f"a service table is by interval, day, week or month, not {g.value}")
    if first > last:
        raise UserError(f"the range {first} to {last} ends before it starts")
    sums: dict[tuple[int, int], GroupSums] = {}
    queues: list[ServiceQueue] = []
    daily: dict[int, dict[date, float]] = {}  # each queue's target in force, by local day
    with db.sessions() as session:
        prepare_session(session)
        parts = site_parts(session, site_id)
        variant = site_variant(session, site_id)
        ref = parts[0]  # all sites: groups as the first site's local calendar names them
        layouts = [time_layout(g, first, last, ref.zone, ref.interval_minutes) for g in groupings]
        walls = [_wall(g.key) for g in layouts[0].groups]
        for part in parts:
            named = len(parts) > 1
            queues += _site_queues(session, part, queue_ids, first, last, daily, named=named)
            layout = time_layout(groupings[0], first, last, part.zone, part.interval_minutes)
            # each of the site's groups lands in the reference group of the same local label
            onto = [_onto(walls, _wall(g.key)) for g in layout.groups]
            keys = (Contact.queue_id, layout.key(Contact.arrived_at))
            if quality:
                narrow = KpiFilter(site_id=part.site.site_id if part.several else None)
                scope = ContactScope(keys, filter=narrow)
                found = contact_sums(session, scope, layout.start, layout.end)
            else:
                where = (
                    Contact.arrived_at >= layout.start,
                    Contact.arrived_at < layout.end,
                    *part.on(Contact.queue_id),
                )
                found = {k: (c, QualitySums()) for k, c, _ in grouped_sums(session, keys, *where)}
            last_group = len(layout.groups) - 1
            for (queue_id, index), (contacts, quality_sums) in found.items():
                # SQLite rounds to the millisecond: a contact in the range's last
                # half-millisecond can land one group past the end (kpi_report folds it
                # back the same way).
                key = (queue_id, onto[min(max(int(index), 0), last_group)])
                _add(sums, key, GroupSums(contacts, quality_sums))
    layout = layouts[0]
    site = ref.site
    tables = []
    for coarse in layouts:
        starts = [g.start for g in coarse.groups]
        # a fine group lies inside exactly one coarse group: the last that starts at or before it
        where = [bisect_right(starts, g.start) - 1 for g in layout.groups]
        folded: dict[tuple[int, int], GroupSums] = {}
        for (queue_id, index), part in sums.items():
            _add(folded, (queue_id, where[index]), part)
        tables.append(
            _assemble(
                coarse.by, first, last, site.timezone, coarse, tuple(queues), folded, variant, daily
            )
        )
    return tables


def _site_queues(
    session: Session,
    part: SitePart,
    queue_ids: Collection[int] | None,
    first: date,
    last: date,
    daily: dict[int, dict[date, float]],
    *,
    named: bool,
) -> list[ServiceQueue]:
    """The site's chosen queues with the targets in force on the range's last day, and
    each day's target into ``daily``; ``named``: called "Site · Queue" (all sites' tables)."""
    query = select(Queue).where(Queue.site_id == part.site.site_id).order_by(Queue.name)
    chosen = [q for q in session.scalars(query) if queue_ids is None or q.id in queue_ids]
    in_force = targets_in_force(session, [q.id for q in chosen], first, last)
    for queue_id, days in in_force.items():
        daily[queue_id] = {d: t.service_level_target for d, t in days.items()}
    return [
        ServiceQueue(
            q.id,
            f"{part.site.name} · {q.name}" if named else q.name,
            q.channel.value,
            in_force[q.id][last].service_level_target,
            in_force[q.id][last].threshold_seconds,
        )
        for q in chosen
    ]


def _wall(key: tuple[tuple[str, object], ...]) -> tuple[tuple[str, str], ...]:
    """A group's label as local wall time (an interval's start without its UTC offset)."""
    return tuple((k, str(v)[:19]) for k, v in key)


def _onto(walls: list[tuple[tuple[str, str], ...]], wall: tuple[tuple[str, str], ...]) -> int:
    """The reference group labelled ``wall``, else the last one before it (a DST hour
    one zone has and the other hasn't)."""
    if wall in walls:
        return walls.index(wall)
    return max(0, bisect_right(walls, wall) - 1)


def _add(sums: dict[tuple[int, int], GroupSums], key: tuple[int, int], part: GroupSums) -> None:
    sums[key] = sums[key] + part if key in sums else part


def _assemble(
    by: Grouping,
    first: date,
    last: date,
    timezone: str,
    layout: TimeLayout,
    queues: tuple[ServiceQueue, ...],
    sums: dict[tuple[int, int], GroupSums],
    variant: ServiceLevelVariant,
    daily: dict[int, dict[date, float]],
) -> ServiceTable:
    zone = ZoneInfo(timezone)
    starts = [g.start.astimezone(zone) for g in layout.groups]
    days = [min(max(s.date(), first), last) for s in starts]
    labels = [_label(by, g.key, s) for g, s in zip(layout.groups, starts, strict=True)]
    cells, queue_totals = [], []
    by_group = [GroupSums() for _ in layout.groups]
    for queue in queues:
        queue_sum = GroupSums()
        for i in range(len(layout.groups)):
            part = sums.get((queue.id, i), GroupSums())
            target = daily[queue.id][days[i]]
            figures = _figures(part, variant)
            cells.append(ServiceCell(queue, i, starts[i], labels[i], figures, part, target))
            queue_sum += part
            by_group[i] += part
        queue_totals.append(
            ServiceCell(
                queue, -1, starts[0], "Total", _figures(queue_sum, variant), queue_sum, queue.target
            )
        )
    group_totals = tuple(
        ServiceCell(None, i, starts[i], labels[i], _figures(part, variant), part)
        for i, part in enumerate(by_group)
    )
    everything = sum(by_group, GroupSums())
    total = ServiceCell(None, -1, starts[0], "Total", _figures(everything, variant), everything)
    return ServiceTable(
        by, first, last, timezone, queues, tuple(cells), tuple(queue_totals), group_totals, total
    )


def _label(by: Grouping, key: tuple[tuple[str, object], ...], start: datetime) -> str:
    if by is Grouping.INTERVAL:
        return f"{start:%Y-%m-%d %H:%M}"
    return str(key[0][1])
