"""The service figures as columns: one heading, kind and value per ``KpiFigures`` field.

Shared by the service, scorecard and satisfaction sheets so a figure has one
heading and one number format in every workbook.
"""

from __future__ import annotations

from typing import Any

from supervisor_app.reports.styles import Kind
from supervisor_app.reports.table import Column
from supervisor_app.services.kpi import KpiFigures

SERVICE_FIGURES: tuple[tuple[str, str, Kind], ...] = (
    ("offered", "Offered", Kind.COUNT),
    ("answered", "Answered", Kind.COUNT),
    ("abandoned", "Abandoned", Kind.COUNT),
    ("short_abandoned", "Short abandons", Kind.COUNT),
    ("answered_within_threshold", "Answered in threshold", Kind.COUNT),
    ("service_level", "Service level", Kind.PERCENT),
    ("asa_seconds", "ASA", Kind.DURATION),
    ("aht_seconds", "AHT", Kind.DURATION),
    ("abandon_rate", "Abandon rate", Kind.PERCENT),
)
QUALITY_FIGURES: tuple[tuple[str, str, Kind], ...] = (
    ("csat", "CSAT", Kind.PERCENT),
    ("nps", "NPS", Kind.POINTS),
    ("fcr", "FCR", Kind.PERCENT),
)

SERVICE_DEFINITIONS = (
    "offered",
    "answered",
    "abandoned",
    "short abandons",
    "answered within threshold",
    "service level (default)",
    "average speed of answer (ASA)",
    "average handle time (AHT)",
    "abandon rate",
)


def figure_columns(figures: tuple[tuple[str, str, Kind], ...]) -> list[Column]:
    return [Column(heading, kind) for _, heading, kind in figures]


def figure_values(f: KpiFigures, figures: tuple[tuple[str, str, Kind], ...]) -> list[Any]:
    return [getattr(f, name) for name, _, _ in figures]
