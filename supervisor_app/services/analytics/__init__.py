"""The Analytics tab's queries beside the KPI table: drill-down, heat map, scorecards, comments."""

from __future__ import annotations

from supervisor_app.services.analytics.agent_history import (
    AgentTrend,
    TrendPoint,
    agent_trend,
    months_back,
    weeks_back,
)
from supervisor_app.services.analytics.comments import (
    CommentFilter,
    CommentPage,
    survey_comments,
)
from supervisor_app.services.analytics.drilldown_quality import (
    QualityDrillDown,
    quality_drilldown,
)
from supervisor_app.services.analytics.drilldown_query import (
    DrillContact,
    DrillDown,
    drilldown,
)
from supervisor_app.services.analytics.export import (
    HEADINGS,
    export_csv,
)
from supervisor_app.services.analytics.heatmap_query import (
    WEEKDAYS,
    Heatmap,
    heatmap,
)
from supervisor_app.services.analytics.options import (
    AnalyticsOptions,
    analytics_options,
)
from supervisor_app.services.analytics.scorecard import (
    Scorecards,
    ScoreFigure,
    TeamScorecard,
    agent_scorecards,
)

__all__ = [
    "HEADINGS",
    "WEEKDAYS",
    "AgentTrend",
    "AnalyticsOptions",
    "CommentFilter",
    "CommentPage",
    "DrillContact",
    "DrillDown",
    "Heatmap",
    "QualityDrillDown",
    "ScoreFigure",
    "Scorecards",
    "TeamScorecard",
    "TrendPoint",
    "agent_scorecards",
    "agent_trend",
    "analytics_options",
    "drilldown",
    "export_csv",
    "heatmap",
    "months_back",
    "quality_drilldown",
    "survey_comments",
    "weeks_back",
]
