"""``import contacts`` in our own column set: written all or nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from file_import_helpers import scalar, write_csv
from sqlalchemy import select

from supervisor_app.ingest.files.contacts import import_contacts
from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.ingest.files.table import UnreadableFile
from supervisor_app.services.database import Database
from supervisor_app.store.changes import ChangeListener
from supervisor_app.store.models import Contact, SurveyResponse

HEADER = (
    "contact_id,queue,channel,arrived_at,answered_at,ended_at,wrap_ended_at,"
    "agent,outcome,customer_id,csat,nps,comment"
)
GOOD = [
    HEADER,
    "c1,Sales,voice,2024-03-01 09:00:00,2024-03-01 09:00:20,2024-03-01 09:05:00,"
    "2024-03-01 09:06:00,Ann,answered,cust-9,5,10,Great",
    "c2,Sales,voice,2024-03-01 09:01:00,,2024-03-01 09:02:30,,,abandoned,,,,",
    "c3,Chat desk,CHAT,2024-03-01T09:10:00+01:00,2024-03-01T09:10:05+01:00,"
    "2024-03-01T09:20:00+01:00,,Bob,,,,,",
]


def test_our_columns_are_imported(db: Database, tmp_path: Path) -> None:
    result = import_contacts(db, write_csv(tmp_path / "c.csv", GOOD))
    assert (result.imported, result.already_present) == (3, 0)
    assert set(result.queues_created) == {"Sales", "Chat desk"}
    assert sorted(result.agents_created) == ["Ann", "Bob"]
    with db.sessions() as s:
        contacts = {c.external_id: c for c in s.scalars(select(Contact))}
        survey = s.scalars(select(SurveyResponse)).one()
        c1, c2, c3 = contacts["c1"], contacts["c2"], contacts["c3"]
        # An empty database gets a site in UTC: naive times are UTC.
        assert c1.arrived_at == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
        assert c1.answered_at == datetime(2024, 3, 1, 9, 0, 20, tzinfo=UTC)
        assert c1.wrap_ended_at == datetime(2024, 3, 1, 9, 6, tzinfo=UTC)
        assert c1.agent.name == "Ann" and c1.customer_ref == "cust-9"
        assert (survey.contact_id, survey.csat, survey.nps, survey.comment) == (
            c1.id,
            5,
            10,
            "Great",
        )
        assert c2.outcome == "abandoned" and c2.answered_at is None and c2.agent_id is None
        # An offset in the text wins over the zone; no outcome + an answer means answered.
        assert c3.arrived_at == datetime(2024, 3, 1, 8, 10, tzinfo=UTC)
        assert c3.outcome == "answered" and c3.queue.channel == "chat"
        assert c1.source == "import"


def test_importing_the_same_file_twice_adds_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", GOOD)
    import_contacts(db, path)
    again = import_contacts(db, path)
    assert (again.imported, again.already_present) == (0, 3)
    assert scalar(db, "SELECT count(*) FROM contacts") == 3
    assert scalar(db, "SELECT count(*) FROM survey_responses") == 1


BAD_ROWS = [
    ("c9,Sales,voice,,,2024-03-01 09:05:00,,,,,,,", "arrived_at is missing"),
    ("c9,Sales,voice,yesterday,,2024-03-01 09:05:00,,,,,,,", "'yesterday' is not a date"),
    (
        "c9,Sales,voice,2024-03-01 09:00:00,2024-03-01 08:59:00,2024-03-01 09:05:00,,,,,,,",
        "answered_at 2024-03-01 08:59:00 is before arrived_at 2024-03-01 09:00:00",
    ),
    ("c9,Sales,fax,2024-03-01 09:00:00,,2024-03-01 09:05:00,,,,,,,", "channel 'fax'"),
    ("c1,Sales,voice,2024-03-01 09:00:00,,2024-03-01 09:05:00,,,,,,,", "'c1' repeats row 2"),
    ("c9,Sales,voice,2024-03-01 09:00:00,,2024-03-01 09:05:00,,,,,7,,", "csat: '7'"),
    ("c9,Sales,voice,2024-03-01 09:00:00,,2024-03-01 09:05:00,,,lost,,,,", "outcome 'lost'"),
    (",Sales,voice,2024-03-01 09:00:00,,2024-03-01 09:05:00,,,,,,,", "contact_id is missing"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_ROWS)
def test_one_bad_row_stops_the_whole_file(
    db: Database, tmp_path: Path, line: str, reason: str
) -> None:
    path = write_csv(tmp_path / "bad.csv", [*GOOD, line])
    with pytest.raises(ImportRejected) as caught:
        import_contacts(db, path)
    assert caught.value.count == 1
    row, text = caught.value.errors[0]
    assert row == 5  # header is row 1, three good rows, then this one
    assert reason in text
    assert scalar(db, "SELECT count(*) FROM contacts") == 0
    assert scalar(db, "SELECT count(*) FROM queues") == 0


def test_errors_list_the_first_fifty_and_the_count(sqlite_db: Database, tmp_path: Path) -> None:
    lines = [HEADER] + [
        f"x{i},Sales,fax,2024-03-01 09:00:00,,2024-03-01 09:05:00" for i in range(70)
    ]
    with pytest.raises(ImportRejected) as caught:
        import_contacts(sqlite_db, write_csv(tmp_path / "many.csv", lines))
    assert caught.value.count == 70
    assert [row for row, _ in caught.value.errors] == list(range(2, 52))
    assert "70 invalid rows" in str(caught.value) and "… and 20 more" in str(caught.value)


def test_a_missing_column_names_it(sqlite_db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", ["contact_id,queue", "1,Sales"])
    with pytest.raises(UnreadableFile, match=r"no column\(s\) 'arrived_at', 'channel'"):
        import_contacts(sqlite_db, path)


@pytest.mark.pg
def test_postgres_listeners_hear_about_the_import(pg_url: str, tmp_path: Path) -> None:
    from supervisor_app.services.database import open_database

    db = open_database(pg_url)
    try:
        with ChangeListener(db.engine) as listener:
            import_contacts(db, write_csv(tmp_path / "c.csv", GOOD))
            heard = listener.wait(2.0)
        assert {"contacts", "queues", "agents"} <= heard
    finally:
        db.close()
