"""Loan reports from the library system -> loans per class per week.

Two shapes: a per-class report (one row per class or 部门: the loans of the period, which is
the week given with --week), or a circulation log (one row per loan with the reader's class
and the day), counted by class and by the Monday of each loan's week. Only the class, the
figures and the day are read: pupils' names and card numbers are never looked at.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.importers.classes import ClassMatcher, is_total
from generator.importers.headers import Columns, expected, find_columns
from generator.importers.tables import Sheet, Table
from generator.problems import Problems

HEADERS = {
    "class": ("班级", "部门", "读者单位", "单位", "所在班级", "读者部门", "单位名称", "部门名称", "读者班级", "班别"),
    "grade": ("年级",),
    "count": ("借阅量", "借阅数", "借书量", "借书数", "借阅册数", "借书册数", "借出册数", "借阅次数", "借出数", "借阅册次",
              "册数", "数量", "合计", "借阅总数", "借阅总量", "外借册数", "外借量", "流通量"),
    "date": ("借阅日期", "借书日期", "借出日期", "借出时间", "借阅时间", "借书时间", "日期", "操作时间", "操作日期",
             "外借日期", "外借时间"),
}
NEEDED = (("class",), ("count", "date"))
DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|^(\d{4})(\d{2})(\d{2})(?!\d)")


class WeekNeeded(Exception):
    """A per-class report without --week: the command line must say which week it counts."""


@dataclass
class Loans:
    kind: str  # "report" (per class) or "log" (one row per loan)
    counts: Counter = field(default_factory=Counter)  # (class on the roster, Monday) -> loans
    rows: int = 0  # rows that held a loan figure or a loan
    skipped: int = 0
    outside: int = 0  # log rows of other weeks than --week


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def day_of(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = DAY.search(str(value or "").strip())
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def count_of(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and value >= 0 else None
    match = re.fullmatch(r"\s*(\d+)\s*(册|本|次)?\s*", str(value or ""))
    return int(match.group(1)) if match else None


def _columns(table: Table) -> tuple[Sheet, Columns] | None:
    for sheet in table.sheets:
        columns = find_columns(sheet, HEADERS, NEEDED)
        if columns is not None:
            return sheet, columns
    return None


def read_loans(table: Table, name: str, week: dt.date | None, matcher: ClassMatcher, problems: Problems) -> Loans | None:
    """The loans counted by class and week; None (and an error) when the columns are not there.

    Raises WeekNeeded for a per-class report without a week.
    """
    found = _columns(table)
    if found is None:
        problems.error("import_no_header", name, None, expected=expected(HEADERS, NEEDED))
        return None
    sheet, columns = found
    loans = Loans("log" if "date" in columns.at else "report")
    if loans.kind == "report" and week is None:
        raise WeekNeeded(name)
    unknown: dict[str, list] = {}  # name as written -> [first row, rows, suggestion]
    for index in range(columns.row + 1, len(sheet.rows)):
        row = sheet.rows[index]
        grade, cell = columns.cell(row, "grade"), columns.cell(row, "class")
        if columns.empty(row) or is_total(cell) or is_total(grade):
            continue
        loans.rows += 1
        class_name, near = matcher.match(cell, grade)
        if class_name is None:
            written = f"{grade or ''}{cell or ''}".strip() or "?"
            unknown.setdefault(written, [sheet.where(index), 0, near])[1] += 1
            loans.skipped += 1
            continue
        counted = _row(loans, columns, row, week, name, sheet.where(index), problems)
        if counted is not None:
            loans.counts[(class_name, counted[0])] += counted[1]
    for written, (where, rows, near) in unknown.items():
        code = "import_class_near_miss" if near else "import_unknown_class"
        problems.warn(code, name, where, value=written, rows=rows, suggestion=near)
    return loans


def _row(loans: Loans, columns: Columns, row: list, week: dt.date | None, name: str, where: str,
         problems: Problems) -> tuple[dt.date, int] | None:
    """(Monday, loans) of one row, or None when it is skipped (with a problem) or of another week."""
    if loans.kind == "report":
        count = count_of(columns.cell(row, "count"))
        if count is None:
            problems.error("import_bad_count", name, where, value=str(columns.cell(row, "count") or ""))
            loans.skipped += 1
            return None
        return week, count
    day = day_of(columns.cell(row, "date"))
    if day is None:
        problems.error("import_bad_date", name, where, value=str(columns.cell(row, "date") or ""))
        loans.skipped += 1
        return None
    if week is not None and monday_of(day) != week:
        loans.outside += 1
        return None
    count = count_of(columns.cell(row, "count")) if "count" in columns.at else None
    return monday_of(day), 1 if count is None else count
