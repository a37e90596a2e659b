"""The KPI catalogue is the KPI result's figures, each once, and nothing else but the two
marked service-level variants; and what only needs the catalogue or the periods stays light."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from dataclasses import fields

from supervisor_app.domain.kpi import ServiceLevelVariant
from supervisor_app.domain.kpi_catalogue import BY_FIELD, FIGURES, REPORTED, terms
from supervisor_app.services.kpi import KpiFigures


def test_every_field_of_the_kpi_result_is_in_the_catalogue_once() -> None:
    catalogued = Counter(f.field for f in FIGURES if f.variant is None)
    assert catalogued == Counter(f.name for f in fields(KpiFigures))
    assert [f.field for f in REPORTED] == [f.field for f in FIGURES if f.variant is None]


def test_the_only_other_entries_are_the_marked_variants() -> None:
    extra = [f for f in FIGURES if f.field not in {f.name for f in fields(KpiFigures)}]
    assert all(f.variant is not None for f in extra)
    assert {f.variant for f in extra} == set(ServiceLevelVariant) - {ServiceLevelVariant.OFFERED}
    assert all(f.source == "service_level" for f in extra)
    assert len(BY_FIELD) == len(FIGURES)


def test_titles_name_one_figure_each() -> None:
    assert len({f.title for f in FIGURES}) == len(FIGURES)
    assert len({f.short for f in FIGURES}) == len(FIGURES)
    assert all(f.definition for f in FIGURES)


def test_terms_keep_order_and_skip_unlisted_figures() -> None:
    assert terms(["csat", "aht_p90_seconds", "aht_seconds"]) == (
        "CSAT",
        "average handle time (AHT)",
    )


def test_the_enum_and_the_catalogue_load_without_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import supervisor_app.domain.kpi_catalogue, supervisor_app.domain.periods\n"
        "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy was loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
