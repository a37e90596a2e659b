"""A training file imported by a London supervisor on a shared database: London's agents are
recorded; a file naming a New York agent is refused, naming the line (row-level security hides
New York's agents from the login, so the code is unknown), and nothing of it is written; the
raw insert the database would refuse anyway is proven in ``test_row_security``."""

from __future__ import annotations

from pathlib import Path

import pytest
from secured_db import Secured

from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.ingest.files.training import import_training
from supervisor_app.services.database import open_database


def _codes(secured: Secured) -> dict[str, str]:
    with secured.connect() as owner:
        rows = owner.execute(
            "SELECT name, employee_code FROM agents WHERE name IN ('Lena', 'Ned')"
        ).fetchall()
    return dict(rows)


def _completions(secured: Secured, course: str) -> int:
    with secured.connect() as owner:
        row = owner.execute(
            "SELECT count(*) FROM training_completions t JOIN training_courses c "
            "ON c.id = t.course_id WHERE c.name = %s",
            (course,),
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_london_supervisor_imports_london_completions_only(
    secured: Secured, tmp_path: Path
) -> None:
    course = "Import security"
    with secured.connect() as owner:
        owner.execute("INSERT INTO training_courses (name) VALUES (%s)", (course,))
        owner.commit()
    codes = _codes(secured)
    ours = tmp_path / "london.csv"
    ours.write_text(f"employee_code,course,completed_on\n{codes['Lena']},{course},2026-11-01\n")
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(
        "employee_code,course,completed_on\n"
        f"{codes['Lena']},{course},2026-11-02\n{codes['Ned']},{course},2026-11-02\n"
    )
    db = open_database(secured.url("london"), upgrade=False)
    try:
        assert import_training(db, ours).added == 1
        with pytest.raises(ImportRejected) as caught:
            import_training(db, mixed)
        assert caught.value.errors == [(3, f"no agent with employee code {codes['Ned']!r}")]
    finally:
        db.close()
        assert _completions(secured, course) == 1  # Lena's first; nothing of the mixed file
        with secured.connect() as owner:
            owner.execute("DELETE FROM training_courses WHERE name = %s", (course,))
            owner.commit()
