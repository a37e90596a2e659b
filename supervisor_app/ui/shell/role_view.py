"""The window shows only what the session's role may do (``domain/permissions.py``):
Setup, Import, the schedule's Save and Publish…, the escalation commands, the Analytics
drill-down's Escalate… and Evaluate….

Hidden, not just greyed out: a director never sees Publish. The database refuses the
rest anyway; a refusal that still happens (the role changed meanwhile) is put in one
line naming the role (``ui/common/error_display.set_session_role``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supervisor_app.domain.permissions import Action, may
from supervisor_app.ui.common.error_display import set_session_role

if TYPE_CHECKING:
    from supervisor_app.services.session_role import SessionIdentity
    from supervisor_app.ui.analytics import AnalyticsTab
    from supervisor_app.ui.schedules import SchedulesTab
    from supervisor_app.ui.shell.main_window import MainWindow


def apply_role(window: MainWindow, identity: SessionIdentity) -> None:
    """Status bar, menus and the Schedules tab (now, or when it is first built)."""
    window.status.set_identity(identity.label)
    set_session_role(str(identity.role))
    role = identity.role
    for name, action in (("setup", Action.SETUP), ("import", Action.IMPORT)):
        window.actions_by_name[name].setVisible(may(role, action))
        if not may(role, action):
            window.actions_by_name[name].setEnabled(False)
    window.live.set_permissions(escalate=may(role, Action.ESCALATE))
    page = window.schedules.page
    if page is not None:
        apply_to_schedules(page, identity)
    if window.analytics.page is not None:
        apply_to_analytics(window.analytics.page, identity)


def apply_to_schedules(page: SchedulesTab, identity: SessionIdentity | None) -> None:
    if identity is None:
        return
    page.set_permissions(
        save=may(identity.role, Action.SAVE_SCHEDULE), publish=may(identity.role, Action.PUBLISH)
    )


def apply_to_analytics(page: AnalyticsTab, identity: SessionIdentity | None) -> None:
    """The drill-down's Escalate… and Evaluate… (the profile asks for its role itself)."""
    if identity is None:
        return
    page.set_permissions(
        escalate=may(identity.role, Action.ESCALATE), evaluate=may(identity.role, Action.EVALUATE)
    )
