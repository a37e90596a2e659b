"""The Analytics table's columns: a row's group labels, then ``KpiFigures`` in report order.

The two other service-level variants are columns too, hidden until the user
asks to see all three side by side; they come from the row's sums through
``domain.kpi.service_level``, the function the report's own SL comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from supervisor_app.domain.kpi import ServiceLevelVariant
from supervisor_app.ui.analytics.formatting import Kind

KEY_TITLES = {
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


@dataclass(frozen=True, slots=True)
class FigureColumn:
    name: str  # a ``KpiFigures`` field, or a service-level variant's own name
    title: str
    kind: Kind
    tip: str
    variant: ServiceLevelVariant | None = None  # set on the two extra variant columns

    @property
    def figure(self) -> str:
        """The report figure this column shows (variants drill down like SL)."""
        return "service_level" if self.variant is not None else self.name


C, P, S = Kind.COUNT, Kind.PERCENT, Kind.SECONDS
FIGURES: tuple[FigureColumn, ...] = (
    FigureColumn("offered", "Offered", C, "Contacts that arrived"),
    FigureColumn("answered", "Answered", C, "Contacts an agent picked up"),
    FigureColumn("abandoned", "Abandoned", C, "Callers who hung up while waiting"),
    FigureColumn("short_abandoned", "Short ab.", C, "Abandoned within the short-abandon time"),
    FigureColumn("answered_within_threshold", "In time", C, "Answered within the threshold"),
    FigureColumn(
        "service_level", "SL", P, "In time ÷ (offered − short abandons): the site's default"
    ),
    FigureColumn("sl_answered", "SL ÷ ans.", P, "In time ÷ answered", ServiceLevelVariant.ANSWERED),
    FigureColumn(
        "sl_late_abandons",
        "SL ÷ ans.+late ab.",
        P,
        "In time ÷ (answered + abandons after the threshold)",
        ServiceLevelVariant.ANSWERED_AND_LATE_ABANDONS,
    ),
    FigureColumn("asa_seconds", "ASA", S, "Average speed of answer"),
    FigureColumn("asa_p50_seconds", "ASA p50", S, "Median speed of answer"),
    FigureColumn("asa_p90_seconds", "ASA p90", S, "90th percentile of speed of answer"),
    FigureColumn("aht_seconds", "AHT", S, "Average handle time: talk + wrap-up"),
    FigureColumn("aht_p50_seconds", "AHT p50", S, "Median handle time"),
    FigureColumn("aht_p90_seconds", "AHT p90", S, "90th percentile of handle time"),
    FigureColumn("abandon_rate", "Aband. %", P, "(Abandoned − short) ÷ (offered − short)"),
    FigureColumn("occupancy", "Occupancy", P, "Handling ÷ (handling + available)"),
    FigureColumn("adherence", "Adherence", P, "Minutes in the scheduled state ÷ scheduled"),
    FigureColumn("csat", "CSAT", P, "Share of survey answers 4 or 5"),
    FigureColumn("nps", "NPS", Kind.POINTS, "% promoters − % detractors"),
    FigureColumn("fcr", "FCR", P, "No repeat contact on the queue within 72 h"),
)

VARIANT_NAMES = frozenset(f.name for f in FIGURES if f.variant is not None)
