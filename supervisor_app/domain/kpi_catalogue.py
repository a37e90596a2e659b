"""The KPI catalogue: every figure of the KPI result, described once.

One entry per ``KpiFigures`` field (a test holds the two equal): its long and
short titles, what kind of number it is, and what it means. The Analytics
table, the Excel workbooks (their columns and Definitions sheet), the drill-down
and the ``kpi`` command all read it, so a figure cannot be called one thing in
the console and another in a workbook. Each view decides how a ``Kind`` looks
(Qt text, an Excel number format, plain text for a terminal).

The two service-level variants the site did not choose are entries too,
marked by ``variant``: the Analytics table shows them beside the site's SL
(computed from the row's sums); they are not fields of the KPI result.

Definitions are the README's "KPI definitions" word for word (a test compares
them); ``term`` is the name a figure is listed under there and on a workbook's
Definitions sheet. Figures that ``domain.kpi`` defines but the KPI result does
not carry (the live view's longest wait, the schedules' conformance…) have
their definitions in ``OTHER_DEFINITIONS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from supervisor_app.domain.kpi import ServiceLevelVariant


class Kind(StrEnum):
    """What a figure is, whatever shows it."""

    COUNT = "count"
    PERCENT = "percent"  # a fraction 0..1
    SECONDS = "seconds"
    POINTS = "points"  # signed points, −100..100 (NPS)


@dataclass(frozen=True, slots=True)
class Figure:
    field: str  # a ``KpiFigures`` field, or a variant column's own name
    title: str  # long: workbook columns, choosers, dialog titles
    short: str  # short: the Analytics table, the kpi command's table, read-outs
    kind: Kind
    definition: str
    term: str | None = None  # its name among the KPI definitions; None: not listed there
    variant: ServiceLevelVariant | None = None  # set on the two extra variant columns

    @property
    def source(self) -> str:
        """The ``KpiFigures`` field behind the entry: a variant's contacts are the SL's."""
        return "service_level" if self.variant is not None else self.field


C, P, S = Kind.COUNT, Kind.PERCENT, Kind.SECONDS

FIGURES: tuple[Figure, ...] = (
    Figure("offered", "Offered", "Offered", C, "contacts that arrived in the period", "offered"),
    Figure(
        "answered",
        "Answered",
        "Answered",
        C,
        "contacts an agent picked up (transferred ones included)",
        "answered",
    ),
    Figure(
        "abandoned", "Abandoned", "Abandoned", C, "callers who hung up while waiting", "abandoned"
    ),
    Figure(
        "short_abandoned",
        "Short abandons",
        "Short ab.",
        C,
        "abandons within the queue's short-abandon seconds; left out of service level "
        "and abandon rate",
        "short abandons",
    ),
    Figure(
        "answered_within_threshold",
        "Answered in threshold",
        "In time",
        C,
        "answered after a wait of at most the queue's answer-time threshold",
        "answered within threshold",
    ),
    Figure(
        "service_level",
        "Service level",
        "SL",
        P,
        "answered within threshold ÷ (offered − short abandons)",
        "service level (default)",
    ),
    Figure(
        "sl_answered",
        'Service level, "answered" variant',
        "SL ÷ ans.",
        P,
        "answered within threshold ÷ answered",
        'service level, "answered" variant',
        ServiceLevelVariant.ANSWERED,
    ),
    Figure(
        "sl_late_abandons",
        'Service level, "answered and late abandons" variant',
        "SL ÷ ans.+late ab.",
        P,
        "answered within threshold ÷ (answered + abandons after the threshold)",
        'service level, "answered and late abandons" variant',
        ServiceLevelVariant.ANSWERED_AND_LATE_ABANDONS,
    ),
    Figure(
        "asa_seconds",
        "ASA",
        "ASA",
        S,
        "total wait of answered contacts ÷ answered",
        "average speed of answer (ASA)",
    ),
    Figure("asa_p50_seconds", "ASA median", "ASA p50", S, "the median wait of answered contacts"),
    Figure(
        "asa_p90_seconds",
        "ASA p90",
        "ASA p90",
        S,
        "the wait that 90 % of answered contacts did not exceed",
    ),
    Figure(
        "aht_seconds",
        "AHT",
        "AHT",
        S,
        "(talk + wrap-up) ÷ handled contacts",
        "average handle time (AHT)",
    ),
    Figure(
        "aht_p50_seconds",
        "AHT median",
        "AHT p50",
        S,
        "the median handle time (talk + wrap-up) of handled contacts",
    ),
    Figure(
        "aht_p90_seconds",
        "AHT p90",
        "AHT p90",
        S,
        "the handle time that 90 % of handled contacts did not exceed",
    ),
    Figure(
        "abandon_rate",
        "Abandon rate",
        "Aband. %",
        P,
        "(abandoned − short abandons) ÷ (offered − short abandons)",
        "abandon rate",
    ),
    Figure(
        "occupancy",
        "Occupancy",
        "Occupancy",
        P,
        "time on contacts and wrap-up ÷ (that + available time), from agent states",
        "occupancy",
    ),
    Figure(
        "adherence",
        "Adherence",
        "Adherence",
        P,
        "minutes in the scheduled state ÷ scheduled minutes; a mismatch shorter than the "
        "grace period (2 minutes) and an exception a supervisor approved count as adherent",
        "adherence",
    ),
    Figure("csat", "CSAT", "CSAT", P, "answers of 4 or 5 ÷ all answers, on the 1–5 scale", "CSAT"),
    Figure(
        "nps",
        "NPS",
        "NPS",
        Kind.POINTS,
        "% promoters (9–10) − % detractors (0–6), in points from −100 to 100",
        "NPS",
    ),
    Figure(
        "fcr",
        "FCR",
        "FCR",
        P,
        "handled contacts with no contact from the same customer on the same queue "
        "within 72 hours ÷ handled contacts",
        "first-contact resolution",
    ),
    Figure(
        "qa_score",
        "Quality score",
        "QA",
        P,
        "the mean of the quality evaluations' percentages in the period (weighted points ÷ "
        "weighted possible points, 0 % when an auto-fail question is failed), by the local "
        "day each evaluation was made",
        "quality score",
    ),
)

BY_FIELD: dict[str, Figure] = {f.field: f for f in FIGURES}
REPORTED: tuple[Figure, ...] = tuple(f for f in FIGURES if f.variant is None)
"""The entries that are ``KpiFigures`` fields, in catalogue order."""
VARIANTS: tuple[Figure, ...] = tuple(f for f in FIGURES if f.variant is not None)
"""The two extra service-level variant columns."""

OTHER_DEFINITIONS: dict[str, str] = {
    "longest wait": "the longest wait of any contact in the period (live: of those waiting now)",
    "transfer rate, escalation rate": "transferred ÷ answered, escalated ÷ answered",
    "conformance": "minutes worked ÷ minutes scheduled",
    "shrinkage": "1 − productive minutes ÷ paid minutes",
}

KPI_DEFINITIONS: dict[str, str] = {
    **{f.term: f.definition for f in FIGURES if f.term is not None},
    **OTHER_DEFINITIONS,
}
"""Every KPI definition by its term: the README's "KPI definitions" table."""

KEY_TITLES: dict[str, str] = {
    "site": "Site",  # "all sites" rows of queues, teams and agents
    "from": "From",
    "to": "To",
    "queue": "Queue",
    "team": "Team",
    "agent": "Agent",
    "interval_start": "Interval",
    "day": "Day",
    "week": "Week",
    "month": "Month",
}
"""Headings of a KPI row's group labels (its ids are not shown to people)."""


def terms(fields: Iterable[str]) -> tuple[str, ...]:
    """The definition terms of ``fields``, in order; fields not listed among them are skipped."""
    return tuple(t for t in (BY_FIELD[f].term for f in fields) if t is not None)
