"""Setting up a contact center: sites, queues, teams, agents, skills, labour rules, audit.

The face of the Setup window and the setup commands. Every save validates with
the one field table (``domain.setup_fields``), is refused with a
``SetupConflict`` when the row changed since the user read it (optimistic
locking, nothing written), and writes an audit row with before and after in
the same transaction.
"""

from __future__ import annotations

from supervisor_app.domain.setup_fields import FieldError
from supervisor_app.services.setup.agents import (
    add_agent,
    deactivate_agent,
    list_agents,
    update_agent,
)
from supervisor_app.services.setup.audit_trail import (
    HEADINGS as AUDIT_HEADINGS,
)
from supervisor_app.services.setup.audit_trail import (
    audit_entities,
    audit_row,
    describe_change,
    export_audit,
    list_audit,
)
from supervisor_app.services.setup.conflicts import Change, SetupConflict
from supervisor_app.services.setup.queues import add_queue, list_queues, update_queue
from supervisor_app.services.setup.records import (
    AgentRecord,
    AuditRecord,
    BreakRule,
    QueueRecord,
    RulesRecord,
    SiteRecord,
    SkillRecord,
    TeamRecord,
)
from supervisor_app.services.setup.rules import check_requirements, load_rules, save_rules
from supervisor_app.services.setup.sites import add_site, list_sites, update_site
from supervisor_app.services.setup.skills import remove_skill, save_agent_skills, set_skill
from supervisor_app.services.setup.teams import add_team, list_teams, update_team

__all__ = [
    "AUDIT_HEADINGS",
    "AgentRecord",
    "AuditRecord",
    "BreakRule",
    "Change",
    "FieldError",
    "QueueRecord",
    "RulesRecord",
    "SetupConflict",
    "SiteRecord",
    "SkillRecord",
    "TeamRecord",
    "add_agent",
    "add_queue",
    "add_site",
    "add_team",
    "audit_entities",
    "audit_row",
    "check_requirements",
    "deactivate_agent",
    "describe_change",
    "export_audit",
    "list_agents",
    "list_audit",
    "list_queues",
    "list_sites",
    "list_teams",
    "load_rules",
    "remove_skill",
    "save_agent_skills",
    "save_rules",
    "set_skill",
    "update_agent",
    "update_queue",
    "update_site",
    "update_team",
]
