"""The three contact files in tests/data/shared imported through the shipped mappings.

Every expected figure is computed here from the file with the csv module or
openpyxl and the rules written out in the test (or read off the file by hand),
never from the importer.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, datetime, timedelta

import openpyxl
from file_import_helpers import data_file, scalar
from sqlalchemy import select, text
from sqlalchemy.orm import joinedload

from supervisor_app.ingest.files.contacts import import_contacts
from supervisor_app.ingest.files.mapping import load_mapping, shipped_mappings
from supervisor_app.services.database import Database
from supervisor_app.store.models import Contact

BANK_QUEUES = {
    "PS": "Regular (PS)",
    "PE": "English (PE)",
    "IN": "Internet (IN)",
    "NE": "Stock exchange (NE)",
    "NW": "Prospects (NW)",
    "TT": "Call-backs (TT)",
}


def test_every_shipped_mapping_loads() -> None:
    names = {p.stem for p in shipped_mappings()}
    assert names == {"anonymous_bank", "pwc_call_center", "simulated_call_centre"}
    for name in names:
        assert load_mapping(name).source == name


def test_anonymous_bank(db: Database) -> None:
    path = data_file("anonymous_bank", "data_anonymous_bank_february.txt")
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    kept = [
        r
        for r in rows
        if r["outcome"] != "PHANTOM"
        and not (r["outcome"] == "HANG" and r["q_start"] == "0:00:00")
        and not (r["outcome"] == "AGENT" and r["ser_start"] == "0:00:00")
    ]
    result = import_contacts(db, path, load_mapping("anonymous_bank"))
    assert result.imported == len(kept) == 31_075
    assert result.skipped_by_rule == len(rows) - len(kept)
    by_queue = Counter(BANK_QUEUES[r["type"]] for r in kept)
    with db.engine.connect() as conn:
        stored = dict(
            conn.execute(
                text(
                    "SELECT q.name, count(*) FROM contacts c JOIN queues q ON q.id = c.queue_id "
                    "GROUP BY q.name"
                )
            ).all()
        )
    assert stored == dict(by_queue)
    answered = sum(r["outcome"] == "AGENT" for r in kept)
    assert scalar(db, "SELECT count(*) FROM contacts WHERE outcome = 'answered'") == answered
    servers = {r["server"] for r in kept if r["outcome"] == "AGENT"} - {"NO_SERVER"}
    assert scalar(db, "SELECT count(*) FROM agents") == len(servers)
    # First line of the file: AA0101 34536, not queued, served 7:02:55-7:05:41 on
    # 1 Feb 1999 in Israel (UTC+2 in winter) by DORIT.
    first = contact(db, "AA0101-34536")
    assert (first.arrived_at, first.answered_at, first.ended_at) == (
        datetime(1999, 2, 1, 5, 2, 55, tzinfo=UTC),
        datetime(1999, 2, 1, 5, 2, 55, tzinfo=UTC),
        datetime(1999, 2, 1, 5, 5, 41, tzinfo=UTC),
    )
    assert first.agent is not None and first.agent.name == "DORIT"
    # Line 5: AA0101 34539 queued 8:09:22 and hung up 8:09:27.
    hung = contact(db, "AA0101-34539")
    assert (hung.outcome, hung.answered_at, hung.agent_id) == ("abandoned", None, None)
    assert hung.ended_at - hung.arrived_at == timedelta(seconds=5)
    assert hung.customer_ref == "23317894"


def contact(db: Database, external_id: str) -> Contact:
    with db.sessions() as session:
        return session.scalars(
            select(Contact)
            .options(joinedload(Contact.agent))
            .where(Contact.external_id == external_id)
        ).one()


def test_pwc_call_center(db: Database) -> None:
    path = data_file("pwc_call_center", "Contact-Center-Dataset.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    book.close()
    answered = [r for r in rows if r[5] == "Y"]
    result = import_contacts(db, path, load_mapping("pwc_call_center"))
    assert result.imported == len(rows) == 5000
    assert scalar(db, "SELECT count(*) FROM contacts WHERE outcome = 'answered'") == len(answered)
    assert scalar(db, "SELECT count(*) FROM queues") == len({r[4] for r in rows})
    assert scalar(db, "SELECT sum(csat) FROM survey_responses") == sum(r[9] for r in answered)
    # Total speed of answer, in seconds, equals the stored answer-minus-arrival.
    waits = scalar(
        db,
        "SELECT sum(CAST(round((julianday(answered_at) - julianday(arrived_at)) * 86400) AS INT)) "
        "FROM contacts"
        if db.dialect == "sqlite"
        else "SELECT sum(round(extract(epoch FROM answered_at - arrived_at)))::bigint "
        "FROM contacts",
    )
    assert waits == sum(r[7] for r in answered)


def test_simulated_call_centre(db: Database) -> None:
    path = data_file("simulated_call_centre", "simulated_call_centre.csv")
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = import_contacts(db, path, load_mapping("simulated_call_centre"))
    assert result.imported == len(rows) == 51_708
    assert scalar(db, "SELECT count(*) FROM contacts WHERE outcome = 'answered'") == len(rows)
    # Row 2 of the file: 2021-01-01, 8:00:00 AM to 8:14:22 AM (an empty database's site is UTC).
    first = contact(db, "1")
    assert (first.arrived_at, first.answered_at, first.ended_at) == (
        datetime(2021, 1, 1, 8, 0, tzinfo=UTC),
        datetime(2021, 1, 1, 8, 0, tzinfo=UTC),
        datetime(2021, 1, 1, 8, 14, 22, tzinfo=UTC),
    )
