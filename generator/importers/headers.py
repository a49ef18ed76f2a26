"""Finding a table's columns by the headers people write, below any title rows.

A list from a library system or a school office starts with a title (“2026年9月新书清单”),
a date, blank rows; the header row is the first one holding the columns asked for.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.importers.tables import Sheet

SCAN_ROWS = 30  # title rows above the headers, at most
NOTE = re.compile(r"[(（【\[][^)）】\]]*[)）】\]]")  # 借阅量（册）-> 借阅量


@dataclass(frozen=True)
class Columns:
    row: int  # index of the header row in sheet.rows
    at: dict[str, int]  # what a column holds -> its index

    def cell(self, row: list[Any], what: str) -> Any:
        index = self.at.get(what)
        return row[index] if index is not None and index < len(row) else None

    def empty(self, row: list[Any]) -> bool:
        """Nothing in the columns that are read (a serial number alone, a blank row)."""
        return blank([self.cell(row, what) for what in self.at])


def header_name(cell: Any) -> str:
    """A header as compared: width and case folded, spaces, notes in brackets, colons dropped."""
    text = unicodedata.normalize("NFKC", str(cell or "")).casefold()
    text = NOTE.sub("", text)
    return re.sub(r"[\s:*#.]", "", text)


def find_columns(sheet: Sheet, headers: dict[str, tuple[str, ...]], needed: tuple[tuple[str, ...], ...]) -> Columns | None:
    """The first row that has a column for each of `needed` (each a tuple of alternatives).

    headers: what a column holds -> the header names it goes by (compared by header_name).
    """
    names = {header_name(name): what for what, alternatives in headers.items() for name in alternatives}
    for index, row in enumerate(sheet.rows[:SCAN_ROWS]):
        at: dict[str, int] = {}
        for column, cell in enumerate(row):
            what = names.get(header_name(cell))
            if what is not None and what not in at:
                at[what] = column
        if all(any(choice in at for choice in group) for group in needed):
            return Columns(index, at)
    return None


def blank(row: list[Any]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def expected(headers: dict[str, tuple[str, ...]], needed: tuple[tuple[str, ...], ...]) -> str:
    """The headers a report names when none were found: 题名/书名、责任者/作者 …"""
    return "、".join("/".join(headers[what][0] for what in group) for group in needed)
