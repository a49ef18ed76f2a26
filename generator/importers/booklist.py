"""Book lists from a library system or a supplier (书商), as spreadsheets -> books."""
from __future__ import annotations

from generator.importers import ImportedBook
from generator.importers.bookrecord import make_book
from generator.importers.headers import expected, find_columns
from generator.importers.tables import Table
from generator.problems import Problems

# What a column holds -> the headers it goes by; the first is the one a report names.
HEADERS = {
    "title": ("题名", "书名", "正题名", "图书名称", "书刊名称", "名称"),
    "author": ("责任者", "作者", "著者", "第一责任者", "作者/译者", "著作者", "编著者"),
    "publisher": ("出版者", "出版社", "出版单位", "出版发行者"),
    "year": ("出版日期", "出版年", "出版时间", "出版年月", "出版年份"),
    "isbn": ("ISBN", "ISBN号", "ISBN/ISSN", "国际标准书号", "标准编号", "书号", "条码ISBN"),
    "class": ("分类号", "中图分类号", "中图法分类号", "分类"),
    "call_number": ("索书号", "索取号", "排架号"),
    "summary": ("内容简介", "摘要", "简介", "内容提要", "提要", "内容摘要"),
    "tags": ("主题词", "关键词", "主题"),
}
NEEDED = (("title",), ("author",))


def read_book_rows(table: Table, name: str, problems: Problems) -> tuple[list[ImportedBook], int]:
    """(the books of every sheet that has the headers, the number of rows read)."""
    books, rows_read, sheets_found = [], 0, 0
    for sheet in table.sheets:
        columns = find_columns(sheet, HEADERS, NEEDED)
        if columns is None:
            continue  # a sheet of notes or totals beside the list
        sheets_found += 1
        for index in range(columns.row + 1, len(sheet.rows)):
            row = sheet.rows[index]
            if columns.empty(row):
                continue
            rows_read += 1
            cell = lambda what: columns.cell(row, what)  # noqa: E731 - one row's lookups
            raw = {
                "title": cell("title"), "author": cell("author"), "publisher": cell("publisher"),
                "year": cell("year"), "isbn": cell("isbn"),
                "call_numbers": [cell("call_number"), cell("class")],
                "tags": [cell("tags")], "summary": cell("summary"),
            }
            book = make_book(raw, name, sheet.where(index), problems)
            if book is not None:
                books.append(book)
    if not sheets_found:
        problems.error("import_no_header", name, None, expected=expected(HEADERS, NEEDED))
    return books, rows_read
