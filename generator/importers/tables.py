"""Spreadsheets as library systems, suppliers and school offices send them -> rows of cells.

.xlsx, .xls and .ods are read by python-calamine; .csv (and tab-separated text saved with an
.xls name) by the csv module, its encoding found by encoding.decode; the HTML table many
systems save with an .xls name by lxml. Which one a file is comes from its first bytes, not
its name.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from generator.importers import encoding

ZIP = b"PK\x03\x04"  # .xlsx, .ods
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (BIFF)
HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype|html|head|body|meta|table|style)", re.I | re.S)
CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w-]+)""", re.I)


class TableError(Exception):
    """The file cannot be read as a table; args[0] is a message code, args[1] a detail."""


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's name; "" for a CSV or an HTML table
    rows: list[list[Any]]  # rows[0] is the file's first row, whatever is in it

    def where(self, index: int) -> str:
        """How a report names a row: Sheet1!5, or just 5 for a file with one unnamed table."""
        return f"{self.name}!{index + 1}" if self.name else str(index + 1)


@dataclass(frozen=True)
class Table:
    kind: str  # xlsx, xls, ods, csv, html
    sheets: list[Sheet]
    encoding: str | None = None  # for text files: how the bytes were read


def kind_of(raw: bytes, suffix: str) -> str:
    if raw.startswith(ZIP):
        return "ods" if b"opendocument" in raw[:200] or suffix == ".ods" else "xlsx"
    if raw.startswith(OLE):
        return "xls"
    if HTML_START.match(raw[:4096].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return "csv"


def read_table(raw: bytes, suffix: str) -> Table:
    kind = kind_of(raw, suffix.lower())
    if kind == "html":
        return _html(raw)
    if kind == "csv":
        return _text(raw)
    return Table(kind, _workbook(raw))


def _workbook(raw: bytes) -> list[Sheet]:
    from python_calamine import CalamineWorkbook  # loaded only for a workbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        # skip_empty_area=False: rows[i] is the sheet's row i+1, as the librarian sees it in Excel.
        return [Sheet(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names]
    except Exception as exc:  # calamine raises its own kinds for damaged, encrypted or odd files
        raise TableError("import_table_unreadable", type(exc).__name__) from exc


def _text(raw: bytes) -> Table:
    decoded = encoding.decode(raw)
    if decoded is None:
        raise TableError("import_encoding", "")
    text, name = decoded
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = [row for row in csv.reader(text.splitlines(), delimiter=delimiter)]
    return Table("csv", [Sheet("", rows)], name)


def _html(raw: bytes) -> Table:
    import lxml.html

    declared = CHARSET.search(raw[:4096])
    text = None
    if declared:
        try:
            text = raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
        name = declared.group(1).decode("ascii").upper()
    if text is None:
        decoded = encoding.decode(raw)
        if decoded is None:
            raise TableError("import_encoding", "")
        text, name = decoded
    # lxml refuses text that still declares an encoding of its own
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text.lstrip("\ufeff"))
    try:
        document = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise TableError("import_table_unreadable", type(exc).__name__) from exc
    tables = document.xpath("//table")
    if not tables:
        raise TableError("import_table_unreadable", "no <table>")
    sheets = []
    for table in tables:
        rows = [[cell.text_content().strip() for cell in row.xpath("./th|./td")] for row in table.xpath(".//tr")]
        sheets.append(Sheet("", rows))
    # The table with most rows is the list; the others are page headers and footers.
    return Table("html", [max(sheets, key=lambda s: len(s.rows))], name)
