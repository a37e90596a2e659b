"""Revision 0008 gives every agent a site, keeping every agent's skills and shifts.

Before it, an agent reached a site only through a team. An agent in a team
takes the team's site; one without a team the first site. On SQLite the table
is not rebuilt (a rebuild would cascade-delete skills): its definition is edited.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from supervisor_app.services.database import upgrade_database
from supervisor_app.store.engine import make_engine


def _at_0007(url: str) -> Engine:
    from alembic import command

    from supervisor_app.store.migrate import alembic_config

    engine = make_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        for sql in (
            "INSERT INTO sites (id, name, timezone, interval_minutes) VALUES "
            "(1, 'North', 'Europe/London', 15), (2, 'West', 'America/New_York', 30)",
            "INSERT INTO teams (id, site_id, name) VALUES (1, 2, 'Hudson')",
            "INSERT INTO queues (id, site_id, name, channel, service_level_target_pct, "
            "answer_threshold_seconds, short_abandon_seconds) VALUES "
            "(1, 2, 'Sales', 'voice', 80, 20, 5)",
            "INSERT INTO agents (id, team_id, employee_code, name, hourly_cost, "
            "contracted_weekly_hours, active) VALUES "
            "(1, 1, 'A1', 'In a team', 20, 40, true), (2, NULL, 'A2', 'No team', 20, 40, true)",
            "INSERT INTO agent_skills (agent_id, queue_id, proficiency) "
            "VALUES (1, 1, 5), (2, 1, 7)",
        ):
            conn.execute(text(sql))
    return engine


def test_agents_get_their_teams_site_or_the_first_and_keep_their_skills(db_url: str) -> None:
    engine = _at_0007(db_url)
    try:
        upgrade_database(db_url)
        with engine.connect() as conn:
            sites = conn.execute(text("SELECT id, site_id FROM agents ORDER BY id")).all()
            skills = conn.execute(text("SELECT COUNT(*) FROM agent_skills")).scalar_one()
        assert [tuple(r) for r in sites] == [(1, 2), (2, 1)]  # the team's (West), the first
        assert skills == 2
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO agents (employee_code, name, hourly_cost, "
                    "contracted_weekly_hours, active, site_id) VALUES ('X', 'X', 0, 0, true, NULL)"
                )
            )
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO agents (employee_code, name, hourly_cost, "
                    "contracted_weekly_hours, active, site_id) VALUES ('Y', 'Y', 0, 0, true, 99)"
                )
            )
    finally:
        engine.dispose()
