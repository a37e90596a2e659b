"""Row validation under random input (hypothesis): a checked contact or a clear refusal."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from supervisor_app.ingest.files.contact_rows import ContactReader, RowRefused, SkipRow
from supervisor_app.ingest.files.mapping import CONTACT_FIELDS, native_mapping, parse_mapping
from supervisor_app.ingest.files.values import parse_date, parse_time

ZONE = ZoneInfo("Europe/Paris")
NATIVE = ContactReader(native_mapping(), CONTACT_FIELDS, ZONE)

stamps = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 12, 31))
texts = st.text(max_size=12)
cells = st.one_of(
    st.none(),
    texts,
    st.sampled_from(["voice", "CHAT", "email", "answered", "abandoned", "timed_out", "7", "-1"]),
    stamps.map(lambda d: d.isoformat(sep=" ")),
    st.integers(-5, 20).map(str),
    st.floats(allow_nan=True, allow_infinity=True),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(cells, min_size=len(CONTACT_FIELDS), max_size=len(CONTACT_FIELDS)))
def test_any_row_is_a_valid_contact_or_a_reason(row: list[object]) -> None:
    try:
        record = NATIVE.read(row)  # type: ignore[arg-type]
    except RowRefused as exc:
        assert str(exc)
        return
    assert record.arrived_at.tzinfo is not None
    assert record.answered_at is None or record.arrived_at <= record.answered_at
    assert record.answered_at is None or record.answered_at <= record.ended_at
    assert record.arrived_at <= record.ended_at
    assert record.wrap_ended_at is None or record.ended_at <= record.wrap_ended_at
    assert record.csat is None or 1 <= record.csat <= 5
    assert record.nps is None or 0 <= record.nps <= 10


@settings(max_examples=200, deadline=None)
@given(
    arrived=stamps,
    wait=st.integers(0, 3600),
    talk=st.integers(0, 7200),
    channel=st.sampled_from(["voice", "chat", "email"]),
)
def test_valid_rows_come_back_in_utc(arrived: datetime, wait: int, talk: int, channel: str) -> None:
    answered = arrived + timedelta(seconds=wait)
    ended = answered + timedelta(seconds=talk)
    row = {f: "" for f in CONTACT_FIELDS} | {
        "contact_id": "x",
        "queue": "Q",
        "channel": channel.upper(),
        "arrived_at": arrived.isoformat(),
        "answered_at": answered.isoformat(),
        "ended_at": ended.isoformat(),
    }
    record = NATIVE.read([row[f] for f in CONTACT_FIELDS])
    # Independent conversion: the zone's own offset at that wall time.
    expected = arrived.replace(tzinfo=ZONE).astimezone(UTC)
    assert record.arrived_at == expected
    assert record.ended_at - record.answered_at == timedelta(seconds=talk)
    assert record.outcome == "answered" and record.channel == channel


@given(st.times())
def test_twelve_hour_text_and_day_fractions_read_back(t: time) -> None:
    t = t.replace(microsecond=0)
    hour12 = (t.hour % 12) or 12
    text = f"{hour12}:{t.minute:02d}:{t.second:02d} {'AM' if t.hour < 12 else 'PM'}"
    assert parse_time(text, "%I:%M:%S %p") == t
    fraction = (t.hour * 3600 + t.minute * 60 + t.second) / 86400
    assert parse_time(fraction, None) == t


@given(st.dates(min_value=date(1969, 1, 1), max_value=date(2068, 12, 31)))
def test_two_digit_year_dates(d: date) -> None:
    # Python's %y (POSIX): 69-99 are 1969-1999, 00-68 are 2000-2068.
    assert parse_date(f"{d:%y%m%d}", "%y%m%d") == d


MAPPING = parse_mapping(
    {
        "date_format": "%y%m%d",
        "time_format": "%H:%M:%S",
        "next_day_rollover": True,
        "empty": ["0:00:00"],
        "fields": {
            "contact_id": "id",
            "queue": {"value": "Q"},
            "channel": {"value": "voice"},
            "outcome": {"column": "out", "map": {"AGENT": "answered", "HANG": "abandoned"}},
            "arrived_at": {"date": "day", "time": "start"},
            "answered_at": {"date": "day", "time": "served", "when": {"out": "AGENT"}},
            "ended_at": [
                {"after": "answered_at", "duration": "talk", "unit": "seconds"},
                {"date": "day", "time": "left"},
            ],
        },
        "skip": [{"out": "PHANTOM"}],
    },
    "test",
)
HEADER = ["id", "day", "start", "served", "talk", "left", "out"]


@settings(max_examples=200, deadline=None)
@given(
    # 0:00:00 means "did not happen" in this format, so no call starts or is served at midnight.
    start=st.integers(1, 86_399),
    wait=st.integers(0, 600),
    talk=st.integers(0, 3600),
    out=st.sampled_from(["AGENT", "HANG", "PHANTOM"]),
)
def test_mapping_rules_on_random_calls(start: int, wait: int, talk: int, out: str) -> None:
    assume((start + wait) % 86_400)
    reader = ContactReader(MAPPING, HEADER, ZoneInfo("UTC"))
    day = datetime(1999, 2, 1)

    def clock(seconds: int) -> str:
        t = (day + timedelta(seconds=seconds)).time()
        return f"{t.hour}:{t.minute:02d}:{t.second:02d}"

    row = ["1", "990201", clock(start), clock(start + wait), str(talk), clock(start + wait), out]
    if out == "PHANTOM":
        try:
            reader.read(row)
        except SkipRow:
            return
        raise AssertionError("a PHANTOM row was not skipped")
    record = reader.read(row)
    arrived = (day + timedelta(seconds=start)).replace(tzinfo=UTC)
    assert record.arrived_at == arrived
    if out == "AGENT":
        # Past midnight the served time of day is smaller: it is the next day.
        assert record.answered_at == arrived + timedelta(seconds=wait)
        assert record.ended_at == arrived + timedelta(seconds=wait + talk)
        assert record.outcome == "answered"
    else:
        assert record.answered_at is None and record.outcome == "abandoned"
        assert record.ended_at == arrived + timedelta(seconds=wait)


FILE_CELLS = st.one_of(
    st.sampled_from(["", "voice", "Sales", "2024-03-01 09:00:00", "2024-03-01 09:05:00", "x"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(FILE_CELLS, min_size=5, max_size=5), min_size=1, max_size=8))
def test_a_random_file_is_imported_whole_or_not_at_all(rows: list[list[str]]) -> None:
    import csv
    import tempfile
    from pathlib import Path

    from supervisor_app.domain.errors import UserError
    from supervisor_app.ingest.files.contacts import import_contacts
    from supervisor_app.services.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(["contact_id", "queue", "channel", "arrived_at", "ended_at"])
            out.writerows(rows)
        db = open_database(f"sqlite:///{Path(folder) / 'r.db'}")
        try:
            try:
                result = import_contacts(db, path)
            except UserError as exc:
                assert str(exc)
                imported = 0
            else:
                imported = result.imported
                # Every row that isn't blank was written (blank lines are ignored).
                assert imported == sum(any(c.strip() for c in row) for row in rows)
            with db.engine.connect() as conn:
                stored = conn.exec_driver_sql("SELECT count(*) FROM contacts").scalar()
        finally:
            db.close()
    assert stored == imported
