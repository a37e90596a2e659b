"""People: the agent profile and what a supervisor keeps about an agent (issue 18).

Below the tabs and above ``ui.common``: the Live board, the schedule grid, the
scorecards and Setup all open the same profile, so it can live in none of them.
The face: ``ProfileSection`` and ``ProfileContext`` (what a part of the profile
is given); the profile dialog and its sections are added here.
"""

from __future__ import annotations

from supervisor_app.ui.people.calibration_dialog import CalibrationDialog
from supervisor_app.ui.people.coaching_section import CoachingSection
from supervisor_app.ui.people.evaluation_dialog import EvaluationDialog
from supervisor_app.ui.people.follow_up_dialog import FollowUpDialog
from supervisor_app.ui.people.quality_section import QualitySection
from supervisor_app.ui.people.records_section import RecordsSection
from supervisor_app.ui.people.section import ProfileContext, ProfileSection

__all__ = [
    "CalibrationDialog",
    "CoachingSection",
    "EvaluationDialog",
    "FollowUpDialog",
    "ProfileContext",
    "ProfileSection",
    "QualitySection",
    "RecordsSection",
]
