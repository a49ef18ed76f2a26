"""Schemas declared as data catch what a librarian gets wrong, naming the field and line."""
from __future__ import annotations

import pytest

from conftest import build_project
from generator.problems import BuildFailed


def problems_of(project, relative: str, text: str):
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_project(project, project / "output")
    # The mini site's own warnings (the sanitiser's, about its hostile test markup) are not this file's.
    return [p for p in failed.value.problems if p.is_error or p.file == relative]


BOOK = "---\ntitle: 新书\nauthor: 作者\nshelved: 2026-03-01\n{extra}---\n正文\n"


@pytest.mark.parametrize("extra, code, line", [
    ("isbn: \"978-7-02-000873-4\"\n", "bad_isbn_checksum", 5),
    ("isbn: \"12345\"\n", "bad_isbn", 5),
    ("call_number: 文学\n", "bad_call_number", 5),
    ("year: 二〇一九\n", "wrong_kind", 5),
    ("grade_bands: [幼儿园]\n", "unknown_grade_band", 5),
    ("cover: nothere.png\n", "missing_cover", 5),
    ("audience: [parents]\n", "bad_choice", 5),
])
def test_bad_book_fields(project, extra, code, line):
    problems = problems_of(project, "content/books/new.md", BOOK.format(extra=extra))
    found = [(p.code, p.file, p.line) for p in problems if p.is_error]
    assert found == [(code, "content/books/new.md", line)]


def test_missing_required_field_and_bad_date_reported_together(project):
    problems = problems_of(project, "content/books/new.md", "---\ntitle: 新书\nshelved: 3月5日\n---\n")
    codes = sorted(p.code for p in problems if p.is_error)
    assert codes == ["bad_date", "missing_field"]


def test_unknown_field_is_a_warning_with_the_closest_name(project):
    (project / "content/books/new.md").write_text(BOOK.format(extra="auther: 某人\n"), encoding="utf-8")
    result = build_project(project, project / "output")
    warning = next(p for p in result.problems if p.code == "unknown_field")
    assert warning.params["suggestion"] == "author" and warning.line == 5


def test_reading_list_pointing_at_an_unknown_book(project):
    problems = problems_of(project, "content/lists/bad.yaml", "title: 书目\nitems:\n  - book: nosuchbook\n")
    assert [(p.code, p.line) for p in problems] == [("unknown_book", 3)]


def test_rotation_naming_a_class_not_on_the_roster(project):
    path = project / "content/rosters/2026-spring.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("classes: [三年级(1)班]", "classes: [三年级(9)班]"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_project(project, project / "output")
    assert [(p.code, p.params["value"]) for p in failed.value.problems if p.is_error] == [("rotation_unknown_class", "三年级(9)班")]


def test_unquoted_time_is_explained(project):
    problems = problems_of(project, "content/calendar/2026-spring.yaml",
                           "semester: 学期\nfirst_day: 2026-02-23\nlast_day: 2026-07-03\nactivities:\n"
                           "  - date: 2026-03-05\n    title: 讲座\n    time: 14:00\n")
    assert [(p.code, p.line) for p in problems] == [("unquoted_time", 7)]


def test_activity_needs_exactly_one_kind_of_date(project):
    problems = problems_of(project, "content/calendar/2026-spring.yaml",
                           "semester: 学期\nfirst_day: 2026-02-23\nlast_day: 2026-07-03\nactivities:\n"
                           "  - title: 没有日期\n  - title: 两种日期\n    date: 2026-03-01\n    month: 2026-03\n")
    assert [(p.code, p.line) for p in problems] == [("activity_when", 5), ("activity_when", 6)]


def test_loans_must_match_weeks(project):
    problems = problems_of(project, "content/stats/2026-03.yaml",
                           "month: 2026-03\nweeks: [2026-03-02, 2026-03-09]\nclasses:\n"
                           "  - class: 一年级(1)班\n    pupils: 30\n    loans: [1, 2, 3]\n")
    assert [(p.code, p.line) for p in problems] == [("loans_weeks_mismatch", 6)]


def test_every_problem_in_every_file_is_reported_in_one_run(project):
    for n in range(5):
        (project / f"content/books/bad{n}.md").write_text("---\ntitle: 坏\n---\n", encoding="utf-8")
    (project / "content/awards/bad.yaml").write_text("name: 奖\nwinners: []\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_project(project, project / "output")
    files = {p.file for p in failed.value.problems if p.is_error}
    assert files == {f"content/books/bad{n}.md" for n in range(5)} | {"content/awards/bad.yaml"}
