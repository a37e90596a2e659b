"""Revisions are frozen: none imports application code.

A revision that imported the models (their trigger DDL, a column type) would
silently do something else to an old database the day the models change; what
it ran is written out in the revision instead. ``env.py`` may import the models'
metadata: autogenerate compares against it, and it writes no schema itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from supervisor_app.store.migrate import MIGRATIONS_DIR

REVISIONS = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
OURS = "supervisor_app"


def imported_modules(source: str) -> list[str]:
    """Every module an ``import`` or ``from … import`` names, relative ones with their dots."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def is_ours(module: str) -> bool:
    return module == OURS or module.startswith((f"{OURS}.", "."))


def test_the_revisions_are_found() -> None:
    assert [p.name for p in REVISIONS][:1] == ["0001_initial_schema.py"]


@pytest.mark.parametrize("revision", REVISIONS, ids=lambda path: path.stem)
def test_a_revision_imports_nothing_of_ours(revision: Path) -> None:
    ours = [m for m in imported_modules(revision.read_text(encoding="utf-8")) if is_ours(m)]
    assert ours == [], f"{revision.name} imports application code: {', '.join(ours)}"


def test_a_new_revision_starts_without_our_imports() -> None:
    template = (MIGRATIONS_DIR / "script.py.mako").read_text(encoding="utf-8")
    assert not [line for line in template.splitlines() if OURS in line and "import" in line]


def test_the_scan_sees_every_form_of_import() -> None:
    source = "import supervisor_app.store.base\nfrom supervisor_app.store import models\n"
    source += "from . import helpers\nimport sqlalchemy as sa\nfrom alembic import op\n"
    assert [m for m in imported_modules(source) if is_ours(m)] == [
        "supervisor_app.store.base",
        "supervisor_app.store",
        ".",
    ]
