"""Class names as reports and class lists write them -> the roster's names.

三年级2班, 三年级（2）班, 3年级2班, 三(2)班 and a grade column 三年级 beside a class column
2班 are all 三年级(2)班; a name that is none of those gets a “did you mean” from the roster.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

from generator.ordering import grade_number, parse_class

NUMERALS = "一二三四五六七八九"
SHORT = re.compile(r"^(?P<grade>[一二三四五六七八九]|\d{1,2})\s*[(.\-]?\s*(?P<number>\d+)\s*\)?\s*班?$")  # 三(2)班, 3.2班
NOT_A_CLASS = re.compile(r"(合计|总计|小计|总数|共计|^计$)")  # total rows of a report


def _plain(text: object) -> str:
    # NFKC: full-width digits and brackets （２） become (2)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def grade_name(grade: str) -> str:
    """3, 3年级 -> 三年级; 三年级, 初一 stay as they are."""
    grade = _plain(grade)
    number = grade.removesuffix("年级")
    if number.isdigit() and 1 <= int(number) <= 9:
        return f"{NUMERALS[int(number) - 1]}年级"
    return grade


def class_name(cell: object, grade: object = None) -> str | None:
    """The class as a roster writes it (三年级(2)班), or None when it cannot be told."""
    text = _plain(cell)
    if not text:
        return None
    if grade and _plain(grade) and not parse_class(text):
        text = grade_name(str(grade)) + text.removeprefix(_plain(grade))
    parsed = parse_class(text)
    if parsed:
        return f"{grade_name(parsed[0])}({parsed[1]})班"
    short = SHORT.match(text)
    if short:
        number = short.group("grade")
        level = NUMERALS.index(number) + 1 if number in NUMERALS else int(number)
        if 1 <= level <= 9:
            return f"{NUMERALS[level - 1]}年级({int(short.group('number'))})班"
    return None


def is_total(cell: object) -> bool:
    return bool(NOT_A_CLASS.search(_plain(cell)))


def grade_and_number(name: str) -> tuple[int, int] | None:
    """(grade, number) for comparing names: 七年级(1)班 and 初一(1)班 are one class."""
    parsed = parse_class(name)
    return (grade_number(parsed[0]), parsed[1]) if parsed else None


class ClassMatcher:
    """Match names from a report to the roster's; without a roster, names are taken as read."""

    def __init__(self, roster_names: tuple[str, ...] | None):
        self.names = roster_names
        self.by_key = {grade_and_number(n): n for n in roster_names or () if grade_and_number(n)}

    def match(self, cell: object, grade: object = None) -> tuple[str | None, str]:
        """(the roster's name, "") or (None, a near roster name to suggest, possibly "")."""
        written = _plain(cell) if grade is None or not _plain(grade) else _plain(grade) + _plain(cell)
        name = class_name(cell, grade)
        if self.names is None:
            return (name or written or None), ""
        if written in self.names:
            return written, ""
        if name is not None and (name in self.names or grade_and_number(name) in self.by_key):
            return (name if name in self.names else self.by_key[grade_and_number(name)]), ""
        if name is not None:
            return None, ""  # a class of its own (五年级(1)班), not a typo of one on the roster
        near = difflib.get_close_matches(written, self.names, n=1, cutoff=0.6)
        return None, near[0] if near else ""
