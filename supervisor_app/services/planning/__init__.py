"""Planning: forecasts (read, generate, edit, accuracy), coverage of a week, capacity and budget."""

from __future__ import annotations

from supervisor_app.domain.periods import period_of
from supervisor_app.services.planning.accuracy import (
    WeekAccuracy,
    forecast_accuracy,
)
from supervisor_app.services.planning.capacity import (
    BudgetConflict,
    CapacityPlan,
    LabourCost,
    capacity_plan,
    set_weekly_budget,
    week_labour_cost,
)
from supervisor_app.services.planning.coverage import (
    CoverageInputs,
    coverage_inputs,
    coverage_week,
)
from supervisor_app.services.planning.forecast_edit import (
    ForecastConflict,
    ForecastSeen,
    scale_day,
    set_interval,
)
from supervisor_app.services.planning.forecast_generate import generate_forecast
from supervisor_app.services.planning.forecast_read import (
    IntervalForecast,
    forecast_now,
)
from supervisor_app.services.planning.prediction import DayAccuracy, plan_accuracy
from supervisor_app.services.planning.replay import IntervalSimulation, simulate_week

__all__ = [
    "BudgetConflict",
    "CapacityPlan",
    "CoverageInputs",
    "DayAccuracy",
    "ForecastConflict",
    "ForecastSeen",
    "IntervalForecast",
    "IntervalSimulation",
    "LabourCost",
    "WeekAccuracy",
    "capacity_plan",
    "coverage_inputs",
    "coverage_week",
    "forecast_accuracy",
    "forecast_now",
    "generate_forecast",
    "period_of",
    "plan_accuracy",
    "scale_day",
    "set_interval",
    "set_weekly_budget",
    "simulate_week",
    "week_labour_cost",
]
