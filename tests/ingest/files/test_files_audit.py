"""Every file import writes one audit row: who, the file, its SHA-256, rows in and skipped."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from file_import_helpers import write_csv
from sqlalchemy import insert, select

from supervisor_app.ingest.files.agents import import_agents
from supervisor_app.ingest.files.contacts import import_contacts
from supervisor_app.ingest.files.forecast import import_forecast
from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.store.models import AuditEntry, Queue, Site


def _site(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(insert(Site).values(id=1, name="S", timezone="UTC", interval_minutes=15))
        conn.execute(insert(Queue).values(id=1, site_id=1, name="Sales", channel="voice"))


def audit_rows(db: Database) -> list[tuple[str, str | None, dict[str, Any]]]:
    with db.sessions() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert all(r.actor == current_actor() and r.entity == "import" for r in rows)
        return [(r.action, r.entity_id, r.after or {}) for r in rows]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_contacts_agents_and_forecast_imports_are_audited(db: Database, tmp_path: Path) -> None:
    _site(db)
    contacts = write_csv(
        tmp_path / "contacts.csv",
        [
            "contact_id,queue,channel,arrived_at,answered_at,ended_at,outcome",
            "c1,Sales,voice,2026-11-02 09:00:00,2026-11-02 09:00:10,2026-11-02 09:03:00,answered",
            "c2,Sales,voice,2026-11-02 09:01:00,,2026-11-02 09:02:00,abandoned",
        ],
    )
    import_contacts(db, contacts)
    import_contacts(db, contacts)  # both rows already present: 2 in, 2 skipped
    roster = write_csv(tmp_path / "roster.csv", ["name,code", "Ann,A1", "Bob,B2", "Cy,C3"])
    import_agents(db, roster)
    forecast = write_csv(
        tmp_path / "forecast.csv",
        ["queue,interval_start,volume,aht_seconds", "Sales,2026-11-02 09:00,12,240"],
    )
    import_forecast(db, forecast)
    got = audit_rows(db)
    assert [(a, e) for a, e, _ in got] == [
        ("import.contacts", "contacts.csv"),
        ("import.contacts", "contacts.csv"),
        ("import.agents", "roster.csv"),
        ("import.forecast", "forecast.csv"),
    ]
    figures = [(x["rows_in"], x["rows_skipped"], x["sha256"]) for _, _, x in got]
    assert figures == [
        (2, 0, sha(contacts)),
        (2, 2, sha(contacts)),
        (3, 0, sha(roster)),
        (1, 0, sha(forecast)),
    ]
    assert got[0][2]["contacts_added"] == 2 and got[1][2]["contacts_added"] == 0


def test_a_refused_file_leaves_no_audit_row(db: Database, tmp_path: Path) -> None:
    _site(db)
    bad = write_csv(tmp_path / "roster.csv", ["name,code", "Ann,A1", ",B2"])
    with pytest.raises(ImportRejected):
        import_agents(db, bad)
    assert audit_rows(db) == []
