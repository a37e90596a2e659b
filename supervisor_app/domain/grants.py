"""Who may do what on PostgreSQL: one table × verb grant matrix for the group roles.

This is the only list of grants. ``db roles`` applies it, the user guide prints
it, the window hides what it would refuse (``domain.permissions`` reads it), and a
test fails when a table of the schema is missing from it, so a new table can't be
forgotten. Letters: S = SELECT, I = INSERT, U = UPDATE,
D = DELETE; a role not named for a table gets nothing on it.

Decisions worth knowing:

- Every role reads every table (RLS then narrows site-limited people): a
  supervisor's floor includes the plan, a planner's plan the history.
- ``audit_log`` is S and I for everyone and U/D for no one (a trigger also
  refuses them, for the owner too); its actor and time are the database's.
- ``user_sites`` is readable by everyone and written only by the ``sc_user_*``
  functions an ``sc_admin`` may call (``db roles`` creates them).
- The KPI rollups are a cache that the writer of a day's history keeps when
  the day ends (``services.kpi.keep_summaries``: ingest's imports and live feed)
  and that a report builds for a day still missing, so every role writes
  them. ``kpi_day_versions`` is bumped by the triggers, which run as the schema
  owner (``db roles`` makes them SECURITY DEFINER), so writers need no grant
  on it; report roles insert the rows a day depends on and take the SHARE lock
  (LOCK needs UPDATE), but never delete them. The summaries are trusted, not
  checked: they are computed in Python by the console that runs the report, so
  a writing role could store wrong figures with raw SQL. Closing that would take
  the whole build inside the database (a ``SECURITY DEFINER`` routine that
  computes what ``services/kpi`` computes), a second definition of every KPI;
  a definer routine that only stores what a client computed checks nothing.
- ``restricted_records`` (issue 18) is the one table not every role reads:
  admins and supervisors only, and row-level security narrows it further to
  admins and the supervisors of the agent's team (``team_supervisors``).
  Directors, planners and ingest get nothing on it.
- A planner's schedule save locks the agents' rows (``FOR NO KEY UPDATE``, which
  needs an UPDATE grant): the planner may update only the agents' ``version``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

GROUP_ROLES: tuple[str, ...] = (
    "sc_admin",
    "sc_planner",
    "sc_supervisor",
    "sc_director",
    "sc_ingest",
)
VERBS: dict[str, str] = {"S": "SELECT", "I": "INSERT", "U": "UPDATE", "D": "DELETE"}

_ROLLUP = {
    role: "SIUD" for role in ("sc_admin", "sc_planner", "sc_supervisor", "sc_director", "sc_ingest")
}
_READ = {role: "S" for role in GROUP_ROLES}

# table -> role -> letters. Order: setup, the floor, planning, the record, caches.
GRANTS: dict[str, dict[str, str]] = {
    # setup: admin writes; ingest adds what a queue_log or roster file names
    "sites": {**_READ, "sc_admin": "SIUD", "sc_ingest": "SI"},
    "queues": {**_READ, "sc_admin": "SIUD", "sc_ingest": "SI"},
    "queue_targets": {**_READ, "sc_admin": "SIUD", "sc_ingest": "SI"},
    "teams": {**_READ, "sc_admin": "SIUD", "sc_ingest": "SI"},
    "agents": {**_READ, "sc_admin": "SIUD", "sc_planner": "SU(version)", "sc_ingest": "SIU"},
    "agent_skills": {**_READ, "sc_admin": "SIUD", "sc_ingest": "SIUD"},
    "schedule_rule_settings": {**_READ, "sc_admin": "SIUD"},
    "site_planning": {**_READ, "sc_admin": "SIUD", "sc_planner": "SIUD"},
    "queue_planning": {**_READ, "sc_admin": "SIUD", "sc_planner": "SIUD"},
    "user_sites": dict(_READ),
    # the floor: ingest writes contacts and states; supervisors act on them
    "contacts": {**_READ, "sc_ingest": "SIUD"},
    "survey_responses": {**_READ, "sc_ingest": "SIUD"},
    "agent_state_spans": {**_READ, "sc_ingest": "SIUD"},
    "queue_log_files": {**_READ, "sc_ingest": "SIUD"},
    "escalations": {**_READ, "sc_supervisor": "SIU", "sc_ingest": "SI"},
    "adherence_approvals": {**_READ, "sc_supervisor": "SIUD"},
    "alert_acknowledgements": {**_READ, "sc_supervisor": "SI"},
    # planning: planners write; the simulator writes a day's plan and forecasts
    "shifts": {**_READ, "sc_planner": "SIUD", "sc_ingest": "SI"},
    "shift_activities": {**_READ, "sc_planner": "SIUD", "sc_ingest": "SI"},
    "time_off": {**_READ, "sc_planner": "SIUD"},
    "shift_templates": {**_READ, "sc_planner": "SIUD"},
    "shift_template_activities": {**_READ, "sc_planner": "SIUD"},
    "schedule_publications": {**_READ, "sc_planner": "SI"},
    "forecasts": {**_READ, "sc_planner": "SIUD", "sc_ingest": "SIUD"},
    "weekly_budgets": {**_READ, "sc_planner": "SIUD"},
    # people: admins define courses; supervisors record their agents' completions
    "training_courses": {**_READ, "sc_admin": "SIUD"},
    "training_requirements": {**_READ, "sc_admin": "SIUD"},
    "training_completions": {**_READ, "sc_admin": "SIUD", "sc_supervisor": "SI"},
    # coaching (issue 18): supervisors keep notes and restricted records; admins say who
    # supervises which team. Restricted records: nothing for directors, planners, ingest
    "team_supervisors": {**_READ, "sc_admin": "SIUD"},
    "coaching_notes": {**_READ, "sc_admin": "SIUD", "sc_supervisor": "SIU"},
    "restricted_records": {"sc_admin": "SIUD", "sc_supervisor": "SIU"},
    # quality: admins define forms (an edit is a new version); supervisors evaluate
    "qa_forms": {**_READ, "sc_admin": "SIUD"},
    "qa_form_versions": {**_READ, "sc_admin": "SIUD"},
    "qa_evaluations": {**_READ, "sc_admin": "SIUD", "sc_supervisor": "SI"},
    # the record: insert only, for everyone
    "audit_log": {role: "SI" for role in GROUP_ROLES},
    # caches: rebuilt by whoever runs the report that needs them
    "kpi_day_versions": {**_READ, **{r: "SIU" for r in _ROLLUP}},
    "kpi_rollup_days": {**_READ, **_ROLLUP},
    "kpi_rollup_contacts": {**_READ, **_ROLLUP},
    "kpi_rollup_agent_time": {**_READ, **_ROLLUP},
    # bumped only by the contacts triggers (run as the owner); the live view reads them
    "live_bucket_versions": dict(_READ),
    "live_slice_versions": dict(_READ),
}


@dataclass(frozen=True, slots=True)
class Grant:
    """One verb on one table for one role; ``columns`` limits an UPDATE to those columns."""

    role: str
    table: str
    verb: str  # SELECT, INSERT, UPDATE, DELETE
    columns: tuple[str, ...] = ()


def grants() -> list[Grant]:
    """The matrix as single grants, in table then role order."""
    out: list[Grant] = []
    for table, roles in GRANTS.items():
        for role in GROUP_ROLES:
            out.extend(_parse(role, table, roles.get(role, "")))
    return out


def _parse(role: str, table: str, letters: str) -> list[Grant]:
    out: list[Grant] = []
    i = 0
    while i < len(letters):
        verb = VERBS[letters[i]]
        i += 1
        columns: tuple[str, ...] = ()
        if i < len(letters) and letters[i] == "(":
            end = letters.index(")", i)
            columns = tuple(c.strip() for c in letters[i + 1 : end].split(","))
            i = end + 1
        out.append(Grant(role, table, verb, columns))
    return out


def may(role: str, table: str, verb: str) -> bool:
    """Whether ``role`` holds ``verb`` on ``table`` (on some column, for a column grant)."""
    return (role, table, verb) in _held()


@cache
def _held() -> frozenset[tuple[str, str, str]]:
    """Every (role, table, verb) the matrix grants, read once (the window asks at start)."""
    return frozenset((g.role, g.table, g.verb) for g in grants())


def matrix_markdown() -> str:
    """The matrix as the user guide prints it: a row per table, a column per role."""
    head = "| table | " + " | ".join(r.removeprefix("sc_") for r in GROUP_ROLES) + " |"
    rule = "| --- |" + " --- |" * len(GROUP_ROLES)
    rows = [
        f"| `{table}` | " + " | ".join(roles.get(r, "") or "–" for r in GROUP_ROLES) + " |"
        for table, roles in GRANTS.items()
    ]
    return "\n".join([head, rule, *rows])
