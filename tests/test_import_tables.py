"""Reading spreadsheets: .xlsx (openpyxl writes them), CSV in UTF-8 or GBK, the HTML table saved
as .xls, tab-separated text; headers found below title rows; a book list's rows -> books."""
from __future__ import annotations

import datetime as dt

import pytest
from import_fixtures import csv_bytes, html_xls, xlsx

from generator.importers.booklist import read_book_rows
from generator.importers.tables import TableError, kind_of, read_table
from generator.problems import Problems

HEADER = ["序号", "书名", "作者", "出版社", "出版日期", "ISBN", "中图分类号", "索书号", "内容简介", "定价"]
ROWS = [
    [1, "西游记", "吴承恩著", "人民文学出版社", dt.date(2019, 3, 1), 9787020008735, "I242.4", "I242.4/1", "唐僧师徒取经。", 45.5],
    [2, "草房子", "曹文轩", "江苏少年儿童出版社", "2016.05", "978-7-5346-2906-8", "I287.45", "", "", 20],
    [3, "", "", "", "", "", "", "", "", ""],  # an empty row in the middle
    [4, "稻草人", "", "", "", "", "", "", "", ""],  # no author
]


def books_of(raw: bytes, suffix: str = ".xlsx"):
    problems = Problems()
    table = read_table(raw, suffix)
    books, rows = read_book_rows(table, "list" + suffix, problems)
    return table, books, rows, problems


def test_a_supplier_xlsx_with_title_rows_above_the_headers(tmp_path):
    path = xlsx(tmp_path / "list.xlsx", [HEADER, *ROWS], sheet="新书",
                title_rows=[["阳光书店 2026 年 9 月配书清单"], ["", "", "日期：2026-09-01"], []])
    table, books, rows, problems = books_of(path.read_bytes())
    assert table.kind == "xlsx" and rows == 3
    assert books[0].values == {"title": "西游记", "author": "吴承恩著", "publisher": "人民文学出版社", "year": 2019,
                               "isbn": "9787020008735", "call_number": "I242.4/1"}
    assert books[0].summary == "唐僧师徒取经。" and books[0].line == "新书!5"
    assert books[1].values["call_number"] == "I287.45" and books[1].values["year"] == 2016  # the class, when no call number
    assert [(p.code, p.line) for p in problems] == [("import_record_incomplete", "新书!8")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding_excel_writes(encoding):
    rows = [["题名", "责任者", "ISBN"], ["城南旧事", "林海音著", "9787020112345"], ["呼兰河传", "萧红著", ""]]
    table, books, _, problems = books_of(csv_bytes(rows, encoding), ".csv")
    assert table.kind == "csv" and [b.values["title"] for b in books] == ["城南旧事", "呼兰河传"]
    assert table.encoding == ("GB18030" if encoding.startswith("gb") else "UTF-8")
    assert [(p.code, p.line) for p in problems] == [("import_bad_isbn", "2")]


def test_a_csv_that_is_not_chinese_is_refused():
    with pytest.raises(TableError) as refused:
        read_table(csv_bytes([["題名", "責任者"], ["西遊記", "吳承恩著"]], "big5"), ".csv")
    assert refused.value.args[0] == "import_encoding"


def test_the_html_table_a_library_system_saves_as_xls():
    raw = html_xls([["图书验收清单"], ["正题名", "第一责任者", "出版者", "ISBN"], ["骆驼祥子", "老舍著", "人民文学出版社", "7-02-000873-X"]])
    assert kind_of(raw, ".xls") == "html"
    table, books, _, problems = books_of(raw, ".xls")
    assert table.encoding == "GB2312"
    assert books[0].values["author"] == "老舍著" and problems[0].code == "import_bad_isbn"


def test_tab_separated_text_saved_as_xls():
    raw = "书名\t作者\n骆驼祥子\t老舍\n".encode("gbk")
    table, books, _, _ = books_of(raw, ".xls")
    assert table.kind == "csv" and books[0].values == {"title": "骆驼祥子", "author": "老舍"}


def test_headers_with_notes_and_other_widths_still_match(tmp_path):
    path = xlsx(tmp_path / "l.xlsx", [["题 名", "作者（译者）", "ＩＳＢＮ号", "出版年"], ["小王子", "圣埃克苏佩里", "", 2018.0]])
    _, books, _, _ = books_of(path.read_bytes())
    assert books[0].values == {"title": "小王子", "author": "圣埃克苏佩里", "year": 2018}


def test_no_header_row_is_one_error_naming_the_columns(tmp_path):
    path = xlsx(tmp_path / "l.xlsx", [["名字", "谁写的"], ["小王子", "圣埃克苏佩里"]])
    _, books, _, problems = books_of(path.read_bytes())
    assert books == [] and [p.code for p in problems] == ["import_no_header"]
    assert problems[0].params["expected"] == "题名、责任者"


def test_a_damaged_workbook_is_a_problem_not_a_traceback():
    with pytest.raises(TableError) as refused:
        read_table(b"PK\x03\x04" + b"\0" * 100, ".xlsx")
    assert refused.value.args[0] == "import_table_unreadable"
