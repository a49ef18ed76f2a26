"""Files to import, made by the tests: CNMARC records (with pymarc, or byte by byte), spreadsheets
(openpyxl), CSV and the HTML table library systems save with an .xls name."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from pymarc import Field, Indicators, Record, Subfield

RECORD_END, FIELD_END = b"\x1d", b"\x1e"


def cnmarc(title: str, author: str | None = "作者著", isbn: str | None = None, publisher: str | None = None,
           year: str | None = None, clc: str | None = None, call: tuple[str, str] | None = None,
           summary: str | None = None, subjects: tuple[str, ...] = (), charset: str | None = "50  ",
           extra: list[Field] | None = None) -> list[Field]:
    """The UNIMARC fields of one book, as a Chinese library system writes them."""
    fields = [Field(tag="001", data="0001")]
    if charset is not None:
        # 100$a: date entered, dates, audience …; positions 26–29 name the character set
        fields.append(_field("100", ("a", f"20260901d2026    em y0chiy{charset}    ea")))
    if isbn:
        fields.append(_field("010", ("a", isbn), ("d", "CNY25.00")))
    title_subfields = [("a", title), ("9", "pinyin"), ("A", "PINYIN")]
    if author:
        title_subfields.append(("f", author))
    fields.append(_field("200", *title_subfields, indicators=("1", " ")))
    if publisher or year:
        fields.append(_field("210", ("a", "北京"), ("c", publisher or ""), ("d", year or "")))
    if summary:
        fields.append(_field("330", ("a", summary)))
    for subject in subjects:
        fields.append(_field("606", ("a", subject), ("x", "通俗读物")))
    if clc:
        fields.append(_field("690", ("a", clc), ("v", "5")))
    if call:
        fields.append(_field("905", ("a", "SCHOOL"), ("d", call[0]), ("e", call[1])))
    return fields + (extra or [])


def _field(tag: str, *subfields: tuple[str, str], indicators: tuple[str, str] = (" ", " ")) -> Field:
    return Field(tag=tag, indicators=Indicators(*indicators), subfields=[Subfield(c, v) for c, v in subfields])


def with_pymarc(records: list[list[Field]]) -> bytes:
    """UTF-8 records as pymarc writes them."""
    return b"".join(Record(fields=fields, force_utf8=True).as_marc() for fields in records)


def by_hand(fields: list[Field], encoding: str = "gb18030", lengths: str = "bytes") -> bytes:
    """One ISO 2709 record written byte by byte; lengths="characters" counts as some vendors do."""
    def size(data: bytes) -> int:
        return len(data) if lengths == "bytes" else len(data.decode(encoding))
    directory, data, offset = b"", b"", 0
    for field in fields:
        piece = field.as_marc(encoding)  # ends with the field terminator
        directory += field.tag.encode() + b"%04d%05d" % (size(piece), offset)
        data += piece
        offset += size(piece)
    base = 24 + len(directory) + 1
    length = base + size(data) + 1
    leader = b"%05dnam0 22%05d   450 " % (length, base)
    return leader + directory + FIELD_END + data + RECORD_END


def xlsx(path: Path, rows: list[list[Any]], sheet: str = "Sheet1", title_rows: list[list[Any]] = ()) -> Path:
    import openpyxl
    book = openpyxl.Workbook()
    page = book.active
    page.title = sheet
    for row in [*title_rows, *rows]:
        page.append(row)
    book.save(path)
    return path


def xlsx_bytes(rows: list[list[Any]], sheet: str = "Sheet1") -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def html_xls(rows: list[list[Any]], charset: str = "gb2312") -> bytes:
    """The HTML table a library system saves as report.xls."""
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
            f"<body><table border=1>\n{cells}</table></body></html>")
    return page.encode(charset)
