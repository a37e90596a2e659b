"""Escalations raised by people (by hand, from a contact, from a file), on both engines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from supervisor_app.domain.enums import Channel, EscalationStatus, Outcome, Severity
from supervisor_app.domain.escalation_fields import EscalationDraft
from supervisor_app.ingest.files.escalations import import_escalations
from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import (
    EscalationFieldError,
    list_escalations,
    open_escalations,
    raise_escalation,
    raise_for_contact,
)
from supervisor_app.store.models import AuditEntry, Contact, Escalation, Queue, Site
from tests.cli_runner import CliRunner

DATA = Path(__file__).parents[1] / "data" / "escalations"
ANA = "ana@ws-2"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    with database.sessions() as s:
        site = Site(name="London", timezone="Europe/London")
        s.add_all(
            [
                Queue(site=site, name="Sales", channel=Channel.VOICE),
                Queue(site=site, name="Support", channel=Channel.VOICE),
            ]
        )
        s.commit()
    yield database
    database.close()


def test_raised_by_hand_is_open_audited_and_named(db: Database) -> None:
    row = raise_escalation(db, EscalationDraft("sales", " ACC-1 ", "Wants a refund", "urgent"), ANA)
    assert (row.queue_name, row.customer_ref, row.reason) == ("Sales", "ACC-1", "Wants a refund")
    # "urgent" is stored as the top of the simulator's severity scale.
    assert row.severity is Severity.CRITICAL and row.status is EscalationStatus.OPEN
    assert row.raised_by == ANA
    assert [r.id for r in open_escalations(db)] == [row.id]
    with db.sessions() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.actor, entry.action, entry.entity, entry.entity_id) == (
        ANA,
        "raise",
        "escalation",
        str(row.id),
    )
    assert entry.after is not None and entry.after["priority"] == "urgent"


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (EscalationDraft("", "A", "why", "low"), "queue"),
        (EscalationDraft("Billing", "A", "why", "low"), "queue"),
        (EscalationDraft("Sales", "  ", "why", "low"), "customer"),
        (EscalationDraft("Sales", "A", "", "low"), "reason"),
        (EscalationDraft("Sales", "A", "x" * 201, "low"), "reason"),
        (EscalationDraft("Sales", "A", "why", "asap"), "priority"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_written(
    db: Database, draft: EscalationDraft, field: str
) -> None:
    with pytest.raises(EscalationFieldError) as caught:
        raise_escalation(db, draft, ANA)
    assert caught.value.field == field
    with db.sessions() as s:
        assert s.scalar(select(Escalation.id)) is None
        assert s.scalar(select(AuditEntry.id)) is None


def test_raised_from_a_contact_takes_its_queue_and_customer(db: Database) -> None:
    with db.sessions() as s:
        queue = s.scalar(select(Queue).where(Queue.name == "Support"))
        assert queue is not None
        contact = Contact(
            queue_id=queue.id,
            source="pbx",
            external_id="1700000000.7",
            customer_ref="CUST-77",
            arrived_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            outcome=Outcome.ANSWERED,
        )
        s.add(contact)
        s.commit()
        contact_id = contact.id
    row = raise_for_contact(db, contact_id, "Angry about the wait", "high", ANA)
    assert (row.queue_name, row.customer_ref, row.severity) == ("Support", "CUST-77", Severity.HIGH)
    with db.sessions() as s:
        assert s.get(Contact, contact_id).escalated is True  # type: ignore[union-attr]
        assert s.scalar(select(Escalation.contact_id)) == contact_id


def test_list_filters_by_status_newest_first(db: Database) -> None:
    first = raise_escalation(db, EscalationDraft("Sales", "A", "one", "low"), ANA)
    second = raise_escalation(db, EscalationDraft("Sales", "B", "two", "low"), ANA)
    assert [r.id for r in list_escalations(db)] == [second.id, first.id]
    assert list_escalations(db, EscalationStatus.RESOLVED) == []


def test_import_raises_every_row_and_audits_the_file(db: Database) -> None:
    path = DATA / "crm_escalations.csv"
    result = import_escalations(db, path)
    assert result.added == 3
    rows = sorted(list_escalations(db), key=lambda r: r.customer_ref or "")
    # The file by hand: ACC-10442 Sales high, ACC-20917 Sales (empty → normal), TCK-88310 urgent.
    assert [(r.customer_ref, r.queue_name, r.severity) for r in rows] == [
        ("ACC-10442", "Sales", Severity.HIGH),
        ("ACC-20917", "Sales", Severity.MEDIUM),
        ("TCK-88310", "Support", Severity.CRITICAL),
    ]
    with db.sessions() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.entity, entry.entity_id) == (
        "import.escalations",
        "import",
        "crm_escalations.csv",
    )
    import hashlib

    assert entry.after is not None
    assert entry.after["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (entry.after["rows_in"], entry.after["rows_skipped"]) == (3, 0)


def test_import_with_a_bad_row_writes_nothing_and_numbers_every_bad_row(db: Database) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_escalations(db, DATA / "crm_escalations_bad.csv")
    # Data rows are numbered from 2 (the header is row 1): rows 3, 4 and 5 are bad.
    assert [row for row, _ in caught.value.errors] == [3, 4, 5]
    reasons = dict(caught.value.errors)
    assert "Billing" in reasons[3] and "customer" in reasons[4] and "priority" in reasons[5]
    assert list_escalations(db) == []


def test_cli_add_list_and_refusal(db: Database, db_url: str, cli: CliRunner, capsys) -> None:
    runner = cli.on(db_url)
    assert (
        runner.in_process(
            "escalation", "add", "--queue", "Support", "--customer", "T-9", "--reason", "Outage"
        )
        == 0
    )
    capsys.readouterr()
    assert runner.in_process("escalation", "list", "--format", "json", "--status", "open") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(e["queue"], e["customer_ref"], e["priority"], e["status"]) for e in listed] == [
        ("Support", "T-9", "normal", "open")
    ]
    code = runner.in_process(
        "escalation", "add", "--queue", "Nope", "--customer", "T", "--reason", "x"
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "--queue" in err[0]
    assert len(list_escalations(db)) == 1


def test_cli_import_escalations_all_or_nothing(
    db: Database, db_url: str, cli: CliRunner, capsys
) -> None:
    runner = cli.on(db_url)
    assert runner.in_process("import", "escalations", str(DATA / "crm_escalations_bad.csv")) == 1
    err = capsys.readouterr().err
    assert "3 invalid rows, nothing imported" in err and "row 3:" in err
    assert list_escalations(db) == []
    assert runner.in_process("import", "escalations", str(DATA / "crm_escalations.csv")) == 0
    assert "3 escalation(s) raised from crm_escalations.csv" in capsys.readouterr().out
    assert len(list_escalations(db)) == 3


def test_cli_list_is_scoped_to_the_site(db_url: str, cli: CliRunner, capsys) -> None:
    """Each site lists its own queues' escalations and those of no queue; with two sites
    and no --site the command names them and exits 2."""
    from two_sites import build_two_sites

    two = open_database(db_url)
    try:
        ids = build_two_sites(two)
        with two.sessions.begin() as s:
            for queue_id, ref in (
                (ids.london_sales, "L-1"),
                (ids.new_york_sales, "N-1"),
                (None, "X-1"),
            ):
                s.add(
                    Escalation(
                        queue_id=queue_id, customer_ref=ref, reason="r", severity=Severity.MEDIUM
                    )
                )
    finally:
        two.close()
    runner = cli.on(db_url)

    def listed(*site: str) -> list[str]:
        assert runner.in_process("escalation", "list", "--format", "json", *site) == 0
        return sorted(e["customer_ref"] for e in json.loads(capsys.readouterr().out))

    assert listed("--site", "London") == ["L-1", "X-1"]
    assert listed("--site", "New York") == ["N-1", "X-1"]
    assert listed("--site", "all") == ["L-1", "N-1", "X-1"]
    assert runner.in_process("escalation", "list") == 2
    assert "London, New York" in capsys.readouterr().err


def test_two_sites_with_a_sales_queue_each_are_told_apart_by_site(
    db_url: str, cli: CliRunner, capsys, tmp_path: Path
) -> None:
    """London and New York both have "Sales" (``two_sites.py``): without --site, adding by
    hand names both sites and importing names them too, exit 2, nothing written; with
    --site each escalation lands on that site's queue."""
    from two_sites import build_two_sites

    two = open_database(db_url)
    try:
        ids = build_two_sites(two)
    finally:
        two.close()
    runner = cli.on(db_url)
    add = ("escalation", "add", "--queue", "sales", "--customer", "A-1", "--reason", "Refund")
    assert runner.in_process(*add) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "several sites (London, New York)" in err[0]
    assert runner.in_process(*add, "--site", "New York") == 0
    file = tmp_path / "crm.csv"
    file.write_text("queue,customer_ref,reason\nSales,B-2,Call back\nSales,B-3,Complaint\n")
    assert runner.in_process("import", "escalations", str(file)) == 2
    assert "London, New York" in capsys.readouterr().err
    assert runner.in_process("import", "escalations", str(file), "--site", "london") == 0
    capsys.readouterr()
    two = open_database(db_url)
    try:
        with two.sessions() as s:
            landed = sorted(s.execute(select(Escalation.customer_ref, Escalation.queue_id)).all())
    finally:
        two.close()
    assert landed == [
        ("A-1", ids.new_york_sales),
        ("B-2", ids.london_sales),
        ("B-3", ids.london_sales),
    ]
