"""PBX queue_log table exports: layouts found from the header, a mapping for the rest.

The files in tests/data/pbx_exports are small and written by hand; SOURCES.txt
there works out every call's times, which the tests below repeat.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from queue_log_helpers import contacts
from sqlalchemy import select

from supervisor_app.ingest.queue_log import (
    ImportOptions,
    LayoutError,
    QueueLogError,
    import_queue_log,
    load_mapping,
)
from supervisor_app.ingest.queue_log.layouts import detect
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import AuditEntry
from tests.cli_runner import CliRunner

EXPORTS = Path(__file__).resolve().parents[2] / "data" / "pbx_exports"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


def calls(db: Database) -> dict[str, tuple[object, ...]]:
    """callid -> (queue, arrived, answered, ended, outcome, agent)."""
    return {c[0].split("|")[0]: (c[1], c[3], c[4], c[5], c[7], c[8]) for c in contacts(db)}


def test_queuemetrics_export_is_found_from_its_header(db: Database) -> None:
    summary = import_queue_log(db, EXPORTS / "queuemetrics_export.csv")
    assert summary.lines == 6 and summary.skipped == 0
    assert summary.columns.startswith("time ← time_id (epoch seconds)")
    assert "call id ← call_id" in summary.columns and "event ← verb" in summary.columns
    assert "data ← data1…data5" in summary.columns
    assert summary.columns.endswith("not used: partition, serverid, unique_row_count")
    assert calls(db) == {
        # waits 12 s, talks 95 s: 1772442000 → 1772442012 → 1772442107
        "1772442000.11": (
            "helpdesk",
            1772442000.0,
            1772442012.0,
            1772442107.0,
            "answered",
            "Agent/101",
        ),
        # leaves on the queue's timeout after 60 s
        "1772442030.15": ("helpdesk", 1772442030.0, None, 1772442090.0, "timed_out", None),
    }


def test_the_epoch_column_wins_over_local_text_at_the_dst_change(db: Database) -> None:
    # Both calls read "2026-10-25 01:30:00" in London; only the epoch tells them apart.
    options = ImportOptions(csv_zone=LONDON)
    summary = import_queue_log(db, EXPORTS / "params_epoch_and_local_text.csv", options)
    assert summary.columns.startswith(
        "time ← epoch (epoch seconds; datetime is not used: local text times are ambiguous"
    )
    assert "call id ← uid" in summary.columns and "queue ← queue_name" in summary.columns
    assert "event ← type" in summary.columns and "data ← param1…param5" in summary.columns
    assert summary.columns.endswith("not used: id, position, holdtime, talktime")
    assert calls(db) == {
        # 01:30 BST = 00:30 UTC: waits 20 s, talks 180 s
        "1792888200.41": (
            "billing",
            1792888200.0,
            1792888220.0,
            1792888400.0,
            "answered",
            "SIP/2001",
        ),
        # 01:30 GMT = 01:30 UTC, an hour later: abandons after 45 s
        "1792891800.57": ("billing", 1792891800.0, None, 1792891845.0, "abandoned", None),
    }


def test_text_times_alone_are_read_in_the_given_zone(tmp_path: Path) -> None:
    layout = detect("time,callid,queuename,agent,event,data", LONDON)
    assert not layout.time_is_epoch and layout.joined
    assert layout.described.startswith(
        "time ← time (epoch seconds, or date-time text read in Europe/London)"
    )


def test_unknown_columns_need_a_mapping_and_the_refusal_names_them(db: Database) -> None:
    with pytest.raises(QueueLogError, match=r"no column for time, call id, queue, agent, event"):
        import_queue_log(db, EXPORTS / "custom_columns.csv")
    mapping = load_mapping(EXPORTS / "custom_columns.toml")
    summary = import_queue_log(db, EXPORTS / "custom_columns.csv", ImportOptions(mapping=mapping))
    assert summary.columns.endswith("not used: Bemerkung")
    # waits 8 s, talks 60 s: 1772445600 → 1772445608 → 1772445668
    assert calls(db) == {
        "1772445600.3": (
            "vertrieb",
            1772445600.0,
            1772445608.0,
            1772445668.0,
            "answered",
            "PJSIP/201",
        )
    }


def test_shipped_mappings_load_and_fit_their_layouts() -> None:
    qm = load_mapping("queuemetrics")
    header = (EXPORTS / "queuemetrics_export.csv").read_text().splitlines()[0]
    assert detect(header, LONDON, qm).time_is_epoch
    params = load_mapping("pbx_params")
    header = (EXPORTS / "params_epoch_and_local_text.csv").read_text().splitlines()[0]
    assert detect(header, LONDON, params).described.startswith("time ← epoch")
    assert load_mapping("asterisk_realtime").event == "event"
    with pytest.raises(LayoutError, match="shipped queue_log mappings: asterisk_realtime"):
        load_mapping("no_such_mapping")


def test_a_mapping_naming_a_missing_column_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[columns]\nepoch = "stamp"\n', encoding="utf-8")
    with pytest.raises(LayoutError, match="'stamp' for the epoch time"):
        detect("time,callid,queuename,agent,event", LONDON, load_mapping(bad))
    bad.write_text('[columns]\ndata = ["Info 1", "Info 9"]\n', encoding="utf-8")
    with pytest.raises(LayoutError, match="data column"):
        detect("time,callid,queuename,agent,event,Info 1", LONDON, load_mapping(bad))
    bad.write_text('[columns]\nwhen = "x"\n', encoding="utf-8")
    with pytest.raises(LayoutError, match=r"columns\.when is not one of"):
        load_mapping(bad)


def test_an_import_writes_one_audit_row_with_the_files_fingerprint(db: Database) -> None:
    path = EXPORTS / "queuemetrics_export.csv"
    import_queue_log(db, path)
    import_queue_log(db, path)  # nothing new: still an import someone ran
    with db.sessions() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(r.action, r.entity, r.entity_id) for r in rows] == [
        ("import.queue_log", "import", "queuemetrics_export.csv")
    ] * 2
    first, again = rows[0].after, rows[1].after
    assert first is not None and again is not None
    assert first["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    # 6 data lines under the header; the second run reads none of them again.
    assert (first["rows_in"], first["rows_skipped"], first["contacts_added"]) == (6, 0, 2)
    assert (again["rows_in"], again["contacts_added"]) == (0, 0)


def test_cli_mapping_option_and_the_columns_line(db_url: str, cli: CliRunner) -> None:
    result = cli.on(db_url)(
        "import",
        "queue-log",
        str(EXPORTS / "custom_columns.csv"),
        "--mapping",
        str(EXPORTS / "custom_columns.toml"),
    )
    assert result.returncode == 0, result.stderr
    assert "  columns: time ← Zeitstempel (epoch seconds), call id ← Anruf-ID" in result.stdout
    refused = cli.on(db_url)(
        "import", "queue-log", str(EXPORTS / "custom_columns.csv"), "--mapping", "nope"
    )
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
