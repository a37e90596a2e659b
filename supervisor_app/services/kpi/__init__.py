"""KPIs over a range: sums in SQL, per-day rollups, percentiles and labels."""

from __future__ import annotations

from supervisor_app.domain.periods import Grouping, GroupKey, range_bounds
from supervisor_app.services.kpi.all_sites import ALL_SITES_LABEL, kpi_report
from supervisor_app.services.kpi.buckets import TimeLayout, time_layout
from supervisor_app.services.kpi.contacts import contact_sums
from supervisor_app.services.kpi.filters import resolve_filters
from supervisor_app.services.kpi.percentiles import Percentiles
from supervisor_app.services.kpi.report import (
    KpiFigures,
    KpiReport,
    KpiRow,
    prepare_session,
)
from supervisor_app.services.kpi.rollup_rebuild import rebuild_rollup_days
from supervisor_app.services.kpi.rollup_upkeep import KeptSummaries, SummaryUpkeep, keep_summaries
from supervisor_app.services.kpi.scope import ContactScope, KpiFilter
from supervisor_app.services.kpi.sums import (
    GroupSums,
    QualitySums,
)

__all__ = [
    "ALL_SITES_LABEL",
    "ContactScope",
    "GroupKey",
    "GroupSums",
    "Grouping",
    "KeptSummaries",
    "KpiFigures",
    "KpiFilter",
    "KpiReport",
    "KpiRow",
    "Percentiles",
    "QualitySums",
    "SummaryUpkeep",
    "TimeLayout",
    "contact_sums",
    "keep_summaries",
    "kpi_report",
    "prepare_session",
    "range_bounds",
    "rebuild_rollup_days",
    "resolve_filters",
    "time_layout",
]
