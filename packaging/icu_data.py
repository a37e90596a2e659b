"""Rebuild the bundle's ICU data library without the parts Qt never reads (Linux; issue 15).

PySide6's Qt links ICU, whose data library (``libicudata.so.73``, 32 MB) holds one ICU
"common data" package: every locale's collation, calendar and time-zone names, but also
unit, currency and language display names, transliterators, spell-out rules and break
dictionaries. Qt calls only ICU's collation (``ucol_*``, for locale-aware sorting),
converters (``ucnv_*``, for named text encodings) and calendar time-zone names (``ucal_*``)
— ``nm -D --undefined-only`` on Qt's libraries lists nothing else, and Qt is the only
ICU user in the bundle. :data:`UNUSED` are the trees those calls never open
(and, with :data:`UNUSED_SUFFIXES`, the parts no call of the console's reaches); this
script copies the package without them and assembles it into a library of the same name
and symbol (``icudtNN_dat``), which ICU's own ``libicuuc`` then maps as before.

Usage (``packaging/build.sh`` runs it on Linux when a C compiler is there; without one
the bundle keeps the full library): ``python packaging/icu_data.py BUNDLE_INTERNAL_DIR``.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

# Trees of the package that no ucol/ucnv/ucal call reads, and the time-zone and region
# names that only ucal_getTimeZoneDisplayName reads (QTimeZone::displayName with a locale,
# which the console never calls: it names zones by their IANA id, through Python).
UNUSED = ("brkitr/", "curr/", "lang/", "rbnf/", "translit/", "unit/", "zone/", "region/")
# The tables of legacy code pages (Shift_JIS, GBK, EBCDIC …; 5 MB), which Qt reads only when
# a QStringDecoder is asked for such an encoding by name. The console never makes one (its
# imports decode through Python's codecs); UTF-8/16/32, Latin-1 and ASCII are built into
# Qt and ICU's code, and the alias table (cnvalias.icu) stays.
UNUSED_SUFFIXES = (".cnv",)

_MAGIC = b"\xda\x27"


def items(package: bytes) -> list[tuple[str, bytes]]:
    """The package's (name, data) items, in the order of its table of contents (sorted)."""
    header_size, magic = struct.unpack_from("<H2s", package, 0)
    if magic != _MAGIC or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    found = []
    for i, (name_at, data_at) in enumerate(entries):
        name = package[toc + name_at : package.index(b"\0", toc + name_at)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(package) - toc
        found.append((name, package[toc + data_at : toc + end]))
    return found


def build(header: bytes, kept: Iterable[tuple[str, bytes]]) -> bytes:
    """A package with ``header`` and ``kept`` items, laid out as ICU's ``pkgdata`` does.

    Items start on 16-byte boundaries (offsets count from the table of contents, which
    starts right after the header, itself a multiple of 16 bytes).
    """
    kept = list(kept)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in kept)
    toc_size = 4 + 8 * len(kept)
    data_at = _align(toc_size + len(names))
    name_at = toc_size
    entries = []
    blobs = []
    for name, data in kept:
        entries.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        blob = data + b"\0" * (_align(len(data)) - len(data))
        blobs.append(blob)
        data_at += len(blob)
    toc = struct.pack("<I", len(kept)) + b"".join(entries) + names
    toc += b"\0" * (_align(len(toc)) - len(toc))
    return header + toc + b"".join(blobs)


def _align(n: int) -> int:
    return (n + 15) // 16 * 16


def trimmed(
    package: bytes, unused: Iterable[str] = UNUSED, suffixes: Iterable[str] = UNUSED_SUFFIXES
) -> bytes:
    """The package without the items under the ``unused`` trees or ending in ``suffixes``."""
    (header_size,) = struct.unpack_from("<H", package, 0)
    if header_size % 16:
        raise ValueError("unexpected ICU header size")
    unused, suffixes = tuple(unused), tuple(suffixes)
    kept = [
        (name, data)
        for name, data in items(package)
        if not name.split("/", 1)[-1].startswith(unused) and not name.endswith(suffixes)
    ]
    return build(package[:header_size], kept)


def _symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol, from ``nm`` and the ELF."""
    out = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", out, re.M)
    if not match:
        raise ValueError(f"{library.name}: no icudtNN_dat symbol")
    address, size, name = int(match[1], 16), int(match[2], 16), match[3]
    elf = library.read_bytes()
    phoff, phentsize, phnum = (
        struct.unpack_from("<Q", elf, 32)[0],
        *struct.unpack_from("<HH", elf, 54),
    )
    for i in range(phnum):
        kind, _, offset, vaddr, _, filesz = struct.unpack_from(
            "<IIQQQQ", elf, phoff + i * phentsize
        )
        if kind == 1 and vaddr <= address < vaddr + filesz:  # PT_LOAD
            return name, address - vaddr + offset, size
    raise ValueError(f"{library.name}: {name} is in no loaded segment")


def rebuild(library: Path, cc: str = "cc") -> tuple[int, int]:
    """Replace ``library`` by one without the unused trees; (bytes before, bytes after)."""
    name, offset, size = _symbol(library)
    package = library.read_bytes()[offset : offset + size]
    smaller = trimmed(package)
    soname = library.name
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "data.dat"
        dat.write_bytes(smaller)
        asm = Path(tmp) / "data.S"
        asm.write_text(
            f".section .rodata\n.globl {name}\n.type {name}, @object\n.balign 16\n"
            f'{name}:\n.incbin "{dat}"\n.size {name}, .-{name}\n'
            '.section .note.GNU-stack,"",@progbits\n'
        )
        out = Path(tmp) / soname
        subprocess.run(
            [cc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(out), str(asm)],
            check=True,
        )
        before = library.stat().st_size
        library.write_bytes(out.read_bytes())
    return before, library.stat().st_size


def main(argv: list[str]) -> int:
    internal = Path(argv[1])
    libraries = sorted(internal.glob("PySide6/Qt/lib/libicudata.so.*"))
    if not libraries:
        print("icu: no libicudata in the bundle; nothing to do")
        return 0
    for library in libraries:
        before, after = rebuild(library)
        print(f"icu: {library.name} {before / 1e6:.1f} -> {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
