"""KPIs for a range of local dates, grouped by queue, team, agent or local time.

What the ``kpi`` command prints and the Analytics tab shows. Sums are
computed in SQL (``kpi_contacts``, ``kpi_fcr``, ``kpi_percentiles``,
``kpi_people``, ``kpi_adherence``) and every figure comes from ``domain.kpi``,
so the history and the live view define a KPI once; nothing loads contacts or
state spans into Python. The range runs from local midnight of
``first`` to local midnight after ``last`` in the zone of the site,
DST days included (several sites: ``kpi.all_sites``).

Team and agent rows attribute a contact to the agent who answered it:
unanswered contacts (abandons included) belong to no agent and are left out of
those rows, so their ``offered`` counts answered contacts only. Queue rows
have no occupancy or adherence (agents work several queues; that time isn't
split). Occupancy and adherence are read up to ``now``.

Over days that have ended the same sums and percentiles come from per-site,
per-day rollups kept current by database triggers (``kpi_rollup``); the raw
queries remain the reference (``use_rollups=False``) and serve what rollups
can't (a team filter by interval, no rollup tables).
Quality evaluations (``qa_score``) are few and read raw every time
(``kpi_quality``), grouped by the evaluated agent, their team, the contact's
queue or the local time of the evaluation.
The one thing rollups bring into Python per contact is its answer wait and
handle time, as packed float arrays, for exact percentiles (``kpi_rollup_read``).

Filters narrow every grouping: a queue filter keeps those queues' contacts
(and drops agent time, as queue rows do); a team filter keeps the contacts
answered by those teams' agents and those agents' time (``kpi_scope``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain import kpi
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.domain.periods import Grouping, GroupKey, range_bounds
from supervisor_app.domain.quality import mean_score
from supervisor_app.services.database import Database
from supervisor_app.services.kpi.adherence import adherence_seconds
from supervisor_app.services.kpi.buckets import TimeLayout, time_layout
from supervisor_app.services.kpi.contacts import contact_sums
from supervisor_app.services.kpi.labels import group_labels
from supervisor_app.services.kpi.people import Totals, merge, occupancy_seconds, window
from supervisor_app.services.kpi.percentiles import Percentiles, percentiles
from supervisor_app.services.kpi.quality import evaluation_sums
from supervisor_app.services.kpi.rollup import rollup_parts
from supervisor_app.services.kpi.scope import KpiFilter, contact_scope, prepare_session
from supervisor_app.services.kpi.sums import (
    AgentTimeSums,
    EvaluationSums,
    GroupSums,
    QualitySums,
)
from supervisor_app.services.sites import SiteRef
from supervisor_app.store.models import Contact


@dataclass(frozen=True, slots=True)
class KpiFigures:
    """One group's figures; None where a figure has nothing to divide by."""

    offered: int
    answered: int
    abandoned: int
    short_abandoned: int
    answered_within_threshold: int
    service_level: float | None  # fraction 0..1, the site's variant (default "offered")
    asa_seconds: float | None
    aht_seconds: float | None
    abandon_rate: float | None
    occupancy: float | None
    adherence: float | None
    csat: float | None
    nps: float | None  # points, −100..100
    fcr: float | None
    asa_p50_seconds: float | None
    asa_p90_seconds: float | None
    aht_p50_seconds: float | None
    aht_p90_seconds: float | None
    qa_score: float | None  # fraction 0..1: the mean evaluation percentage

    @classmethod
    def of(
        cls,
        sums: GroupSums,
        spread: Percentiles,
        *,
        agent_time: bool,
        variant: kpi.ServiceLevelVariant = kpi.ServiceLevelVariant.OFFERED,
    ) -> KpiFigures:
        """The figures of ``sums``; ``service_level`` is the site's chosen ``variant``."""
        c, q, t = sums.contacts, sums.quality, sums.agent_time
        return cls(
            offered=c.offered,
            answered=c.answered,
            abandoned=c.abandoned,
            short_abandoned=c.short_abandoned,
            answered_within_threshold=c.answered_within_threshold,
            service_level=kpi.service_level(c, variant),
            asa_seconds=kpi.average_speed_of_answer(c),
            aht_seconds=kpi.average_handle_time(c),
            abandon_rate=kpi.abandon_rate(c),
            occupancy=kpi.occupancy(t.handling_seconds, t.available_seconds)
            if agent_time
            else None,
            adherence=kpi.adherence(t.adherent_seconds / 60.0, t.scheduled_seconds / 60.0)
            if agent_time
            else None,
            csat=kpi.csat(q.csat_satisfied, q.csat_responses),
            nps=kpi.nps(q.nps_promoters, q.nps_detractors, q.nps_responses),
            fcr=kpi.first_contact_resolution(q.fcr_resolved, q.fcr_handled),
            **asdict(spread),
            qa_score=mean_score(sums.evaluations.score_pct_total, sums.evaluations.evaluations),
        )


@dataclass(frozen=True, slots=True)
class KpiRow:
    key: GroupKey  # (name, value) pairs, e.g. (("queue_id", 3), ("queue", "Sales"))
    figures: KpiFigures
    sums: GroupSums  # what the figures came from; adds up across groups and ranges

    def as_dict(self) -> dict[str, Any]:
        return {**dict(self.key), **asdict(self.figures)}


