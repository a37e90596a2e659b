"""Generated schedules (issue 17): a week's shifts, breaks and lunches chosen by OR-Tools CP-SAT.

Public, pure API (no database)::

    generate_week(week, demands, settings, keep=Keep.PUBLISHED, *, template_minutes=(),
                  weights=Weights(), time_limit=30.0, progress=None, cancel=None) -> Generated
    summarize(before, after, demands, settings, seconds) -> GenerationSummary

``patterns`` lists the shifts a week may use, ``model`` is the CP-SAT model
(its docstring states the objective), ``generate`` turns a week into the
model's inputs and the solution back into draft shifts.
"""

from __future__ import annotations

from supervisor_app.domain.autoschedule.generate import Generated, Keep, generate_week
from supervisor_app.domain.autoschedule.problem import Progress, Weights
from supervisor_app.domain.autoschedule.summary import GenerationSummary, summarize

__all__ = [
    "Generated",
    "GenerationSummary",
    "Keep",
    "Progress",
    "Weights",
    "generate_week",
    "summarize",
]
