"""The contacts behind one figure of one KPI row: what a double-click in Analytics lists.

A row is a group of the report (a queue, a team, an agent, a time group or
the whole range) and a figure picks which of its contacts count: the
abandoned ones behind "Abandoned", the answered ones behind "ASA", every
contact behind "Offered" or "SL" (each with whether it was answered in time).
Team and agent rows hold the contacts their agents answered, as in
``kpi_report``. Waits are the same differences the KPI sums add up.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.enums import Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.kpi_catalogue import BY_FIELD
from supervisor_app.services.analytics.options import site_parts
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import Grouping, GroupKey, range_bounds, time_layout
from supervisor_app.services.targets import span_join, targets_table
from supervisor_app.store.models import Agent, Contact, Queue, SurveyResponse
from supervisor_app.store.sqlfunc import seconds_between

LIMIT = 5_000
ANSWERED_FIGURES = frozenset(
    {"answered", "asa_seconds", "aht_seconds", "asa_p50_seconds", "asa_p90_seconds"}
    | {"aht_p50_seconds", "aht_p90_seconds"}
)
ABANDONED_FIGURES = frozenset({"abandoned", "abandon_rate"})
SURVEY_FIGURES = frozenset({"csat", "nps"})


@dataclass(frozen=True, slots=True)
class DrillContact:
    contact_id: int
    external_id: str
    arrived: datetime  # in the site's zone
    queue: str
    agent: str | None
    outcome: str | None
    wait_seconds: float | None  # to answer, or to hanging up
    handle_seconds: float | None  # talk + wrap-up
    in_time: bool  # answered within the queue's threshold in force that day
    short_abandon: bool
    csat: int | None
    nps: int | None


@dataclass(frozen=True, slots=True)
class DrillDown:
    title: str
    rows: tuple[DrillContact, ...]
    truncated: bool  # more than ``LIMIT`` contacts: the first ones are listed


def drilldown(
    db: Database,
    first: date,
    last: date,
    by: Grouping | str,
    key: GroupKey,
    figure: str,
    *,
    limit: int = LIMIT,
    queue_ids: Collection[int] | None = None,
    team_ids: Collection[int] | None = None,
    site_id: int | None = None,
) -> DrillDown:
    """The contacts of the report row ``key`` (grouped ``by``) that ``figure`` counts,
    within the report's filters (``kpi_report``'s ``queue_ids`` and ``team_ids``)."""
    by = Grouping(by)
    values = dict(key)
    rows: list[DrillContact] = []
    with db.sessions() as session:
        parts = site_parts(session, site_id)
        matched = False
        for part in parts:
            zone = part.zone
            start, end = range_bounds(first, last, zone)
            if by.is_time:
                layout = time_layout(by, first, last, zone, part.interval_minutes)
                group = next((g for g in layout.groups if same_group(g.key, key)), None)
                if group is None:
                    continue
                start, end = group.start, group.end
            matched = True
            answerer = aliased(Agent)
            targets = targets_table(session, start=start, end=end)
            query = (
                select(
                    Contact,
                    Queue.name.label("queue_name"),
                    targets.c.threshold_seconds.label("answer_threshold_seconds"),
                    targets.c.short_abandon_seconds,
                    answerer.name.label("agent_name"),
                    SurveyResponse.csat,
                    SurveyResponse.nps,
                )
                .join(Queue, Queue.id == Contact.queue_id)
                .join(targets, span_join(targets))
                .outerjoin(answerer, answerer.id == Contact.agent_id)
                .outerjoin(SurveyResponse, SurveyResponse.contact_id == Contact.id)
                .where(
                    Contact.arrived_at >= start,
                    Contact.arrived_at < end,
                    *part.on(Contact.queue_id),
                )
                .where(*_group_filter(by, values, answerer))
                .where(*_filters(answerer, queue_ids, team_ids))
                .order_by(Contact.arrived_at, Contact.id)
                .where(*_figure_filter(figure, targets))
                .limit(limit + 1)
            )
            rows += [_row(r, zone) for r in session.execute(query)]
        if not matched:
            raise UserError(f"no {by.value} {key} between {first} and {last}")
    rows.sort(key=lambda c: (c.arrived, c.contact_id))
    return DrillDown(title_of(figure, key), tuple(rows[:limit]), len(rows) > limit)


def same_group(label: GroupKey, key: GroupKey) -> bool:
    """The time group ``label`` is the row ``key``: exactly, or (an "all sites" interval
    row) by its local wall-clock start without the UTC offset."""
    if tuple(label) == tuple(key):
        return True
    return tuple((k, str(v)[:19]) for k, v in label) == tuple((k, str(v)) for k, v in key)


def _filters(
    answerer: Any, queue_ids: Collection[int] | None, team_ids: Collection[int] | None
) -> list[ColumnElement[bool]]:
    """The report's filters, as ``kpi_report`` applies them: a team keeps what it answered."""
    where: list[ColumnElement[bool]] = []
    if queue_ids is not None:
        where.append(Contact.queue_id.in_(sorted(queue_ids)))
    if team_ids is not None:
        where += [Contact.answered_at.is_not(None), answerer.team_id.in_(sorted(team_ids))]
    return where


