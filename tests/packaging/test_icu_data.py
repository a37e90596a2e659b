"""packaging/icu_data.py: ICU's data without what Qt never reads, and Qt none the wiser.

Two independent witnesses: ``icupkg`` (ICU's own tool) must read the rebuilt package as
the original's items minus the dropped trees, byte for byte; and Qt, loading the rebuilt
library in place of PySide6's, must sort, case-map and name encodings exactly as with the
original library (run side by side in two processes).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import icu_data
import PySide6
import pytest

QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
ORIGINAL = next(QT_LIB.glob("libicudata.so.*"), None)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or ORIGINAL is None
    or not (shutil.which("cc") and shutil.which("nm")),
    reason="Linux with PySide6's ICU, a C compiler and nm",
)

# Qt's uses of ICU that the console can reach: locale-aware sorting (QCollator: German,
# Swedish, Czech and Danish order these differently) and locale case mapping (Turkish i).
PROBE = r"""
import functools, json, sys
from PySide6.QtCore import QCollator, QLocale, QStringDecoder
words = ["Zürich", "zebra", "Äpfel", "apple", "Ångström", "Øre", "ch", "cz", "Ähre", "Ch"]
out = {}
for name in ["de_DE", "sv_SE", "cs_CZ", "da_DK", "en_US", "ja_JP"]:
    out[name] = sorted(words, key=functools.cmp_to_key(QCollator(QLocale(name)).compare))
out["upper_tr"] = QLocale("tr_TR").toUpper("istanbul")
out["utf8"] = QStringDecoder("UTF-8").isValid()
out["latin1"] = QStringDecoder("ISO-8859-1").isValid()
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PySide6 tree of links to the installed one, with the rebuilt ICU data in it."""
    root = tmp_path_factory.mktemp("pyside")
    for name in ("PySide6", "shiboken6"):
        source = Path(PySide6.__file__).parent.parent / name
        subprocess.run(["cp", "-as", str(source), str(root)], check=True)
    assert ORIGINAL is not None
    library = root / "PySide6" / "Qt" / "lib" / ORIGINAL.name
    library.unlink()
    shutil.copy(ORIGINAL, library)
    before, after = icu_data.rebuild(library)
    assert after < before / 2  # the display names, dictionaries and code pages are big
    return root


def _probe(pythonpath: str | None) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_qt_sorts_and_case_maps_as_with_the_full_library(rebuilt: Path) -> None:
    original = _probe(None)
    assert original["sv_SE"][-4:] == ["Ångström", "Ähre", "Äpfel", "Øre"]  # å ä ö at the end
    assert original["upper_tr"] == "İSTANBUL"
    assert _probe(str(rebuilt)) == original


def test_icupkg_reads_the_same_items_minus_the_dropped_trees(rebuilt: Path, tmp_path: Path) -> None:
    icupkg = shutil.which("icupkg")
    if icupkg is None:
        pytest.skip("icupkg (icu-devtools) is not installed")
    assert ORIGINAL is not None
    listed = {}
    for label, library in (("old", ORIGINAL), ("new", rebuilt / "PySide6/Qt/lib" / ORIGINAL.name)):
        name, offset, size = icu_data._symbol(library)
        folder = tmp_path / label
        folder.mkdir()
        package = folder / f"{name.removesuffix('_dat')}l.dat"
        package.write_bytes(library.read_bytes()[offset : offset + size])
        names = subprocess.run(
            [icupkg, "-l", str(package)], capture_output=True, text=True, check=True
        ).stdout.split()
        (folder / "items").mkdir()
        subprocess.run([icupkg, "-x", "*", "-d", str(folder / "items"), str(package)], check=True)
        listed[label] = names
    dropped = [
        n
        for n in listed["old"]
        if n.startswith(icu_data.UNUSED) or n.endswith(icu_data.UNUSED_SUFFIXES)
    ]
    assert "coll/de.res" in listed["old"] and "brkitr/thaidict.dict" in dropped
    assert listed["new"] == [n for n in listed["old"] if n not in dropped]
    for item in listed["new"]:
        old = (tmp_path / "old" / "items" / item).read_bytes()
        assert (tmp_path / "new" / "items" / item).read_bytes() == old, item
