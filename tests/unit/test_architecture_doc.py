"""docs/architecture.md stays the map of the code: every package has its row, and every
module or folder it points to exists.

A package is a directory under ``supervisor_app/`` with an ``__init__.py``; its row in one
of the page's tables starts with its path in backticks, e.g. ``| `services/kpi/` |``
(the root package: ``| `supervisor_app/` |``). Adding a package means adding its line;
moving a module means fixing the page, or this test names what went stale.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "supervisor_app"
PAGE = ROOT / "docs" / "architecture.md"
TOP_LEVEL = ("cli", "domain", "ingest", "reports", "services", "store", "ui")
# A path the page names: `services/live/snapshot.py` or `ingest/queue_log/` (no wildcards).
NAMED_PATH = re.compile(rf"`((?:{'|'.join(TOP_LEVEL)})(?:/\w+)*(?:/|\.py))`")


def package_rows() -> list[str]:
    """The row each package needs, as the page writes it: ``| `services/kpi/` |``."""
    rows = []
    for init in sorted(PACKAGE.rglob("__init__.py")):
        relative = init.parent.relative_to(PACKAGE).as_posix()
        name = "supervisor_app" if relative == "." else relative
        rows.append(f"| `{name}/` |")
    return rows


def test_every_package_has_a_row_on_the_page() -> None:
    lines = [line.strip() for line in PAGE.read_text(encoding="utf-8").splitlines()]
    missing = [row for row in package_rows() if not any(line.startswith(row) for line in lines)]
    names = [row.strip("| `") for row in missing]
    assert not missing, f"docs/architecture.md has no row for the package(s): {', '.join(names)}"


def test_every_path_the_page_names_exists() -> None:
    named = sorted(set(NAMED_PATH.findall(PAGE.read_text(encoding="utf-8"))))
    assert named, "the page names no module: has the path format changed?"
    stale = [path for path in named if not (PACKAGE / path).exists()]
    assert not stale, f"docs/architecture.md names what no longer exists: {', '.join(stale)}"
