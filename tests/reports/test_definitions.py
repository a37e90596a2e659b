"""What the workbooks quote and copy stays equal to its source: the README's KPI table and
the schedule editor's colours; and the small pieces (sheet names) on their own."""

from __future__ import annotations

from pathlib import Path

from supervisor_app.reports.definitions import KPI_DEFINITIONS
from supervisor_app.reports.schedule_grid import ACTIVITY_COLOURS, PRODUCTIVE
from supervisor_app.reports.scorecards import _sheet_title

README = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "kpi-definitions.md"


def _readme_table() -> dict[str, str]:
    section = README.read_text(encoding="utf-8").split("## KPI definitions")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    out = {}
    for line in rows[2:]:  # past the heading and the --- row
        name, definition = (part.strip() for part in line.strip().strip("|").split(" | ", 1))
        out[name] = definition
    return out


def test_definitions_quote_the_readme_word_for_word() -> None:
    assert _readme_table() == KPI_DEFINITIONS


def test_schedule_colours_are_the_editors() -> None:
    from supervisor_app.ui.schedules import palette

    assert palette.SHIFT.lstrip("#").upper() == PRODUCTIVE
    assert {k: v for k, v in ACTIVITY_COLOURS.items()} == {
        k: v.lstrip("#").upper() for k, v in palette.ACTIVITY.items()
    }


def test_sheet_titles_are_valid_and_unique() -> None:
    used = {"Cover", "Summary", "Definitions"}
    assert _sheet_title("Summary", used) == "Summary (2)"
    assert _sheet_title("a/b:c*d?[e]", used) == "a_b_c_d__e_"
    long = "x" * 40
    assert _sheet_title(long, used) == "x" * 31
    assert _sheet_title(long, used) == "x" * 27 + " (2)"