def _group_filter(by: Grouping, values: dict[str, Any], answerer: Any) -> list[ColumnElement[bool]]:
    answered = [Contact.answered_at.is_not(None), Contact.agent_id.is_not(None)]
    if by is Grouping.QUEUE:
        return [Contact.queue_id == values["queue_id"]]
    if by is Grouping.AGENT:
        return [*answered, Contact.agent_id == values["agent_id"]]
    if by is Grouping.TEAM:
        team = values["team_id"]
        return [*answered, answerer.team_id.is_(None) if team is None else answerer.team_id == team]
    return []


def _row(r: Any, zone: ZoneInfo) -> DrillContact:
    c: Contact = r.Contact
    wait = _seconds(c.arrived_at, c.answered_at if c.answered_at else c.ended_at)
    handle = None
    if c.answered_at is not None and c.ended_at is not None:
        handle = _seconds(c.answered_at, c.wrap_ended_at or c.ended_at)
    abandoned = c.outcome == Outcome.ABANDONED
    return DrillContact(
        contact_id=c.id,
        external_id=c.external_id,
        arrived=c.arrived_at.astimezone(zone),
        queue=r.queue_name,
        agent=r.agent_name,
        outcome=None if c.outcome is None else str(c.outcome.value),
        wait_seconds=wait,
        handle_seconds=handle,
        in_time=c.answered_at is not None
        and wait is not None
        and wait <= r.answer_threshold_seconds,
        short_abandon=abandoned and wait is not None and wait <= r.short_abandon_seconds,
        csat=r.csat,
        nps=r.nps,
    )


def _seconds(a: datetime, b: datetime | None) -> float | None:
    return None if b is None else (b - a).total_seconds()


def _figure_filter(figure: str, targets: Any) -> list[ColumnElement[bool]]:
    """Which of the row's contacts ``figure`` counts (the conditions of ``contact_sums``,
    with the thresholds of each contact's day from ``targets``)."""
    abandoned = Contact.outcome == Outcome.ABANDONED
    if figure in ANSWERED_FIGURES:
        return [Contact.answered_at.is_not(None)]
    if figure in ABANDONED_FIGURES:
        return [abandoned]
    if figure == "short_abandoned":
        wait = seconds_between(Contact.arrived_at, Contact.ended_at)
        return [abandoned, wait <= targets.c.short_abandon_seconds]
    if figure == "answered_within_threshold":
        wait = seconds_between(Contact.arrived_at, Contact.answered_at)
        return [Contact.answered_at.is_not(None), wait <= targets.c.threshold_seconds]
    if figure in SURVEY_FIGURES:
        return [SurveyResponse.id.is_not(None)]
    return []


def title_of(figure: str, key: GroupKey) -> str:
    """``Abandoned — Sales`` or ``Abandoned — 2026-11-02 09:00`` (an interval's local start)."""
    names = []
    for name, value in key:
        if name.endswith("_id") or value is None:
            continue
        text = str(value)
        names.append(text[:16].replace("T", " ") if name == "interval_start" else text)
    label = " to ".join(names) if dict(key).keys() == {"from", "to"} else " · ".join(names)
    entry = BY_FIELD.get(figure)
    return f"{entry.title if entry else figure.replace('_', ' ').capitalize()} — {label}"
