"""Sums behind the KPI history that ``ContactSums`` doesn't hold: agent time, surveys and
quality evaluations.

Like ``ContactSums`` they add up across groups and across adjacent ranges, so
a report can be checked (and built) from its parts; ``domain.kpi`` turns them
into figures. Percentiles don't add up and live apart (``kpi_percentiles``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Self

from supervisor_app.domain.kpi import ContactSums


def _add(a: Any, b: Any) -> dict[str, Any]:
    return {f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(a)}


@dataclass(frozen=True, slots=True)
class AgentTimeSums:
    """Seconds of agent time: occupancy from state spans, adherence against published shifts."""

    handling_seconds: float = 0.0  # on a contact or wrapping up
    available_seconds: float = 0.0
    scheduled_seconds: float = 0.0  # published shift time
    adherent_seconds: float = 0.0  # of that, in an allowed state (or forgiven, or approved)

    def __add__(self, other: AgentTimeSums) -> Self:
        return type(self)(**_add(self, other))


@dataclass(frozen=True, slots=True)
class QualitySums:
    """Survey answers and first-contact resolution counts of a set of contacts."""

    csat_satisfied: int = 0  # CSAT answers of 4 or 5
    csat_responses: int = 0
    nps_promoters: int = 0  # 9 or 10
    nps_detractors: int = 0  # 0 to 6
    nps_responses: int = 0
    fcr_resolved: int = 0  # handled, known customer, no repeat within the window
    fcr_handled: int = 0  # handled contacts with a known customer

    def __add__(self, other: QualitySums) -> Self:
        return type(self)(**_add(self, other))


@dataclass(frozen=True, slots=True)
class EvaluationSums:
    """Quality evaluations of a group: their percentages summed, and how many (``qa_score``)."""

    score_pct_total: float = 0.0  # sum of the evaluations' percentages, 0..100 each
    evaluations: int = 0

    def __add__(self, other: EvaluationSums) -> Self:
        return type(self)(**_add(self, other))


@dataclass(frozen=True, slots=True)
class GroupSums:
    """Everything a KPI row is computed from, for one group."""

    contacts: ContactSums = field(default_factory=ContactSums)
    quality: QualitySums = field(default_factory=QualitySums)
    agent_time: AgentTimeSums = field(default_factory=AgentTimeSums)
    evaluations: EvaluationSums = field(default_factory=EvaluationSums)

    def __add__(self, other: GroupSums) -> GroupSums:
        return GroupSums(
            self.contacts + other.contacts,
            self.quality + other.quality,
            self.agent_time + other.agent_time,
            self.evaluations + other.evaluations,
        )
