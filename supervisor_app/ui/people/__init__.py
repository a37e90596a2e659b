"""People: the agent profile and what a supervisor keeps about an agent (issue 18).

Below the tabs and above ``ui.common``: the Live board, the schedule grid, the
scorecards and Setup all open the same profile, so it can live in none of them.
The face: ``open_agent_profile`` (what the tabs call), ``AgentProfileDialog``,
``ProfileSection`` and ``ProfileContext`` (what a part of the profile is given),
``SECTIONS`` (the parts, in order) and the training forms Setup shares.

Only ``open_agent_profile`` and the section's shape load with the package: the
rest (services, pyqtgraph) loads when first asked for, so start-up stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from supervisor_app.ui.people.opener import open_agent_profile
from supervisor_app.ui.people.section import ProfileContext, ProfileSection

if TYPE_CHECKING:
    from supervisor_app.ui.people.profile_dialog import AgentProfileDialog
    from supervisor_app.ui.people.sections import SECTIONS
    from supervisor_app.ui.people.training_forms import CompletionForm, SessionForm

_LATER = {
    "AgentProfileDialog": "profile_dialog",
    "SECTIONS": "sections",
    "CompletionForm": "training_forms",
    "SessionForm": "training_forms",
}

__all__ = [
    "SECTIONS",
    "AgentProfileDialog",
    "CompletionForm",
    "ProfileContext",
    "ProfileSection",
    "SessionForm",
    "open_agent_profile",
]


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(import_module(f"{__name__}.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
