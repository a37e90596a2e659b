"""People: the agent profile and what a supervisor keeps about an agent (issue 18).

Below the tabs and above ``ui.common``: the Live board, the schedule grid, the
scorecards and Setup all open the same profile, so it can live in none of them.
The face: ``open_agent_profile`` (what the tabs call), ``AgentProfileDialog``,
``ProfileSection`` and ``ProfileContext`` (what a part of the profile is given),
``SECTIONS`` (the parts, in order), the training forms Setup shares, and the
dialogs other tabs open: a contact's evaluation (drill-down), calibration
(Setup), a coaching follow-up's note (the Live alerts); how an evaluation reads in a
table (``score_text``, ``form_text``, ``contact_text``).

Only ``open_agent_profile`` loads with the package: the rest (the section's shape and
the permissions it reads, services, pyqtgraph) loads when first asked for, so the
tabs that import the face at start-up pay for one small module.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from supervisor_app.ui.people.opener import open_agent_profile

if TYPE_CHECKING:
    from supervisor_app.ui.people.calibration_dialog import CalibrationDialog
    from supervisor_app.ui.people.coaching_section import CoachingSection
    from supervisor_app.ui.people.evaluation_dialog import EvaluationDialog
    from supervisor_app.ui.people.evaluation_text import contact_text, form_text, score_text
    from supervisor_app.ui.people.follow_up_dialog import FollowUpDialog
    from supervisor_app.ui.people.profile_dialog import AgentProfileDialog
    from supervisor_app.ui.people.quality_section import QualitySection
    from supervisor_app.ui.people.records_section import RecordsSection
    from supervisor_app.ui.people.section import ProfileContext, ProfileSection
    from supervisor_app.ui.people.sections import SECTIONS
    from supervisor_app.ui.people.training_forms import CompletionForm, SessionForm

_LATER = {
    "AgentProfileDialog": "profile_dialog",
    "CalibrationDialog": "calibration_dialog",
    "CoachingSection": "coaching_section",
    "CompletionForm": "training_forms",
    "EvaluationDialog": "evaluation_dialog",
    "FollowUpDialog": "follow_up_dialog",
    "ProfileContext": "section",
    "ProfileSection": "section",
    "QualitySection": "quality_section",
    "RecordsSection": "records_section",
    "SECTIONS": "sections",
    "SessionForm": "training_forms",
    "contact_text": "evaluation_text",
    "form_text": "evaluation_text",
    "score_text": "evaluation_text",
}

__all__ = [
    "SECTIONS",
    "AgentProfileDialog",
    "CalibrationDialog",
    "CoachingSection",
    "CompletionForm",
    "EvaluationDialog",
    "FollowUpDialog",
    "ProfileContext",
    "ProfileSection",
    "QualitySection",
    "RecordsSection",
    "SessionForm",
    "contact_text",
    "form_text",
    "open_agent_profile",
    "score_text",
]


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
