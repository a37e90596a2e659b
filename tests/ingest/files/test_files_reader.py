"""The tabular reader: encodings, delimiters, XLSX cells, and hostile workbooks refused."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import time
from pathlib import Path

import openpyxl
import pytest

from supervisor_app.ingest.files.table import UnreadableFile, open_table
from supervisor_app.ingest.files.xlsx_guard import MAX_UNPACKED_BYTES, HostileFile

HEADER = ["contact_id", "queue", "comment"]
ROWS = [["1", "Sales", "Très bien, merci"], ["2", "Support", "Ærgerligt – ça va"]]


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("cp1252", b"", "cp1252"),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_encodings_and_delimiters_are_detected(
    tmp_path: Path, encoding: str, bom: bytes, expected: str, delimiter: str
) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([HEADER, *ROWS])
    path = tmp_path / "contacts.csv"
    path.write_bytes(bom + out.getvalue().encode(encoding))
    table = open_table(path)
    assert table.format.encoding == expected
    assert table.format.delimiter == delimiter
    assert table.header == HEADER
    assert [cells for _, cells in table.rows()] == ROWS


def test_quoted_fields_blank_lines_and_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('a,b\n1,"x, with comma"\n\n2,"two\nlines"\n3,z\n', encoding="utf-8")
    rows = list(open_table(path).rows())
    # The header is row 1; the blank line is row 3 and keeps its number.
    assert rows == [(2, ["1", "x, with comma"]), (4, ["2", "two\nlines"]), (5, ["3", "z"])]


def test_short_rows_are_padded_and_long_rows_cut(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("a,b,c\n1\n1,2,3,4\n", encoding="utf-8")
    assert [c for _, c in open_table(path).rows()] == [["1", None, None], ["1", "2", "3"]]


def test_empty_and_missing_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(UnreadableFile, match="empty"):
        open_table(tmp_path / "empty.csv")
    with pytest.raises(UnreadableFile, match="no such file"):
        open_table(tmp_path / "missing.csv")


def test_xlsx_cells_keep_their_types(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "time", "seconds"])
    sheet.append(["A1", 0.5, 42])
    sheet["B2"].number_format = "h:mm:ss"
    path = tmp_path / "t.xlsx"
    book.save(path)
    table = open_table(path)
    assert table.format.kind == "xlsx"
    assert table.header == ["id", "time", "seconds"]
    assert [c for _, c in table.rows()] == [["A1", time(12, 0), 42]]


def _xlsx_with_sheet_xml(path: Path, sheet_xml: bytes, tmp_path: Path) -> Path:
    """A valid workbook whose sheet part is replaced by ``sheet_xml``."""
    book = openpyxl.Workbook()
    book.active.append(["a"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            dst.writestr(item, data)
    return path


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    path = _xlsx_with_sheet_xml(tmp_path / "laughs.xlsx", laughs, tmp_path)
    with pytest.raises(HostileFile, match="DTD or entities"):
        open_table(path)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData><row><c><v>&e;</v></c></row></sheetData></worksheet>"
    )
    path = _xlsx_with_sheet_xml(tmp_path / "xxe.xlsx", xxe, tmp_path)
    with pytest.raises(HostileFile):
        open_table(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    # 40 MB of one repeated byte compresses about a thousand times.
    bomb = b'<?xml version="1.0"?><worksheet>' + b" " * (40 * 1024**2) + b"</worksheet>"
    path = _xlsx_with_sheet_xml(tmp_path / "bomb.xlsx", bomb, tmp_path)
    assert path.stat().st_size < 1024**2
    with pytest.raises(HostileFile, match="zip bomb"):
        open_table(path)


def test_declared_size_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(3):
            archive.writestr(f"xl/media/blob{i}.bin", b"\0" * (MAX_UNPACKED_BYTES // 2))
    with pytest.raises(HostileFile, match="unpacks to"):
        open_table(path)


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFile, match="not an Excel workbook"):
        open_table(path)


def test_shipped_mappings_survive_a_save_and_load(tmp_path: Path) -> None:
    from supervisor_app.ingest.files.mapping import load_mapping, shipped_mappings
    from supervisor_app.ingest.files.mapping_toml import save_mapping

    for path in shipped_mappings():
        mapping = load_mapping(path)
        save_mapping(mapping, tmp_path / path.name)
        assert load_mapping(tmp_path / path.name) == mapping
