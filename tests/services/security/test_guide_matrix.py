"""The user guide prints the grant matrix; it must be the one ``db roles`` applies."""

from __future__ import annotations

from pathlib import Path

from supervisor_app.services.security import matrix_markdown

GUIDE = Path(__file__).parents[3] / "docs" / "user-guide" / "shared-database-setup.md"


def test_the_guide_prints_the_matrix_db_roles_applies() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("<!-- matrix:")
    start = text.index("\n", start) + 1
    end = text.index("<!-- end of matrix -->")
    assert text[start:end].strip() == matrix_markdown(), (
        "regenerate the table: python -c 'from supervisor_app.services.security import "
        "matrix_markdown; print(matrix_markdown())'"
    )


def test_the_guide_is_listed_on_the_index() -> None:
    index = (GUIDE.parent / "index.md").read_text(encoding="utf-8")
    assert "(shared-database-setup.md)" in index
