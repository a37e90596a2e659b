"""``import training``: completions from CSV and XLSX, all or nothing, on both engines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from file_import_helpers import scalar, write_csv
from openpyxl import Workbook

from supervisor_app.ingest.files.agents import import_agents
from supervisor_app.ingest.files.preview import FileKind, run_import, validate_file
from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.ingest.files.training import check_training, import_training
from supervisor_app.services.database import Database
from supervisor_app.services.people import add_course


@pytest.fixture
def people(db: Database, tmp_path: Path) -> Database:
    roster = write_csv(
        tmp_path / "roster.csv", ["name,code,team", "Ann Lee,A1,North", "Bob Ray,B2,North"]
    )
    import_agents(db, roster)
    add_course(db, "Fire safety", 365, [], "tester")
    add_course(db, "Induction", None, [], "tester")
    return db


def _completions(db: Database) -> list[tuple[str, str, str, str | None]]:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.employee_code, c.name, t.completed_on, t.expires_on "
                "FROM training_completions t JOIN agents a ON a.id = t.agent_id "
                "JOIN training_courses c ON c.id = t.course_id ORDER BY 1, 2, 3"
            )
        ).all()
    return [(a, c, str(d), None if e is None else str(e)) for a, c, d, e in rows]


def test_a_csv_records_completions_with_expiry_from_the_course(
    people: Database, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "done.csv",
        [
            "Employee code;Course name;Completion date",
            "a1;fire SAFETY;2026-03-31",  # code and course in any case
            "B2;Induction;2025-01-02",
        ],
    )
    result = import_training(people, path)
    assert result.added == 2
    # 2026-03-31 + 365 days = 2027-03-31 (no leap day between); Induction never expires
    assert _completions(people) == [
        ("A1", "Fire safety", "2026-03-31", "2027-03-31"),
        ("B2", "Induction", "2025-01-02", None),
    ]
    assert scalar(people, "SELECT count(*) FROM audit_log WHERE action = 'import.training'") == 1
    again = import_training(people, path)  # the same file twice adds nothing
    assert again.added == 0 and "2 already recorded" in again.summary()
    assert len(_completions(people)) == 2


def test_any_bad_row_refuses_the_file_naming_each_line(people: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            "employee_code,course,completed_on",
            "A1,Fire safety,2026-01-10",  # row 2: fine
            "Z9,Fire safety,2026-01-10",  # row 3: no such agent
            "A1,Knitting,2026-01-10",  # row 4: no such course
            "B2,Induction,10/01/2026",  # row 5: not a date
            "B2,Induction,2030-01-01",  # row 6: in the future
            ",,",  # blank: ignored, keeps its number
            "B2,,2026-01-01",  # row 8: no course
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_training(people, path)
    rows = dict(caught.value.errors)
    assert sorted(rows) == [3, 4, 5, 6, 8]
    assert "no agent with employee code 'Z9'" in rows[3]
    assert "no course named 'Knitting'" in rows[4] and "Fire safety, Induction" in rows[4]
    assert "not a date" in rows[5]
    assert "in the future" in rows[6]
    assert "course is empty" in rows[8]
    assert str(caught.value).startswith("bad.csv: 5 invalid rows, nothing imported")
    assert _completions(people) == []  # all or nothing
    assert scalar(people, "SELECT count(*) FROM audit_log WHERE action = 'import.training'") == 0


def test_an_xlsx_with_real_dates_through_the_wizards_functions(
    people: Database, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Agent", "Training", "Completed"])
    ws.append(["A1", "Fire safety", date(2026, 2, 1)])
    path = tmp_path / "done.xlsx"
    wb.save(path)
    checked = validate_file(people, FileKind.TRAINING, path)
    assert checked.ok and checked.valid_rows == 1
    assert _completions(people) == []  # the dry run writes nothing
    summary = run_import(people, FileKind.TRAINING, path)
    assert summary == "1 training completion(s) imported from done.xlsx"
    assert _completions(people) == [("A1", "Fire safety", "2026-02-01", "2027-02-01")]


def test_a_missing_column_is_named(people: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", ["code,when", "A1,2026-01-01"])
    with pytest.raises(Exception, match="no column for course, completed_on"):
        check_training(people, path)