@dataclass(frozen=True, slots=True)
class KpiReport:
    first: date
    last: date
    by: Grouping
    timezone: str
    rows: tuple[KpiRow, ...]
    queue_ids: tuple[int, ...] | None = None  # the filters the rows were read with
    team_ids: tuple[int, ...] | None = None
    site: str = ""  # the site's name, or ALL_SITES_LABEL
    site_id: int | None = None  # None: all sites

    def as_dicts(self) -> list[dict[str, Any]]:
        """JSON-ready: one dict per group, its keys then its figures (snake_case)."""
        return [row.as_dict() for row in self.rows]


def site_report(
    db: Database,
    site: SiteRef,
    span: tuple[date, date, Grouping],
    *,
    now: datetime,
    narrow: KpiFilter,
    use_rollups: bool,
    interval_minutes: int,
    variant: kpi.ServiceLevelVariant,
    progress: Callable[[float], None] | None = None,
) -> KpiReport | None:
    """One site's report in its own zone (None when it has no contacts in the range).

    ``narrow`` carries the site; ``interval_minutes`` is the site's own, or the
    coarser one of several sites for an "all sites" report. ``progress`` hears the
    fraction done of the days the report has to summarise first (none when kept).
    """
    first, last, by = span
    agent_time_shown = by is not Grouping.QUEUE and narrow.agent_time
    with db.sessions() as session:
        prepare_session(session)
        zone = ZoneInfo(site.timezone)
        start, end = range_bounds(first, last, zone)
        if session.scalar(_any_contact(start, end, narrow)) is None:
            return None
        layout = time_layout(by, first, last, zone, interval_minutes) if by.is_time else None
        parts = (
            rollup_parts(
                db, session, by, (first, last, zone), layout, narrow, now, site.site_id, progress
            )
            if use_rollups
            else None
        )
        if parts is not None:
            found, spread, agent_time = parts
        else:
            found, spread, agent_time = _raw_parts(
                session, by, (start, end), layout, narrow, now, agent_time_shown
            )
        evaluated = evaluation_sums(session, by, layout, (start, end), narrow)
        keys = _keys(by, layout, [*found, *agent_time, *evaluated])
        labels = group_labels(session, by, layout, keys, first, last)
    order = sorted(keys) if layout is not None else sorted(keys, key=lambda k: _order(labels[k], k))
    rows = []
    for key in order:
        contacts, quality = found.get(key, (ContactSums(), QualitySums()))
        sums = GroupSums(
            contacts,
            quality,
            AgentTimeSums(**agent_time.get(key, {})),
            evaluated.get(key, EvaluationSums()),
        )
        figures = KpiFigures.of(
            sums, spread.get(key, Percentiles()), agent_time=agent_time_shown, variant=variant
        )
        rows.append(KpiRow(labels[key], figures, sums))
    return KpiReport(
        first,
        last,
        by,
        site.timezone,
        tuple(rows),
        narrow.queue_ids,
        narrow.team_ids,
        site.name,
        site.site_id,
    )


def _raw_parts(
    session: Session,
    by: Grouping,
    bounds: tuple[datetime, datetime],
    layout: TimeLayout | None,
    narrow: KpiFilter,
    now: datetime,
    agent_time_shown: bool,
) -> tuple[dict[tuple[Any, ...], tuple[ContactSums, QualitySums]], dict[Any, Percentiles], Totals]:
    start, end = bounds
    scope = contact_scope(by, layout, narrow)
    found = _inside(contact_sums(session, scope, start, end), layout)
    spread = percentiles(session, scope, start, end)
    agent_time: Totals = {}
    if agent_time_shown:
        w = window(start, end, now, by, layout, narrow)
        agent_time = occupancy_seconds(session, w)
        merge(agent_time, adherence_seconds(session, w))
    return found, spread, agent_time


def _any_contact(start: datetime, end: datetime, narrow: KpiFilter) -> Any:
    return (
        select(Contact.id)
        .where(
            Contact.arrived_at >= start,
            Contact.arrived_at < end,
            *narrow.site_queues(Contact.queue_id),
        )
        .limit(1)
    )


def _keys(
    by: Grouping, layout: TimeLayout | None, found: list[tuple[Any, ...]]
) -> set[tuple[Any, ...]]:
    """Every time group of the range (empty ones too); otherwise the groups with any data."""
    if layout is not None:
        return {(i,) for i in range(len(layout.groups))}
    if by is Grouping.ALL:
        return {()}
    return set(found)


def _inside(
    found: dict[tuple[Any, ...], tuple[ContactSums, QualitySums]], layout: TimeLayout | None
) -> dict[tuple[Any, ...], tuple[ContactSums, QualitySums]]:
    """Time keys folded into the range: SQLite's millisecond rounding can put a contact in
    the last half-millisecond of the range one group past its end."""
    if layout is None:
        return found
    out: dict[tuple[Any, ...], tuple[ContactSums, QualitySums]] = {}
    for (index,), (contacts, quality) in found.items():
        key = (min(max(int(index), 0), len(layout.groups) - 1),)
        if key in out:
            contacts, quality = out[key][0] + contacts, out[key][1] + quality
        out[key] = (contacts, quality)
    return out


def _order(label: GroupKey, key: tuple[Any, ...]) -> tuple[Any, ...]:
    names = [v for k, v in label if not k.endswith("_id")]
    return (*((v is None, str(v or "")) for v in names), key)
