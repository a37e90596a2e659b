"""People: the agent profile and what a supervisor keeps about an agent (issue 18).

Below the tabs and above ``ui.common``: the Live board, the schedule grid, the
scorecards and Setup all open the same profile, so it can live in none of them.
The face: ``open_agent_profile`` (what the tabs call), ``AgentProfileDialog``,
``ProfileSection`` and ``ProfileContext`` (what a part of the profile is given),
``SECTIONS`` (the parts, in order) and the training forms Setup shares.
"""

from __future__ import annotations

from supervisor_app.ui.people.profile_dialog import AgentProfileDialog, open_agent_profile
from supervisor_app.ui.people.section import ProfileContext, ProfileSection
from supervisor_app.ui.people.sections import SECTIONS
from supervisor_app.ui.people.training_forms import CompletionForm, SessionForm

__all__ = [
    "SECTIONS",
    "AgentProfileDialog",
    "CompletionForm",
    "ProfileContext",
    "ProfileSection",
    "SessionForm",
    "open_agent_profile",
]
